/**
 * Issue 31, round 16: the rules chosen on held-out-18, one small document each
 * (written for this test), through the Markdown reader, each with a case where
 * the rule must not fire, and each switchable rule checked to fail with it
 * switched off.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import { ISO_ZULU_RULE } from '../../../../src/core/import/markdown/spanMoment';
import { FROM_UNTIL_RULE } from '../../../../src/core/import/markdown/spanBetween';
import { RANGE_LENGTH_RULE } from '../../../../src/core/import/markdown/spanAgree';
import { DURATION_LIST_RULE } from '../../../../src/core/import/markdown/durationList';
import { UNNOTICED_RULE } from '../../../../src/core/import/markdown/duration';
import { DETECTED_BY_RULE } from '../../../../src/core/import/markdown/spanDetected';
import { RESOLVED_ROW_RULE } from '../../../../src/core/import/markdown/spanResolvedRow';
import { DAY_ITEMS_RULE } from '../../../../src/core/import/markdown/timeline';
import { TILDE_OPEN_RULE } from '../../../../src/core/import/markdown/stamp';
import { TABLE_TITLE_RULE } from '../../../../src/core/import/markdown/docTitle';

/** A table-first post-mortem (no heading above it) with a Summary, a Detection section and a timeline by day. */
const tableFirst = (rows: string[], detection: string, ...timeline: string[]) =>
  doc(
    '| Badge | Working group |',
    '| --- | --- |',
    ...rows,
    '',
    '## Summary',
    '',
    'Run 20210305 incorrectly processed 373 records.',
    '',
    '## Fault',
    '',
    'The new endpoint skipped validation.',
    '',
    '## Detection',
    '',
    detection,
    '',
    '## Timeline',
    '',
    ...timeline,
    '',
  );

const pipeline = (detection: string) =>
  tableFirst(
    ['| **Event** | `20210305_blank_sample` |', '| **Detected** | 2021-03-05 23:27 |'],
    detection,
    '### 2021-03-05',
    '* `10:40` - feature branch deployed to production',
    '* `16:01` - Nightly run begins',
    '* `23:27` - Tael sends @channel alert to #stream',
    '    * SN checked the Checker error log',
  );

describe('Markdown importer: rules of round 16 (issue 31)', () => {
  it('an ISO time ending in Z is in UTC, in prose and at a timeline entry', () => {
    const md = doc(
      '# Tile layer incident',
      '',
      'The tile layer experienced degraded service from 2022-07-18T07:30:00Z to 2022-07-18T10:00:00Z.',
      '',
      '## Timeline',
      '',
      '* 2022-07-18T07:30:38Z - Config pushed with an error.',
      '* 2022-07-18T09:45:00Z - Restart completed, service restored to normal.',
      '',
    );
    const r = read(md);
    assert.equal(r.fact('start'), '2022-07-18T07:30 +00:00');
    assert.equal(r.fact('end'), '2022-07-18T10:00 +00:00');
    assert.equal(r.timeline[0]!.at, '2022-07-18T07:30:00Z');
    assert.equal(r.timeline[0]!.text, 'Config pushed with an error.');
    const off = without(ISO_ZULU_RULE, 'on', () => read(md));
    assert.equal(off.timeline[0]!.at, '07:30');
    // Must not fire: a word after a space that starts with Z is no zone.
    const zoom = read(doc('# Call', '', '## Timeline', '', '* 2022-07-18 10:00 Zoom call opened', ''));
    assert.equal(zoom.timeline[0]!.at, '10:00');
  });

  it("an opening 'From … on <day> until … on <day>' that says something went wrong is the period, with its length", () => {
    const opening = (words: string) =>
      doc(
        '# Replication outage',
        '',
        '## Summary',
        `From 21:33 UTC on 25 June 2025 until 13:22 UTC on 26 June 2025 (a period of approximately 16 hours), ${words}`,
        '',
      );
    const r = read(opening('the replication system unexpectedly stopped working.'));
    assert.equal(r.fact('start'), '2025-06-25T21:33 +00:00');
    assert.equal(r.fact('end'), '2025-06-26T13:22 +00:00');
    assert.equal(r.fact('duration'), 'approximately 16 hours');
    assert.notEqual(
      without(FROM_UNTIL_RULE, 'on', () => read(opening('the replication system unexpectedly stopped working.')).fact('end')),
      '2025-06-26T13:22 +00:00',
    );
    assert.equal(
      without(RANGE_LENGTH_RULE, 'on', () => read(opening('the replication system unexpectedly stopped working.')).fact('duration')),
      undefined,
    );
    // Must not fire: the same sentence about planned work, nothing gone wrong.
    const planned = read(opening('the team ran the planned migration.'));
    assert.equal(planned.fact('end'), undefined);
  });

  it("the range's length said right after it: ', a total incident of 2 hours and 30 minutes.'", () => {
    const md = (tail: string) =>
      doc('# Tile layer incident', '', `The tile layer experienced degraded service from 2022-07-18T07:30:00Z to 2022-07-18T10:00:00Z, ${tail}`, '');
    assert.equal(read(md('a total incident of 2 hours and 30 minutes. An apache bug was the cause.')).fact('duration'), '2 hours and 30 minutes');
    assert.equal(
      without(RANGE_LENGTH_RULE, 'on', () => read(md('a total incident of 2 hours and 30 minutes.')).fact('duration')),
      undefined,
    );
    // Must not fire: a count after the range is no length.
    assert.equal(read(md('a total of 30 servers.')).fact('duration'), undefined);
  });

  it('a Duration label listing several figures keeps the one that goes with the stated start and end', () => {
    const md = (total: string) =>
      doc(
        '# Network outage',
        '',
        '- **Outage Start (UTC):** 15 December 2024, 03:53',
        '- **Outage End (UTC):** 18 December 2024, 00:29',
        '- **Duration:**',
        '  - **Dark outage:** Complete outage of 8 hours until read-only enabled.',
        '  - **Full outage:** Approximately 56 hours until restoration of map edits.',
        `  - **Total time until resolved:** ${total}.`,
        '',
        '## Timeline',
        '',
        '1. **15 December 2024, 03:53 (UTC) – Outage Begins**',
        '2. **18 December 2024, 00:29 (UTC) – Service restored**',
        '',
      );
    const r = read(md('About 68 hours'));
    assert.equal(r.fact('start'), '2024-12-15T03:53 +00:00');
    assert.equal(r.fact('end'), '2024-12-18T00:29 +00:00');
    assert.equal(r.fact('duration'), 'About 68 hours');
    assert.equal(
      without(DURATION_LIST_RULE, 'on', () => read(md('About 68 hours')).fact('duration')),
      '8 hours',
    );
    // Must not fire on a figure that fits none: no figure is kept, and the notes say why.
    const none = read(md('About 90 hours'));
    assert.equal(none.fact('duration'), undefined);
    assert.ok(none.notes.some((n) => /none is kept/.test(n)));
  });

  it("a figure said of a failure 'undetected for eight days' is how long it went unnoticed", () => {
    const md = (sentence: string) => doc('# Listener failure', '', '## Summary', '', sentence, '');
    assert.equal(
      read(md('The listener has no way to signal that it failed, which led to this failure being undetected for eight days.')).fact('duration'),
      undefined,
    );
    assert.equal(
      without(UNNOTICED_RULE, 'on', () =>
        read(md('The listener has no way to signal that it failed, which led to this failure being undetected for eight days.')).fact('duration'),
      ),
      'eight days',
    );
    // Must not fire: down for eight days is the outage's length.
    assert.equal(read(md('The listener was down for eight days.')).fact('duration'), 'eight days');
  });

  it('the first entry about the outage that the document names as its detection is no start: the entry after the lead-up is', () => {
    const named = read(pipeline('The issue was detected by `Checker`, which raised an error to `#stream` at 23:27.'));
    assert.equal(named.fact('start'), '2021-03-05T16:01 (zone not stated)');
    assert.equal(
      without(DETECTED_BY_RULE, 'on', () => read(pipeline('The issue was detected by `Checker`, which raised an error.')).fact('start')),
      '2021-03-05T23:27 (zone not stated)',
    );
    // Must not fire: the detection statement names something the entry does not.
    const other = read(pipeline('The issue was detected by `Grafana` dashboards.'));
    assert.equal(other.fact('start'), '2021-03-05T23:27 (zone not stated)');
  });

  it('a Resolved row is the end when the timeline entry at that moment says work went on as normal or the incident ended', () => {
    const md = (entry: string) =>
      tableFirst(
        ['| **Event** | `20210305_blank_sample` |', '| **Resolved** | `2021-03-06 03:34` |'],
        'The issue was detected by monitoring.',
        '### 2021-03-05',
        '* `23:27` - Checker fails with an error',
        '',
        '### 2021-03-06',
        `* \`03:34\` - ${entry}`,
        '* `07:03` - Next run completes',
      );
    const end = '2021-03-06T03:34 (zone not stated)';
    assert.equal(read(md('SN sends the finished message, triggering downstream processing as normal')).fact('end'), end);
    assert.equal(read(md('SN confirms the dataset is clean and the incident ends')).fact('end'), end);
    assert.equal(
      without(RESOLVED_ROW_RULE, 'on', () => read(md('SN sends the finished message, triggering downstream processing as normal')).fact('end')),
      undefined,
    );
    // Must not fire: the entry at the Resolved time is a corrective action.
    assert.equal(read(md('SW implements failure notification for the service')).fact('end'), undefined);
  });

  it('items without a time under a day heading, in a timeline of timed items, are each an entry of that day', () => {
    const md = doc(
      '# QC incident',
      '',
      '## Timeline',
      '',
      '### 2021-04-12',
      '* `ION` added to the platform list',
      '',
      '### 2021-04-15',
      '* Run processes 375 sequences',
      '* Pipeline responds to the completion signal and starts',
      '',
      '### 2021-04-16',
      '* `08:51` - Pipeline fails and emits a warning',
      '',
    );
    const r = read(md);
    assert.deepEqual(
      r.timeline.map((e) => e.text),
      [
        '`ION` added to the platform list',
        'Run processes 375 sequences',
        'Pipeline responds to the completion signal and starts',
        'Pipeline fails and emits a warning',
      ],
    );
    assert.equal(
      without(DAY_ITEMS_RULE, 'on', () => read(md).timeline.length),
      3,
    );
    // Must not fire: a timeline of days with numbered steps and no time stays one entry a day.
    const days = read(doc('# Helm incident', '', '## Timeline', '', '### 2019-01-25 Friday:', '', '1. Refactoring is completed', '1. Users have migrated', ''));
    assert.equal(days.timeline.length, 1);
  });

  it("'~`01:30`': the approximate mark before the code span that holds the time", () => {
    const md = doc(
      '# T',
      '',
      '## Timeline',
      '',
      '### 2021-03-06',
      '* `01:27` - Updates posted',
      '* ~`01:30` - Sample filtered out',
      '* `01:54` - Data purged',
      '',
    );
    const r = read(md);
    assert.deepEqual(
      r.timeline.map((e) => e.text),
      ['Updates posted', 'Sample filtered out', 'Data purged'],
    );
    assert.ok(r.timeline[1]!.at.startsWith('~'));
    assert.equal(
      without(TILDE_OPEN_RULE, 'on', () => read(md).timeline.length),
      2,
    );
    // Must not fire: a code span after the time is the text's.
    assert.equal(read(doc('# T', '', '## Timeline', '', '* ~01:30 - `job` restarted', '')).timeline[0]!.text, '`job` restarted');
  });

  it("a duration hedged 'just under' is a duration as written; a bare 'in under 20 minutes' is not", () => {
    assert.equal(read(doc('# Outage', '', 'On June 4, 2024, the site was down for just under 7 hours.', '')).fact('duration'), 'just under 7 hours');
    assert.equal(read(doc('# Outage', '', 'On June 4, 2024, we migrated the worker in under 20 minutes.', '')).fact('duration'), undefined);
  });

  it("a body that opens with a table naming the event takes the event's name as its title", () => {
    const md = pipeline('The issue was detected by monitoring.');
    assert.equal(read(md).rec.title, '20210305_blank_sample');
    assert.equal(
      without(TABLE_TITLE_RULE, 'on', () => read(md).rec.title),
      'Fault',
    );
    // Must not fire: a heading before the table is the title.
    assert.equal(read(doc('# Listener failure', '', '| **Event** | `x_y` |', '| --- | --- |', '')).rec.title, 'Listener failure');
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    const big = 'x '.repeat(50000);
    linear(doc('# T', '', `It was down from 2022-07-18T07:30:00Z to ${'2022-07-18T'.repeat(9000)}10:00:00Z.`, '', `* ${'1:2Z'.repeat(25000)}`, ''));
    linear(doc('# T', '', `From 21:33 UTC on ${'on '.repeat(30000)} until 13:22 UTC on 26 June 2025 it failed.`, ''));
    linear(doc('# T', '', `It failed from 07:30 UTC to 10:00 UTC${', a total incident of 2'.repeat(4000)} hours.`, `(${'a period of '.repeat(9000)})`, ''));
    linear(doc('# T', '', '- **Duration:**', ...Array.from({ length: 2000 }, () => `  - ${'8 '.repeat(25)}hours`), `  - ${big}`, ''));
    linear(doc('# T', '', `It was undetected ${' '.repeat(100000)}for eight days.`, ''));
    linear(doc('# T', '', `It was detected by ${'`Abcd` #abcd Abcde '.repeat(5000)}`, '', '## Timeline', '', `* 10:00 ${'Abcd '.repeat(20000)}`, ''));
    linear(
      doc('# T', '', `| **Resolved** |${' '.repeat(100000)}| 2021-03-06 03:34`, '', '## Timeline', '', `* 03:34 ${'processing '.repeat(10000)}as normal`, ''),
    );
    linear(doc(`| **Event** |${' '.repeat(100000)}x`, `|${'|'.repeat(100000)}`, '', '## Fault', '', 'x', ''));
    linear(doc('# T', '', '## Timeline', '', `* ~${'`'.repeat(100000)}`, `* ~\`${'0'.repeat(100000)}`, ''));
  });
});
