/**
 * One record file: YAML text in, positioned diagnostics and (when valid) the
 * interpreted record out. Never throws, whatever the input.
 */
import { repoKey } from '../links/repoUrl';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { FILE_START, fieldPath, type DiagnosticFix, type RecordDiagnostic, type Range, type Severity } from './diagnostics';
import { nearestValue } from './didYouMean';
import { buildAction, buildIncident, buildRunbook, type IndexedRecord, type SemanticProblem } from './model';
import { actionRecordSchema, incidentSchema, runbookSchema, type RecordKind } from './schema';
import { commandProblem } from '../trust/terminalText';
import { PositionMapper, rangeForPath, type FieldPath } from './yamlPositions';
import { checkLinkPath, matchesEverything } from '../links/linkIndex';
import { untrustedTextProblems } from '../trust/lintText';
import { deepNestingAt, MAX_NESTING } from './yamlNesting';

export const DEFAULT_MAX_FILE_BYTES = 1_000_000;
/** Aliases a document may expand; far above any real record, far below a "billion laughs" bomb. */
const MAX_ALIAS_COUNT = 100;

/** YAML errors reported per file; the rest are counted in the last one. */
const MAX_YAML_ERRORS = 50;

export interface ParseOptions {
  maxFileBytes?: number;
  /**
   * Read with the record-head reader where it can (recordHead.ts): records
   * without diagnostics (headsOnly), for the questions that need none. Not
   * part of a cache's identity: full entries answer head reads too.
   */
  heads?: boolean;
}

/** Field ranges by field path; a Map when parsed here, a compact array when read back from a worker or the cache. */
export interface Anchors extends Iterable<[string, Range]> {
  get(field: string): Range | undefined;
}

export interface ParsedFile {
  readonly file: string;
  readonly kind?: RecordKind;
  readonly record?: IndexedRecord;
  readonly diagnostics: RecordDiagnostic[];
  /** Ranges of the fields that cross-record checks point at (id, parent, action plan, links). */
  readonly anchors: Anchors;
  /** True when the YAML itself is broken (no edit may write into this file). */
  readonly yamlBroken: boolean;
  /** Hash of the text it was parsed from, when the parser computed one (cache validation). */
  readonly contentHash?: string;
  /** Read by the record-head reader (recordHead.ts): the record without the file's diagnostics and anchors. */
  readonly headsOnly?: true;
}

export function kindFromId(id: unknown, file: string): RecordKind | undefined {
  const name = typeof id === 'string' ? id : (file.split('/').pop() ?? '');
  if (/^INC-/i.test(name)) return 'incident';
  if (/^ACTION-/i.test(name)) return 'action';
  if (/^RB-/i.test(name)) return 'runbook';
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

function oneOf(values: readonly unknown[]): string {
  const parts = values.map((v) => String(v));
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, seg) ? (cur as Record<string | number, unknown>)[seg] : undefined;
  }
  return cur;
}

function issueMessage(issue: z.core.$ZodIssue, actual: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) return 'is required';
      return `expected ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : issue.expected}, got ${describe(actual)}`;
    case 'invalid_value':
      return `expected ${oneOf(issue.values)}, got ${describe(actual)}`;
    case 'invalid_union': {
      const values = new Set<unknown>();
      for (const branch of issue.errors) for (const sub of branch) if (sub.code === 'invalid_value') sub.values.forEach((v) => values.add(v));
      return values.size ? `expected ${oneOf([...values])} (or a list of them), got ${describe(actual)}` : `has the wrong shape: ${describe(actual)}`;
    }
    case 'invalid_format':
      return `${issue.message}, got ${describe(actual)}`;
    default:
      return issue.message;
  }
}

/** Object shapes of a schema, for reporting (not dropping) unknown fields. */
function unknownFields(schema: z.ZodType, value: unknown, path: (string | number)[], out: FieldPath[]): void {
  if (value === null || value === undefined) return;
  if (schema instanceof z.ZodOptional) return unknownFields(schema.unwrap() as z.ZodType, value, path, out);
  if (schema instanceof z.ZodObject && typeof value === 'object' && !Array.isArray(value)) {
    const shape = schema.shape as Record<string, z.ZodType>;
    for (const key of Object.keys(value)) {
      const child = shape[key];
      if (!child || !Object.prototype.hasOwnProperty.call(shape, key)) out.push([...path, key]);
      else unknownFields(child, (value as Record<string, unknown>)[key], [...path, key], out);
    }
    return;
  }
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((item, i) => unknownFields(schema.element as z.ZodType, item, [...path, i], out));
    return;
  }
  if (schema instanceof z.ZodUnion) {
    for (const option of schema.options as z.ZodType[]) {
      if (option instanceof z.ZodArray && Array.isArray(value)) return unknownFields(option, value, path, out);
    }
  }
}

/**
 * A file over the size limit, known from its size alone: hosts stat (or read
 * with a bound) before reading, so such a file is reported without ever being
 * read whole.
 */
export function tooLargeRecord(file: string, size: number, options: ParseOptions = {}): ParsedFile {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const diagnostics: RecordDiagnostic[] = [
    {
      file,
      range: FILE_START,
      severity: 'error',
      field: '',
      message: `file is ${size} bytes, above the ${maxBytes}-byte limit (incidentLens.maxFileSize); skipped`,
      code: 'too-large',
    },
  ];
  return { file, diagnostics, anchors: new Map<string, Range>(), yamlBroken: true };
}

export function parseRecordText(file: string, raw: string, options: ParseOptions = {}): ParsedFile {
  // Editors hide a byte-order mark; count positions the way they do.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const diagnostics: RecordDiagnostic[] = [];
  const anchors = new Map<string, Range>();
  const push = (range: Range, severity: Severity, field: string, message: string, code: string, fix?: DiagnosticFix) =>
    diagnostics.push(fix ? { file, range, severity, field, message, code, fix } : { file, range, severity, field, message, code });

  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (text.length > maxBytes) return tooLargeRecord(file, text.length, options);

  const lines = new LineCounter();
  const mapper = new PositionMapper(lines);
  const deep = deepNestingAt(text, MAX_NESTING);
  if (deep >= 0) {
    lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0 && i < deep; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
    push(
      mapper.range(deep, deep + 1),
      'error',
      '',
      `nested more than ${MAX_NESTING} levels deep: not read (records never need this; the file may be corrupt or hostile)`,
      'too-deep',
    );
    return { file, diagnostics, anchors, yamlBroken: true };
  }
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (err) {
    push(FILE_START, 'error', '', `YAML could not be read: ${(err as Error).message}`, 'yaml');
    return { file, diagnostics, anchors, yamlBroken: true };
  }

  for (const e of doc.errors.slice(0, MAX_YAML_ERRORS)) {
    const message = e.message.split('\n')[0]!;
    const conflict = /^(<{7}|={7}|>{7})/m.test(text) ? ' (the file contains git merge-conflict markers)' : '';
    push(mapper.range(e.pos[0], e.pos[1]), 'error', '', `${message}${conflict}`, 'yaml');
  }
  if (doc.errors.length > MAX_YAML_ERRORS) {
    const last = doc.errors[MAX_YAML_ERRORS]!;
    push(mapper.range(last.pos[0], last.pos[1]), 'error', '', `${doc.errors.length - MAX_YAML_ERRORS} more YAML errors not listed`, 'yaml');
  }
  for (const w of doc.warnings) push(mapper.range(w.pos[0], w.pos[1]), 'warning', '', w.message.split('\n')[0]!, 'yaml');
  if (doc.errors.length) return { file, diagnostics, anchors, yamlBroken: true };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const message = /alias/i.test((err as Error).message)
      ? `too many aliases (more than ${MAX_ALIAS_COUNT}): the file looks like an alias bomb and was not expanded`
      : `YAML could not be read: ${(err as Error).message}`;
    push(FILE_START, 'error', '', message, 'yaml-aliases');
    return { file, diagnostics, anchors, yamlBroken: true };
  }

  if (data === null || data === undefined) {
    push(FILE_START, 'error', '', 'file is empty: a record needs at least an id', 'empty');
    return { file, diagnostics, anchors, yamlBroken: false };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    push(FILE_START, 'error', '', `a record must be a mapping of fields, got ${describe(data)}`, 'not-a-mapping');
    return { file, diagnostics, anchors, yamlBroken: false };
  }

  const id = (data as Record<string, unknown>).id;
  const kind = kindFromId(id, file);
  if (!kind) {
    push(
      rangeForPath(doc, mapper, ['id']),
      'error',
      'id',
      `cannot tell the record kind: expected an id like INC-023, ACTION-INC023-1 or RB-payments-rollback, got ${describe(id)}`,
      'kind',
    );
    return { file, diagnostics, anchors, yamlBroken: false };
  }

  const schema: z.ZodType = kind === 'incident' ? incidentSchema : kind === 'runbook' ? runbookSchema : actionRecordSchema;
  const unknown: FieldPath[] = [];
  unknownFields(schema, data, [], unknown);
  for (const path of unknown) {
    push(rangeForPath(doc, mapper, path, 'key'), 'warning', fieldPath(path), 'unknown field (kept as written, ignored by Incident Lens)', 'unknown-field');
  }

  const result = schema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const actual = valueAt(data, path);
      // An enum typo (status: resovled, priority: p1): name the value meant, and offer it as a fix.
      const meant = issue.code === 'invalid_value' ? nearestValue(actual, issue.values.map(String)) : undefined;
      const message = issueMessage(issue, actual) + (meant ? `; did you mean "${meant}"?` : '');
      push(
        rangeForPath(doc, mapper, path),
        'error',
        fieldPath(path),
        message,
        'schema',
        meant ? { title: `Change to "${meant}"`, path, value: meant } : undefined,
      );
    }
    diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return { file, kind, diagnostics, anchors, yamlBroken: false };
  }

  let record: IndexedRecord;
  let problems: SemanticProblem[];
  if (kind === 'incident') {
    const built = buildIncident(file, result.data as z.infer<typeof incidentSchema>);
    record = built.incident;
    problems = built.problems;
    built.incident.record.postmortem?.actionPlan?.forEach((_, i) =>
      anchors.set(`postmortem.actionPlan[${i}]`, rangeForPath(doc, mapper, ['postmortem', 'actionPlan', i])),
    );
  } else if (kind === 'runbook') {
    const built = buildRunbook(file, result.data as z.infer<typeof runbookSchema>);
    record = built.runbook;
    problems = built.problems;
    anchors.set('lastVerified', rangeForPath(doc, mapper, [built.runbook.record.lastVerified !== undefined ? 'lastVerified' : 'id']));
    built.runbook.record.steps.forEach((step, i) => {
      const refused = step.command === undefined ? undefined : commandProblem(step.command);
      if (refused) problems.push({ path: ['steps', i, 'command'], severity: 'error', message: refused, code: 'command-control' });
    });
  } else {
    const built = buildAction(file, result.data as z.infer<typeof actionRecordSchema>);
    record = built.action;
    problems = built.problems;
    anchors.set('incident', rangeForPath(doc, mapper, ['incident']));
  }
  if (record.kind !== 'runbook') record.record.runbooks?.forEach((_, i) => anchors.set(`runbooks[${i}]`, rangeForPath(doc, mapper, ['runbooks', i])));
  anchors.set('id', rangeForPath(doc, mapper, ['id']));
  record.links.forEach((link, i) => {
    const range = rangeForPath(doc, mapper, ['links', i, 'path']);
    anchors.set(`links[${i}].path`, range);
    const refused = checkLinkPath(link.path);
    if (refused) problems.push({ path: ['links', i, 'path'], severity: 'error', message: refused, code: 'link-outside' });
    else if (matchesEverything(link.path)) {
      problems.push({
        path: ['links', i, 'path'],
        severity: 'warning',
        message: `"${link.path}" matches every file: the incident would concern the whole repository (it is left out of AI instruction files); link the files or folders it concerns`,
        code: 'link-everything',
      });
    }
    if (link.repo !== undefined && !repoKey(link.repo)) {
      problems.push({
        path: ['links', i, 'repo'],
        severity: 'error',
        message: `"${link.repo}" is not a repository URL: write it as git prints it (git remote get-url origin), e.g. git@github.com:acme/payments.git or https://github.com/acme/payments`,
        code: 'link-repo',
      });
    }
  });

  problems.push(...untrustedTextProblems(kind, data));

  const base = file
    .split('/')
    .pop()!
    .replace(/\.ya?ml$/i, '');
  if (base !== record.id) {
    problems.push({ path: ['id'], severity: 'warning', message: `file name "${base}" does not match the id "${record.id}"`, code: 'file-name' });
  }

  for (const p of problems) push(rangeForPath(doc, mapper, p.path, p.at), p.severity, fieldPath(p.path), p.message, p.code, p.fix);
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { file, kind, record, diagnostics, anchors, yamlBroken: false };
}
