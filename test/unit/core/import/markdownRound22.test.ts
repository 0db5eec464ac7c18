/**
 * Issue 31, round 22: the rules chosen on held-out-24 (LiteLLM's blog, pgmac-net's incident reviews, Eyevinn's Babbla
 * incident note, GNS Science's backup incident), wrong facts first: small documents written for this test, each rule
 * with a case where it fires and one where it must not, and each switchable rule checked off.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import { DURATION_WINDOW_RULE, LAST_PART_RULE } from '../../../../src/core/import/markdown/spanDurationWindow';
import { INNER_FIGURE_RULE, LABEL_FIRST_RULE } from '../../../../src/core/import/markdown/duration';
import { ESTIMATE_PAREN_RULE } from '../../../../src/core/import/markdown/stamp';
import { SNAPSHOT_END_RULE } from '../../../../src/core/import/markdown/spanSafety';
import { DATE_LABEL_START_RULE, RANGE_BEFORE_TITLE_RULE } from '../../../../src/core/import/markdown/spanWeakStart';
import { ZONE_COMMA_RULE } from '../../../../src/core/import/markdown/zones';
import { WENT_RIGHT_RULE } from '../../../../src/core/import/markdown/spanJudge';
import { RESOLVED_DAY_RULE } from '../../../../src/core/import/markdown/spanEndLabel';
import { RELATIVE_ROWS_RULE, UNTIMED_STEPS_RULE } from '../../../../src/core/import/markdown/timelineSteps';
import { ZONE_COLUMNS_RULE } from '../../../../src/core/import/markdown/tableZones';
import { BLOCKED_RULE } from '../../../../src/core/import/markdown/durationTie';
import { RECOVERS_RULE } from '../../../../src/core/import/markdown/spanJudge';

const review = (duration: string, ...rows: string[]) =>
  doc(
    '# Watch cache freeze',
    '',
    '**Date:** 2026-06-24',
    `**Duration:** ${duration}`,
    '',
    '## Timeline (UTC)',
    '',
    '| Time | Event |',
    '|---|---|',
    ...rows,
    '',
  );
const rows = [
  '| **16:04 UTC** | dqlite `database is locked` errors on two nodes |',
  '| **~20:04 UTC** | The watch stream closes; the cache fails |',
  '| **~20:20 UTC** | Alert fires: no pod created for 30 minutes |',
  '| **~00:19 UTC** | Backlog drains; newest pod < 2m |',
];

describe('Markdown importer: rules of round 22 (issue 31)', () => {
  it("a Duration label's window, counted by its figure, is the start and the end", () => {
    const md = review('~4h active (Nagios alert ~20:20 UTC → recovery ~00:20 UTC 2026-06-25)', ...rows);
    assert.equal(read(md).fact('start'), '~2026-06-24T20:20 +00:00');
    assert.equal(read(md).fact('end'), '~2026-06-25T00:20 +00:00');
    assert.equal(without(DURATION_WINDOW_RULE, 'on', () => read(md)).fact('start'), '2026-06-24T16:04 +00:00');
    // Must not fire: a window the figure does not count, or a parenthesis that is no window.
    assert.equal(read(review('~2h active (alert ~20:20 UTC → recovery ~00:20 UTC)', ...rows)).fact('start'), '2026-06-24T16:04 +00:00');
    assert.equal(read(review('7 days degraded (2/3 nodes)', ...rows)).fact('start'), '2026-06-24T16:04 +00:00');
  });

  it("a Duration label's last part, after a '+', gives the end its window states", () => {
    const md = (duration: string) =>
      doc(
        '# Quorum loss',
        '',
        '**Date:** 2026-04-04 (degraded) → 2026-04-12',
        `**Duration:** ${duration}`,
        '',
        '## Timeline (AEST — UTC+10)',
        '',
        '| Time | Event |',
        '|---|---|',
        '| **2026-04-04 (est.)** | k8s02 disk pressure causes write failures. |',
        '| **2026-04-12 09:27 AEST** | Incident opened; nodes fail. |',
        '',
      );
    const parts = '7 days degraded (2/3 nodes) + ~1h 12m complete outage (2026-04-12 09:27–10:39 AEST)';
    assert.equal(read(md(parts)).fact('start'), '~2026-04-04');
    assert.equal(read(md(parts)).fact('end'), '2026-04-12T10:39 +10:00');
    assert.equal(without(LAST_PART_RULE, 'on', () => read(md(parts))).fact('end'), undefined);
    // Must not fire: a last part whose figure does not count its window.
    assert.equal(read(md('7 days degraded + ~3h complete outage (2026-04-12 09:27–10:39 AEST)')).fact('end'), undefined);
  });

  it("a Duration label's figure is kept over a later sentence's wording of the same length", () => {
    const md = doc('# Pod stuck', '', '**Duration:** ~31m active', '', '## Impact', '', '- User-visible: the web UI was unavailable for ~31 minutes', '');
    assert.equal(read(md).fact('duration'), '~31m');
    assert.equal(without(LABEL_FIRST_RULE, 'on', () => read(md)).fact('duration'), '~31 minutes');
    // Must not fire: the opening's own sentence, before the label, still gives its wording.
    const first = doc('# Pod stuck', '', 'The web UI was unavailable for 31 minutes.', '', '**Duration:** 31m active', '');
    assert.equal(read(first).fact('duration'), '31 minutes');
  });

  it('a Duration label that does not open with a figure gives its one figure, never the whole line', () => {
    const md = (value: string) => doc('# Sonarr outage', '', `**Duration:** ${value}`, '', 'Sonarr was unavailable.', '');
    const line = 'Unknown silent failure period + ~45m active investigation and recovery';
    assert.equal(read(md(line)).fact('duration'), '~45m');
    assert.equal(without(INNER_FIGURE_RULE, 'on', () => read(md(line))).fact('duration'), line);
    // Must not fire: two figures in the line, or a line that opens with its figure.
    assert.equal(read(md('Unknown; 2h degraded + ~45m down')).fact('duration'), 'Unknown; 2h degraded + ~45m down');
    assert.equal(read(md('~45m active')).fact('duration'), '~45m');
  });

  it("'(est.)' after a day or a time makes it approximate", () => {
    const md = (cell: string) =>
      doc('# Quorum loss', '', '## Timeline (UTC)', '', '| Time | Event |', '|---|---|', `| **${cell}** | k8s02 disk pressure causes write failures |`, '');
    assert.equal(read(md('2026-04-04 (est.)')).fact('start'), '~2026-04-04');
    assert.equal(read(md('2026-04-04 09:30 (est.)')).fact('start'), '~2026-04-04T09:30 +00:00');
    assert.equal(without(ESTIMATE_PAREN_RULE, 'on', () => read(md('2026-04-04 (est.)'))).fact('start'), '2026-04-04');
    // Must not fire: a day without the mark.
    assert.equal(read(md('2026-04-04')).fact('start'), '2026-04-04');
  });

  it('the time a snapshot was taken is no end', () => {
    const md = (line: string) =>
      doc('# Cluster outage', '', '## Summary', '', 'The cluster went down at 09:27 AEST on 2026-04-11.', '', '## Impact', '', `- ${line}`, '');
    const snap = 'Cluster state recovered from snapshot taken at 2026-04-11 16:17 AEST';
    assert.equal(read(md(snap)).fact('end'), undefined);
    assert.ok(read(md(snap)).notes.some((n) => /snapshot or backup was taken/.test(n)));
    assert.equal(without(SNAPSHOT_END_RULE, 'on', () => read(md(snap))).fact('end'), '2026-04-11T16:17 +10:00');
    // Must not fire: the service recovered at that time.
    assert.equal(read(md('Cluster recovered at 2026-04-12 10:39 AEST')).fact('end'), '2026-04-12T10:39 +10:00');
  });

  it('a Date label of one day and no time is the start, the day only, where nothing else gives one', () => {
    const md = (...body: string[]) => doc('---', 'title: "Incident Report: embeddings broken"', 'date: 2026-02-18T10:00:00', '---', '', ...body, '');
    const post = md('**Date:** Feb 16, 2026', '**Duration:** ~3 hours', '', '## Summary', '', 'A commit broke embeddings.');
    assert.equal(read(post).fact('start'), '2026-02-16');
    assert.equal(without(DATE_LABEL_START_RULE, 'on', () => read(post)).fact('start'), undefined);
    // Must not fire: the text gives a time ("At roughly 09:30 GMT"), or the label does ("3am").
    assert.equal(read(md('**Date:** Feb 16, 2026', '', '## Summary', '', 'At roughly 09:30 GMT, the network halted.')).fact('start'), undefined);
    assert.equal(read(md('**Date:** Feb 16, 2026 3am', '', '## Summary', '', 'A commit broke embeddings.')).fact('start'), undefined);
  });

  it("a period in the opening that begins before the title's day keeps the title's day from being the start", () => {
    const md = (impact: string) =>
      doc('# 2026-06-19 — silent cleanup failure', '', '## Summary', '', 'A cleanup failed silently.', '', '## Impact', '', `- ${impact}`, '');
    const blocked = 'S3 sync blocked for ~3 days (2026-06-18 → 2026-06-22).';
    assert.equal(read(md(blocked)).fact('start'), undefined);
    assert.ok(read(md(blocked)).notes.some((n) => /states a period from 2026-06-18/.test(n)));
    assert.equal(without(RANGE_BEFORE_TITLE_RULE, 'on', () => read(md(blocked))).fact('start'), '2026-06-19');
    // Must not fire: a period that begins on the title's day.
    assert.equal(read(md('S3 sync blocked (2026-06-19 → 2026-06-22).')).fact('start'), '2026-06-19');
  });

  it('a timeline heading with its zone and day in one parenthesis gives the zone; an entry that went right is no start', () => {
    const md = (heading: string, second: string) =>
      doc(
        '# Incident: tool confinement not enforced',
        '',
        `## Timeline ${heading}`,
        '',
        '- **20:25** — Container started with credentials mounted.',
        `- **20:29** — Ask → skilled path, ${second}: no \`Bash\`.`,
        '- **20:36** — Ask → plain path: `Bash`×4, wrote files outside the allowlist.',
        '- **~20:40** — Detected during log review; container stopped.',
        '',
      );
    const r = read(md('(UTC, 2026-06-20)', 'correct'));
    assert.equal(r.fact('start'), '2026-06-20T20:36 +00:00');
    assert.equal(without(ZONE_COMMA_RULE, 'on', () => read(md('(UTC, 2026-06-20)', 'correct'))).fact('start'), '2026-06-20T20:36 (zone not stated)');
    assert.equal(without(WENT_RIGHT_RULE, 'on', () => read(md('(UTC, 2026-06-20)', 'correct'))).fact('start'), '2026-06-20T20:29 +00:00');
    // Must not fire: an entry that does not say it went right; a parenthesis that is not a zone.
    assert.equal(read(md('(UTC, 2026-06-20)', 'used')).fact('start'), '2026-06-20T20:29 +00:00');
    assert.equal(read(md('(first day, 2026-06-20)', 'correct')).fact('start'), '2026-06-20T20:36 (zone not stated)');
  });

  it('a Status label that gives the day it was resolved is the end, the day only', () => {
    const md = (status: string) =>
      doc(
        '# Incident: confinement',
        '',
        '| | |',
        '| --- | --- |',
        `| **Status** | **${status}** — fixed and verified |`,
        '',
        '## Timeline (UTC, 2026-06-20)',
        '',
        '- **20:36** — The agent wrote files outside the allowlist; the guard failed.',
        '',
      );
    assert.equal(read(md('Resolved 2026-06-20')).fact('end'), '2026-06-20');
    assert.equal(without(RESOLVED_DAY_RULE, 'on', () => read(md('Resolved 2026-06-20'))).fact('end'), undefined);
    // Must not fire: no day, or a day before the start.
    assert.equal(read(md('Resolved')).fact('end'), undefined);
    assert.equal(read(md('Resolved 2026-06-19')).fact('end'), undefined);
  });

  it("numbered steps without times in a one-day document are entries on that day, marked '(time not given)'", () => {
    const md = (...steps: string[]) =>
      doc(
        '---',
        'title: "Incident Report: cost map"',
        '---',
        '',
        '**Date:** January 27, 2026',
        '**Duration:** ~20 minutes',
        '',
        '## Summary',
        '',
        'A malformed file broke cost tracking.',
        '',
        '**Timeline:**',
        '',
        ...steps,
        '',
      );
    const four = md('1. Malformed JSON merged to `main`', '2. Installations fall back to a stale copy', '3. Users report errors', '4. Bad commit reverted');
    const r = read(four);
    assert.equal(r.timeline.length, 4);
    assert.equal(r.timeline[0]!.at, '2026-01-27');
    assert.match(r.timeline[0]!.text, /^\(time not given\) Malformed JSON/);
    assert.equal(without(UNTIMED_STEPS_RULE, 'on', () => read(four)).timeline.length, 0);
    // Must not fire: one step alone, a step among timed entries, or a document that names two days.
    assert.equal(read(md('1. Malformed JSON merged')).timeline.length, 0);
    assert.equal(read(md('1. 10:02 Malformed JSON merged', '2. Users report errors')).timeline.length, 1);
    const twoDays = md('1. Malformed JSON merged', '2. Reverted on January 28, 2026');
    assert.equal(read(twoDays).timeline.length, 0);
  });

  it('a table whose header names zones alone reads its first zone column as the times; a day cell with words is that day', () => {
    const md = (head: string, second = 'UTC') =>
      doc(
        '# Silent cleanup failure',
        '',
        '## Timeline',
        '',
        `| ${head} | ${second} | Event |`,
        '|---|---|---|',
        '| 2026-06-18 09:46 | 2026-06-17 21:46 | Backup fails at submission. |',
        '| 2026-06-20, 2026-06-21 | — | Reports stay red. |',
        '| 2026-06-22 ~14:00 | — | Fix deployed; a manual run recovers the missing keys. |',
        '| 2026-06-22 end of day | — | Follow-up issues filed. |',
        '',
      );
    const r = read(md('NZST'));
    assert.equal(r.timeline.length, 4);
    assert.equal(r.fact('start'), '2026-06-18T09:46 +12:00');
    assert.equal(r.fact('end'), '~2026-06-22T14:00 +12:00');
    assert.equal(r.timeline[1]!.at, '2026-06-20');
    assert.match(r.timeline[1]!.text, /^\(2026-06-21\) — Reports stay red/);
    assert.equal(without(ZONE_COLUMNS_RULE, 'on', () => read(md('NZST'))).timeline.length, 0);
    assert.equal(without(RECOVERS_RULE, 'on', () => read(md('NZST'))).fact('end'), undefined);
    // Must not fire: header cells that name no zone.
    assert.equal(read(md('Status', 'Note')).timeline.length, 0);
  });

  it("'blocked for ~3 days' ties the figure to the outage; 'recovers the missing' ends it, 'recovers the ZFS' does not", () => {
    const md = (impact: string) => doc('# Sync failure', '', '## Impact', '', `- ${impact}`, '');
    assert.equal(read(md('S3 sync blocked for ~3 days.')).fact('duration'), '~3 days');
    assert.equal(without(BLOCKED_RULE, 'on', () => read(md('S3 sync blocked for ~3 days.'))).fact('duration'), undefined);
    // Must not fire: a figure in a clause about something else.
    assert.equal(read(md('We reviewed the logs for ~3 days.')).fact('duration'), undefined);
    const timeline = (last: string) =>
      doc('# Pool lost', '', '## Timeline (UTC)', '', '- 2018-09-20 12:00: The pool fails.', `- 2018-09-20 15:15: ${last}`, '');
    assert.equal(read(timeline('A manual run recovers the missing keys')).fact('end'), '2018-09-20T15:15 +00:00');
    assert.equal(read(timeline('Stefan recovers the ZFS')).fact('end'), undefined);
  });

  it("a table timed by offsets from an undated moment is read on the Date label's day, and sets no start or end", () => {
    const md = (second: string) =>
      doc(
        '# Sonarr outage',
        '',
        '**Date:** 2026-03-30',
        '',
        '## Timeline (AEST — UTC+10)',
        '',
        '| Time | Event |',
        '| ---- | ----- |',
        '| **Prior to detection** | The pod becomes unhealthy. |',
        '| **~T+0** | **INCIDENT DETECTED**: the pod is stuck. |',
        `| ${second} | Initial investigation. |`,
        '| ~T+25m | **INCIDENT RESOLVED**: the pod is running. |',
        '',
        'Actions are due by 2026-04-06.',
        '',
      );
    const r = read(md('~T+2m'));
    assert.equal(r.timeline.length, 4);
    assert.equal(r.timeline[2]!.at, '2026-03-30');
    assert.match(r.timeline[3]!.text, /^\(~T\+25m\) INCIDENT RESOLVED/);
    assert.equal(r.fact('end'), undefined);
    assert.equal(without(RELATIVE_ROWS_RULE, 'on', () => read(md('~T+2m'))).timeline.length, 0);
    // Must not fire: a row with a time of its own (the table is read as it always was).
    assert.equal(read(md('10:02')).timeline.length, 1);
  });

  it('reads 100 kB lines in linear time', () => {
    const long = 'x'.repeat(100_000);
    linear(review(`~4h active (${'20:20 UTC → '.repeat(8000)})`, ...rows));
    linear(review(`~4h (${'('.repeat(50_000)}`, ...rows));
    linear(review(`7 days ${'+ ~1h 12m (2026-04-12 09:27–10:39 AEST) '.repeat(2500)}`, ...rows));
    linear(doc('# T', '', `**Duration:** Unknown ${'+ ~45m '.repeat(14_000)}`, ''));
    linear(doc('# T', '', '## Timeline', '', `| **2026-04-04 ${'(est.) '.repeat(14_000)}** | ${long} |`, ''));
    linear(doc('# T', '', '## Impact', '', `- Recovered from ${'snapshot taken '.repeat(7000)}at 2026-04-11 16:17 AEST`, ''));
    linear(doc('# 2026-06-19 — T', '', '## Impact', '', `- ${'2026-06-18 → '.repeat(8000)}2026-06-22`, ''));
    linear(doc('# T', '', `## Timeline (UTC, ${'('.repeat(50_000)})`, '', `- 20:25 — ${'correct '.repeat(12_000)}`, ''));
    linear(doc('# T', '', `| **Status** | Resolved ${'2026-06-20 '.repeat(9000)} |`, ''));
    linear(doc('# T', '', `**Date:** Feb 16, 2026 ${'3 '.repeat(40_000)}`, ''));
    linear(doc('# T', '', '## Timeline', '', '| NZST | UTC | Event |', '|---|---|---|', `| 2026-06-22 ${'end of day '.repeat(9000)} | — | ${long} |`, ''));
    linear(doc('# T', '', '## Impact', '', `- sync ${'blocked '.repeat(12_000)}for ~3 days`, `- ${'recovers the '.repeat(7000)}missing`, ''));
    linear(
      doc(
        '# T',
        '',
        '**Date:** 2026-03-30',
        '',
        '## Timeline',
        '',
        '| Time | Event |',
        '|---|---|',
        `| ~T+${'1'.repeat(50_000)}m | x |`,
        `| ~T+2m | ${long} |`,
        '| T+0 | y |',
        '',
      ),
    );
    linear(doc('# T', '', '**Date:** January 27, 2026', '', '**Timeline:**', '', `1. ${'1. '.repeat(30_000)}`, `2. ${long}`, ''));
  });
});
