/**
 * Issue 31, round 4: the rules and policies chosen on held-out-5, one small
 * document each (written for this test), through the Markdown reader: what a
 * user sees in the preview (facts, notes) and the record. Two policies: where
 * two sources in a document disagree about a fact it stays empty with the
 * reason in the notes; a time in prose takes only a day its own paragraph
 * names.
 */
import { strict as assert } from 'node:assert';
import { parseMarkdownPostmortem } from '../../../../src/core/import/markdown';

function read(md: string) {
  const d = parseMarkdownPostmortem(md, { file: 'pm.md' }).drafts[0]!;
  const fact = (f: string) => d.facts?.find((x) => x.field === f)?.value;
  const timeline = (d.record.timeline ?? []) as Array<{ at: string; text: string }>;
  return { rec: d.record as Record<string, any>, fact, timeline, notes: d.notes };
}

describe('Markdown importer: rules and policies of round 4 (issue 31)', () => {
  it('a time in prose takes the day of its own paragraph, never the title’s', () => {
    const carried = read('# 2024-05-02: API down\n\n## Summary\n\nThe API was down for a while. It was back online at 14:57 UTC.\n');
    assert.equal(carried.fact('end'), undefined);
    assert.equal(carried.rec.resolution, undefined);
    assert.ok(
      carried.notes.some((n) => /line 5 .*names no day of its own/.test(n)),
      carried.notes.join('\n'),
    );
    const own = read('# API down\n\n## Summary\n\nOn 2021-04-27 at 15:09 UTC the API went down.\nIt was back online by 15:56 UTC.\n');
    assert.equal(own.fact('start'), '2021-04-27T15:09 +00:00');
    assert.equal(own.fact('end'), '2021-04-27T15:56 +00:00');
  });
});
