/**
 * The record-head reader: a record file read for the questions that need
 * records and their links but not the file's diagnostics (which incidents a
 * file concerns, risk, the pre-push check, an agent's first question). It
 * reads the block-style YAML records are written in without building a
 * `yaml` document (blockYaml.ts), checks the schema and builds the record
 * as the full parser would (no record where the schema fails or the id
 * names no kind, as there). Anything it does not fully understand, broken
 * YAML, and files too large or too deeply nested are undefined: the caller
 * reads that file with the full parser (parseRecordText). The result
 * has no diagnostics or anchors (`headsOnly`): it must never stand in for a
 * full parse where diagnostics are shown.
 */
import type { z } from 'zod';
import { readBlockYaml } from './blockYaml';
import { buildAction, buildIncident, buildRunbook, type IndexedRecord } from './model';
import { DEFAULT_MAX_FILE_BYTES, kindFromId, type ParsedFile, type ParseOptions } from './parseRecord';
import { actionRecordSchema, incidentSchema, runbookSchema } from './schema';
import { deepNestingAt, MAX_NESTING } from './yamlNesting';

const NO_ANCHORS: ParsedFile['anchors'] = new Map();

/** The file's record (or that it has none) without its diagnostics, or undefined: read it with parseRecordText. */
export function readRecordHead(file: string, raw: string, options: ParseOptions = {}): ParsedFile | undefined {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.length > (options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES)) return undefined;
  const data = readBlockYaml(text);
  if (!data || deepNestingAt(text, MAX_NESTING) >= 0) return undefined;
  const kind = kindFromId(data.id, file);
  // The YAML is sound (the data is yaml's): a file without a kind or failing the schema has no record for the full parser either.
  const none: ParsedFile = { file, kind, diagnostics: [], anchors: NO_ANCHORS, yamlBroken: false, headsOnly: true };
  if (!kind) return none;
  let record: IndexedRecord;
  if (kind === 'incident') {
    const result = incidentSchema.safeParse(data);
    if (!result.success) return none;
    record = buildIncident(file, result.data as z.infer<typeof incidentSchema>).incident;
  } else if (kind === 'runbook') {
    const result = runbookSchema.safeParse(data);
    if (!result.success) return none;
    record = buildRunbook(file, result.data as z.infer<typeof runbookSchema>).runbook;
  } else {
    const result = actionRecordSchema.safeParse(data);
    if (!result.success) return none;
    record = buildAction(file, result.data as z.infer<typeof actionRecordSchema>).action;
  }
  return { ...none, record };
}
