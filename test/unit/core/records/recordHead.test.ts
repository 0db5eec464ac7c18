/**
 * The record-head reader (recordHead.ts, blockYaml.ts) against the full
 * parser: whenever it answers, its data equals `yaml`'s and its record
 * (full record, head, derived figures, links) equals parseRecordText's; it
 * answers for the common records (every generated one that is valid) and
 * falls back on everything it does not understand. Inputs: every YAML
 * fixture and example, a generated workspace, fuzzed records, and fuzzed
 * YAML written by `yaml` in many styles then mutated (comments, anchors,
 * flow style, odd indentation, folded lines).
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import { readBlockYaml } from '../../../../src/core/records/blockYaml';
import { readRecordHead } from '../../../../src/core/records/recordHead';
import { parseRecordText } from '../../../../src/core/records/parseRecord';
import { generateWorkspace } from '../../../../scripts/bench/generate';
import { fuzzedRecord, spell } from '../../../support/fuzzedRecords';
import { REPO_ROOT } from '../../../support/workspace';

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name) && statSync(p).size < 200_000) out.push(p);
  }
  return out;
}

/** What `yaml` gives for the text, as parseRecordText reads it; undefined when it reports an error. */
function yamlData(text: string): unknown {
  const doc = parseDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { prettyErrors: false, uniqueKeys: true, strict: true });
  if (doc.errors.length) return undefined;
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

const plain = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

function recordAnswers(file: string, text: string, head: boolean): unknown {
  const parsed = head ? readRecordHead(file, text) : parseRecordText(file, text);
  if (!parsed) return undefined;
  const r = parsed.record;
  if (!r) return { kind: parsed.kind, yamlBroken: parsed.yamlBroken, record: undefined };
  return {
    kind: parsed.kind,
    yamlBroken: parsed.yamlBroken,
    id: r.id,
    record: plain(r.record),
    links: plain(r.links),
    head: r.kind === 'incident' ? plain(r.head) : undefined,
    derived:
      r.kind === 'incident'
        ? plain([r.start, r.resolution, r.durationMinutes, r.postmortemDeadline, r.milestones, r.openActions, r.searchWords, r.commits, r.aiConnections])
        : undefined,
    deadline: r.kind === 'action' ? plain(r.deadline) : undefined,
    lastVerified: r.kind === 'runbook' ? plain(r.lastVerified) : undefined,
  };
}

/** Checks one text; returns whether the head reader answered (the data reader, the record reader). */
function check(file: string, text: string, what: string): { data: boolean; answered: boolean; record: boolean } {
  const data = readBlockYaml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (data !== undefined) assert.deepStrictEqual(data, yamlData(text), `${what}: data`);
  const head = recordAnswers(file, text, true);
  if (head !== undefined) assert.deepStrictEqual(head, recordAnswers(file, text, false), `${what}: record`);
  return { data: data !== undefined, answered: head !== undefined, record: (head as { record?: unknown } | undefined)?.record !== undefined };
}

describe('record-head reader (core): equal to yaml + the schema, or falls back', () => {
  it('every YAML fixture and example of the repository', () => {
    const files = [...yamlFiles(join(REPO_ROOT, 'test', 'fixtures')), ...yamlFiles(join(REPO_ROOT, 'examples'))];
    let records = 0;
    for (const f of files) records += check(`.incidents/${f.split('/').pop()}`, readFileSync(f, 'utf8'), relative(REPO_ROOT, f)).record ? 1 : 0;
    // The examples are written the common way: most are read without the full parser.
    assert.ok(records >= 20, `only ${records} of ${files.length} fixtures read by the head reader`);
  });

  it('every record of a generated workspace (300 incidents, action records, broken files): all valid ones read by the head reader', function () {
    this.timeout(120_000);
    const ws = generateWorkspace(mkdtempSync(join(tmpdir(), 'incident-lens-head-')), 300);
    const dir = join(ws.root, '.incidents');
    const files = [...readdirSync(dir).map((f) => `.incidents/${f}`), ...readdirSync(join(dir, 'actions')).map((f) => `.incidents/actions/${f}`)].filter((f) =>
      f.endsWith('.yaml'),
    );
    assert.equal(files.length, ws.files);
    let valid = 0;
    let head = 0;
    let answered = 0;
    for (const f of files) {
      const text = readFileSync(join(ws.root, f), 'utf8');
      if (parseRecordText(f, text).record) valid++;
      const r = check(f, text, f);
      if (r.record) head++;
      if (r.answered) answered++;
    }
    assert.equal(head, valid, 'every valid generated record is read by the head reader');
    // Schema errors too (no record, as for the full parser); only the broken YAML is left to the full parser.
    assert.ok(answered > valid && answered >= files.length - files.length * 0.01, `${answered} of ${files.length} answered`);
    assert.ok(valid > ws.files * 0.97);
  });

  it('fuzzed records: anchors, flow style, comments, block and folded strings, quoting, odd indentation, broken files', () => {
    let data = 0;
    let records = 0;
    let full = 0;
    for (const sample of fc.sample(fuzzedRecord, { numRuns: 600, seed: 29 })) {
      const { id, text } = spell(sample);
      const r = check(`.incidents/${id}.yaml`, text, text);
      data += r.data ? 1 : 0;
      records += r.record ? 1 : 0;
      full += parseRecordText(`.incidents/${id}.yaml`, text).record ? 1 : 0;
    }
    // Both paths are exercised: many answered here, the rest (anchors, flow mappings, indicators…) by the full parser.
    assert.ok(records >= 15 && records < full, `head reader answered ${records}, the full parser found ${full} records`);
    assert.ok(data > records);
  });

  it('fuzzed YAML written by yaml in many styles, then mutated', () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/);
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.stringMatching(/^[A-Za-z0-9 .,:#'"\-[\]{}&*!|>%@`?\\]{0,60}$/),
      fc.array(fc.stringMatching(/^[a-z ]{0,12}$/), { maxLength: 6 }).map((l) => l.join('\n')),
      fc.constantFrom('true', 'null', '~', '12', '-3', '0.5', '1e3', '0x1F', '007', '.inf', '2026-03-01T10:00:00+02:00', '10:05', 'a: b', 'a #b', '- x', ''),
    );
    const scalar = fc.oneof(
      { arbitrary: text, weight: 6 },
      fc.integer({ min: -1000, max: 100_000 }),
      fc.boolean(),
      fc.constant(null),
      fc.integer({ min: -999, max: 999 }).map((n) => n / 8),
      fc.double({ noNaN: true }),
    );
    // Shaped like records: mappings of scalars, lists of scalars or of mappings, a few levels deep.
    const value = fc.letrec<{ node: unknown; map: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        { arbitrary: scalar, weight: 4 },
        fc.array(fc.oneof(scalar, tie('map')), { maxLength: 4 }),
        tie('map'),
      ),
      map: fc.dictionary(word, tie('node'), { minKeys: 1, maxKeys: 4 }),
    })).node;
    const doc = fc.record({
      data: fc.dictionary(word, value, { minKeys: 1, maxKeys: 6 }),
      lineWidth: fc.constantFrom(0, 20, 40, 80),
      indent: fc.constantFrom(2, 3, 4),
      indentSeq: fc.boolean(),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      mutation: fc.constantFrom('none', 'comment', 'blank', 'indent', 'anchor', 'trailing', 'crlf', 'tab', 'dedent'),
      at: fc.nat(),
    });
    let answered = 0;
    const samples = fc.sample(doc, { numRuns: 1500, seed: 2029 });
    for (const d of samples) {
      let yaml = stringify(d.data, {
        lineWidth: d.lineWidth,
        minContentWidth: 0,
        indent: d.indent,
        indentSeq: d.indentSeq,
        defaultStringType: d.defaultStringType as 'PLAIN',
        defaultKeyType: 'PLAIN',
      });
      const lines = yaml.split('\n');
      const i = d.at % Math.max(1, lines.length - 1);
      if (d.mutation === 'comment') lines.splice(i, 0, `${' '.repeat(d.at % 5)}# a comment: with - [odd] "chars"`);
      if (d.mutation === 'blank') lines.splice(i, 0, ' '.repeat(d.at % 7));
      if (d.mutation === 'indent') lines[i] = ` ${lines[i]}`;
      if (d.mutation === 'dedent') lines[i] = lines[i]!.replace(/^ /, '');
      if (d.mutation === 'anchor') lines[i] = lines[i]!.replace(/: (.+)$/, ': &a $1');
      if (d.mutation === 'trailing') lines[i] = `${lines[i]}  # trailing`;
      if (d.mutation === 'tab') lines[i] = `\t${lines[i]}`;
      yaml = lines.join(d.mutation === 'crlf' ? '\r\n' : '\n');
      if (check('.incidents/x.yaml', yaml, yaml).data) answered++;
    }
    assert.ok(answered > samples.length / 6, `answered ${answered} of ${samples.length}`);
  });
});

describe('record-head reader (core): hostile records (test/fixtures/hostile/head-reader)', () => {
  const dir = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'head-reader');
  const read = (id: string) => {
    const file = `.incidents/${id}.yaml`;
    const text = readFileSync(join(dir, `${id}.yaml`), 'utf8');
    return { file, text, full: parseRecordText(file, text), head: readRecordHead(file, text) };
  };

  it('leaves every trick to the full parser, which gives what YAML means', () => {
    const expected: Record<string, string | undefined> = {
      'INC-701': undefined,
      'INC-702': undefined,
      'INC-703': 'active',
      'INC-704': 'active',
      'INC-705': undefined,
      'INC-707': 'resolved',
      'INC-708': undefined,
      'INC-709': undefined,
    };
    for (const [id, status] of Object.entries(expected)) {
      const r = read(id);
      assert.equal(r.head, undefined, `${id}: the head reader falls back`);
      assert.equal(r.full.record?.kind === 'incident' ? r.full.record.head.status : undefined, status, `${id}: full parser`);
    }
  });

  it('reads escapes, a byte-order mark and a folded link path exactly as yaml does', () => {
    const r = read('INC-706');
    assert.ok(r.head?.record, 'read by the head reader');
    assert.deepEqual(
      r.head.record.links.map((l) => [l.path, l.symbol]),
      [
        ['src/billing/charge.ts', 'chargeA'],
        ['src/billing/ refund.ts', undefined],
      ],
    );
    assert.deepStrictEqual(recordAnswers(r.file, r.text, true), recordAnswers(r.file, r.text, false));
  });
});
