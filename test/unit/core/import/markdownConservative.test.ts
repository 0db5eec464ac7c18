/**
 * Issue 31, round 3: the reader's start, end and duration are taken only from
 * what is clearly about the outage; otherwise the field stays empty and the
 * record says why. One small document each (written for this test).
 */
import { strict as assert } from 'node:assert';
import { parseMarkdownPostmortem } from '../../../../src/core/import/markdown';

function read(md: string, file = 'pm.md') {
  const r = parseMarkdownPostmortem(md, { file });
  const d = r.drafts[0];
  const facts = Object.fromEntries((d?.facts ?? []).map((f) => [f.field, f.value]));
  return { r, d, facts, notes: d?.notes ?? [] };
}

describe('Markdown importer: conservative start, end and duration (issue 31, round 3)', () => {
  it('a lead-up row marked "pre-attack" is not the start; the team halting the pool is the end', () => {
    const { facts } = read(
      '# Pool exploit\n\n## Timeline (all times UTC, May 5, 2026)\n\n| Time | Event |\n|---|---|\n| ~07:00 | Attacker receives pre-attack funding |\n| 13:38 | Attack 1 drains the pool |\n| ~15:23 | Team halts the pool |\n',
    );
    assert.equal(facts.start, '2026-05-05T13:38 +00:00');
    assert.equal(facts.end, '~2026-05-05T15:23 +00:00');
  });

  it('a Day column beside the times puts each row on its own day; "the chain resumes" ends it', () => {
    const { facts } = read(
      '# Halt\n\n## Timeline\n\n| Day | Time (UTC) | Event |\n|---|---|---|\n| 2025-03-12 | 15:57 | Chain halts |\n| 2025-03-13 | 13:58 | Validators upgrade and the chain resumes |\n',
    );
    assert.equal(facts.start, '2025-03-12T15:57 +00:00');
    assert.equal(facts.end, '2025-03-13T13:58 +00:00');
  });

  it('durations as written: a label keeps its figure only; "lasting …", "for six days", "… hours after the incident began"', () => {
    assert.equal(read('# X\n\n**Duration:** 5 hours 26 minutes of active impact\n').facts.duration, '5 hours 26 minutes');
    assert.equal(read('# X\n\nThe service had an outage lasting 1 hour and 48 minutes.\n').facts.duration, '1 hour and 48 minutes');
    assert.equal(read('# X\n\nThe node was out of service for six days.\n').facts.duration, 'six days');
    assert.equal(read('# X\n\nIt was restored roughly 22 hours after the incident began.\n').facts.duration, 'roughly 22 hours');
  });

  it('a Date label with a range of days and a timeline that opens with a report: the first day, never the report', () => {
    const { facts } = read(
      '# SDK bug\n\n**Date:** January 14-19, 2026\n\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| Jan 14, 10:18 AM | A customer reached out to inform us |\n| Jan 15, 5:33 PM | A new version was released |\n',
    );
    assert.equal(facts.start, '2026-01-14');
    assert.equal(facts.end, '2026-01-19');
  });

  it('a first entry that says it began earlier leaves the start empty, with the reason, and no weaker guess fills it', () => {
    const { facts, notes } = read(
      '# Disclosure 2021-02-04\n\n## Timeline\n\n**Feb 04, 2021, 21:45 (UTC):** Team becomes aware of a transaction mined roughly 30 minutes earlier.\n\n**21:56:** Vault deposits disabled.\n',
    );
    assert.equal(facts.start, undefined);
    assert.ok(notes.some((n) => /first timeline entry .* says it began earlier/.test(n)));
  });

  it('a time in a sentence without its day, in a timeline over several days, gets no guessed day', () => {
    const { facts } = read(
      '# X\n\nAll times UTC.\n\nThe service was back online at 09:00 UTC.\n\n## Timeline\n\n- 2024-03-01 10:00 Errors begin\n- 2024-03-02 08:00 Fix deployed\n',
    );
    assert.notEqual(facts.end, '2024-03-01T09:00 +00:00');
  });

  it('no heading: the first sentence is the title when it says an incident happened (said in the notes); the year from the file name only when the text names that day', () => {
    const { d, facts, notes } = read(
      'Internal write-up: https://example.com/pm/58\n\nOn 28th February, Feature Flags went down for about 3 hours, from 15:30 to 18:10 UTC.\n',
      '2024-02-28-flags-down.md',
    );
    assert.equal(d!.record.title, 'On 28th February, Feature Flags went down for about 3 hours, from 15:30 to 18:10 UTC');
    assert.ok(notes.some((n) => /first sentence \(line 3\) is used/.test(n)));
    assert.equal(facts.start, '2024-02-28T15:30 +00:00');
    assert.equal(facts.end, '2024-02-28T18:10 +00:00');
    assert.ok(notes.some((n) => /2024 is from the file name/.test(n)));
    // Another day in the file name than the text's: no year, so no start.
    assert.equal(read('On 28th February, flags went down from 15:30 to 18:10 UTC.\n', '2024-03-01-notes.md').facts.start, undefined);
    // Notes that say no incident happened stay refused.
    assert.equal(read('Just some notes, no heading.\n').r.drafts.length, 0);
  });
});
