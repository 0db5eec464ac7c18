/**
 * The Markdown importer's first draft of a small document, as the rule tests
 * read it (test/unit/core/import/markdownRound*.test.ts): its record, a fact
 * by field, its timeline and the notes saying why a fact stayed empty.
 */
import { strict as assert } from 'node:assert';
import { parseMarkdownPostmortem } from '../../src/core/import/markdown';

export function read(md: string) {
  const d = parseMarkdownPostmortem(md, { file: 'pm.md' }).drafts[0]!;
  const fact = (f: string) => d.facts?.find((x) => x.field === f)?.value;
  const timeline = (d.record.timeline ?? []) as Array<{ at: string; text: string }>;
  return { rec: d.record as Record<string, any>, fact, timeline, notes: d.notes };
}

/** A document from its lines. */
export const doc = (...lines: string[]) => lines.join('\n');

/** Reads a 100 kB line in well under a second (a pattern that backtracks would take minutes). */
export function linear(md: string): void {
  const t = Date.now();
  read(md);
  assert.ok(Date.now() - t < 2000, `took ${Date.now() - t} ms`);
}

/** The result of `f` with a rule switched off, the rule switched back on after. */
export function without<T>(rule: Record<string, boolean>, key: string, f: () => T): T {
  rule[key] = false;
  try {
    return f();
  } finally {
    rule[key] = true;
  }
}

/** As read(), under a file name of its own (rules that take a year from the file name's date). */
export function readAs(md: string, file: string) {
  const d = parseMarkdownPostmortem(md, { file }).drafts[0]!;
  const fact = (f: string) => d.facts?.find((x) => x.field === f)?.value;
  const timeline = (d.record.timeline ?? []) as Array<{ at: string; text: string }>;
  return { rec: d.record as Record<string, any>, fact, timeline, notes: d.notes };
}
