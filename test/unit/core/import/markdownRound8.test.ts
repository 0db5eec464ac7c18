/**
 * Issue 31, round 8: the rules chosen on held-out-9, one small document each
 * (written for this test), through the Markdown reader, each with a case
 * where the rule must not fire. Abstaining first: a fact is taken only from
 * a line clearly about the outage itself.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear } from '../../../support/markdownDraft';

describe('Markdown importer: rules of round 8 (issue 31)', () => {
  it('a duration in a sentence is kept only when its own clause ties it to the outage', () => {
    const md = (sentence: string) => doc('# Database full', '', '## Summary', '', `The database filled up. ${sentence}`);
    assert.equal(read(md('The API was unavailable for 40 minutes.')).fact('duration'), '40 minutes');
    assert.equal(read(md('It took 2 hours from the start of the incident to the fix.')).fact('duration'), '2 hours');
    assert.equal(read(md('This means that for about 47 minutes, some jobs had spurious failures.')).fact('duration'), 'about 47 minutes');
    assert.equal(read(md('This resulted in a period of 30 minutes where jobs could not be scheduled.')).fact('duration'), '30 minutes');
    // A figure about something else: a remedy's lock, a script run without error, an upgrade or a review.
    assert.equal(read(md('Adding one locks the table for 40 minutes, so it takes the DB offline for longer.')).fact('duration'), undefined);
    assert.equal(read(md('We want to run this for a few days without error before deleting data.')).fact('duration'), undefined);
    assert.equal(read(md('The upgrade took 2 hours.')).fact('duration'), undefined);
    assert.equal(read(md('The incident review took 2 hours.')).fact('duration'), undefined);
  });

  it("the period in the document's own Date or Time label is the start and the end, before the timeline's first row", () => {
    const md = (label: string) =>
      doc(
        '# Upgrade RCA',
        '',
        '## Summary',
        '',
        `* Date: ${label}`,
        '',
        '## Timeline (UTC)',
        '',
        '| Time (UTC) | Event |',
        '| --- | --- |',
        '| July 2 2025, 11:00 AM UTC | Snapshot generated |',
      );
    const both = read(md('July 2 2025, 9:30 AM UTC - July 2 2025, ~17:30 PM UTC'));
    assert.equal(both.fact('start'), '2025-07-02T09:30 +00:00');
    assert.equal(both.fact('end'), '~2025-07-02T17:30 +00:00');
    // An end before the start is no end; the start stays.
    const slip = read(md('July 2 2025, 9:30 AM UTC - July 2 2025, 12:30 AM UTC'));
    assert.equal(slip.fact('start'), '2025-07-02T09:30 +00:00');
    assert.equal(slip.fact('end'), undefined);
    assert.ok(
      slip.notes.some((n) => /end: the period on line 5 ends/.test(n)),
      slip.notes.join('\n'),
    );
    // A Date label that is no period leaves the timeline its say.
    assert.equal(read(md('July 2 2025')).fact('start'), '2025-07-02T11:00 +00:00');
    // A key/value table: four-digit times under its Date row; only the first period (a later one is the review's).
    const table = read(
      doc(
        '# Incident Report - February 4th, 2019',
        '',
        '| Date | February 4th, 2019 |',
        '| --- | ---: |',
        '| Time | 0730 - 1230 (UTC) |',
        '',
        '## Post-mortem',
        '',
        '| Date | February 19th, 2019 |',
        '| --- | ---: |',
        '| Time | 1500 - 1600 (UTC) |',
      ),
    );
    assert.equal(table.fact('start'), '2019-02-04T07:30 +00:00');
    assert.equal(table.fact('end'), '2019-02-04T12:30 +00:00');
  });

  it('a weekday before a day ("### Wednesday 2019-01-30 - 08:35") leaves the day and the time to the entry', () => {
    const md = (head: string) =>
      doc('# Post Mortem', '', '## Timeline', '', `### ${head}`, '', 'We discover that the cluster is down.', '', '### 09:10', '', 'We open a ticket.');
    const { fact, timeline } = read(md('Wednesday 2019-01-30 - 08:35'));
    assert.equal(fact('start'), '2019-01-30T08:35 (zone not stated)');
    assert.equal(timeline.length, 2);
    // A weekday with no day after it is no stamp: the heading is not an entry, the day stays unknown.
    assert.equal(read(md('Wednesday - 08:35')).fact('start'), undefined);
  });

  it('a table\'s time cell: "0730" alone is a time; "+10 minutes" and "[+1 hrs]" count from the last row with a day and a time', () => {
    const md = (first: string, ...rows: string[]) =>
      doc('# Upgrade halt', '', '## Timeline (UTC)', '', '| Time (UTC) | Event |', '| --- | --- |', `| ${first} | Upgrade executed; network halts |`, ...rows);
    const { timeline } = read(md('May 28 2025, 11:30 AM UTC', '| [+1 hrs] | Consensus failure confirmed |', '| +90 minutes | Network resumes |'));
    assert.deepEqual(
      timeline.map((e) => [e.at, e.text]),
      [
        ['2025-05-28T11:30:00Z', 'Upgrade executed; network halts'],
        ['2025-05-28T12:30:00Z', '([+1 hrs]) — Consensus failure confirmed'],
        ['2025-05-28T13:00:00Z', '(+90 minutes) — Network resumes'],
      ],
    );
    // Without a row with a day and a time before them, offsets are not read; nor is an offset in words.
    assert.equal(read(md('11:30', '| +1 hrs | Consensus failure confirmed |')).timeline.length, 1);
    assert.equal(read(md('May 28 2025, 11:30 AM UTC', '| [+2 Business Days Later] | Fixes released |')).timeline.length, 1);
    // Four digits alone in the time column, on the document's day.
    const four = read(
      doc(
        '# Outage',
        '',
        'Date: 2019-02-04',
        '',
        '## Timeline',
        '',
        '_All times in UTC._',
        '',
        '| Time | Event |',
        '| --- | --- |',
        '| 0809 | The site is down |',
      ),
    );
    assert.equal(four.timeline[0]!.at, '2019-02-04T08:09:00Z');
    // Four digits with more in the cell are not a time.
    assert.equal(read(doc('# Outage', '', '## Timeline', '', '| Time | Event |', '| --- | --- |', '| 0809 and later | The site is down |')).timeline.length, 0);
  });

  it('an end followed by an entry saying it failed again is no end: the next end after it, else none', () => {
    const md = (...last: string[]) =>
      doc('# Outage', '', '## Timeline', '', '- 2025-07-02 11:50 UTC: Checkout fails', '- 2025-07-02 12:30 UTC: Block production resumes', ...last);
    const again = read(md('- 2025-07-02 13:10 UTC: Upgrade re-attempted; AP node fails again'));
    assert.equal(again.fact('end'), undefined);
    assert.ok(
      again.notes.some((n) => /says it failed again/.test(n)),
      again.notes.join('\n'),
    );
    assert.equal(
      read(md('- 2025-07-02 13:10 UTC: AP node fails again', '- 2025-07-02 13:50 UTC: The service is restored')).fact('end'),
      '2025-07-02T13:50 +00:00',
    );
    // A later entry that is no failure leaves the end where it was.
    assert.equal(read(md('- 2025-07-02 13:10 UTC: We write the report again')).fact('end'), '2025-07-02T12:30 +00:00');
  });

  it('ends said as "back in business", "incident over", "all good!", "error rates … drop back to zero"', () => {
    const md = (last: string) => doc('# Outage', '', '## Timeline', '', '- 2021-06-11 21:01 UTC: The database is down', `- 2021-06-16 00:50 UTC: ${last}`);
    for (const last of [
      'Users are back in business.',
      'incident over',
      'Database resized, table repacked, all good!',
      'The error rates on Sentry subsequently drop back to zero.',
    ])
      assert.equal(read(md(last)).fact('end'), '2021-06-16T00:50 +00:00', last);
    // Not at the end of the entry, or not the errors: no end.
    assert.equal(read(md('All good tests were kept')).fact('end'), undefined);
    assert.equal(read(md('The queue drops back to zero')).fact('end'), undefined);
  });

  it('a duration in days after "for" ("unavailable for 4-5 days"), tied to the outage like the others', () => {
    const md = (s: string) => doc('# Bad deploy', '', '## Impact', '', s);
    assert.equal(read(md('The weekly cluster was unavailable for 4-5 days until a new environment was ready.')).fact('duration'), '4-5 days');
    assert.equal(read(md('We kept the old cluster for 4 days until a new environment was ready.')).fact('duration'), undefined);
  });

  it('never an end before the start', () => {
    const md = (day: string) =>
      doc(
        '# Migration',
        '',
        '## Timeline',
        '',
        '### 2021-06-28 13:59 UTC',
        '',
        'Sentry alerts about a high error rate.',
        '',
        `### ${day} 14:24 UTC`,
        '',
        'We revert; the service is restored.',
      );
    const slip = read(md('2021-06-11'));
    assert.equal(slip.fact('end'), undefined);
    assert.ok(
      slip.notes.some((n) => /end: line 9 gives 2021-06-11T14:24, before the start/.test(n)),
      slip.notes.join('\n'),
    );
    assert.equal(read(md('2021-06-28')).fact('end'), '2021-06-28T14:24 +00:00');
  });

  it('a timeline written as a log in a bare fenced block is read line by line; a log pasted under an entry is not', () => {
    const log = ['2023-06-17 18:05 Nodes start failing', '2023-06-17 19:10 Issue reported', '2023-06-18 11:30 incident over'];
    const { timeline, fact } = read(doc('# Mainnet outage', '', '## Timeline', '', 'All times given are in UTC.', '', '```', ...log, '`'));
    assert.deepEqual(
      timeline.map((e) => e.at),
      ['2023-06-17T18:05:00Z', '2023-06-17T19:10:00Z', '2023-06-18T11:30:00Z'],
    );
    assert.equal(fact('end'), '2023-06-18T11:30 +00:00');
    // With a language named, indented under an entry, or after entries: a pasted log, no entries.
    assert.equal(read(doc('# Outage', '', '## Timeline', '', '```text', ...log, '```')).timeline.length, 0);
    assert.equal(
      read(doc('# Outage', '', '## Timeline', '', '- 2023-06-17 18:00 UTC: down', '    ```', ...log.map((l) => `    ${l}`), '    ```')).timeline.length,
      1,
    );
    // Fewer than three dated lines: a code block like any other.
    assert.equal(read(doc('# Outage', '', '## Timeline', '', '```', ...log.slice(0, 2), 'not a line of the log', '```')).timeline.length, 0);
  });

  it('a heading that is a weekday alone is the first day on that weekday after the day above it', () => {
    const md = (first: string) =>
      doc(
        '# Post Mortem',
        '',
        '## Timeline',
        '',
        `### ${first}`,
        '',
        'Certificate requests are failing.',
        '',
        '### Friday',
        '',
        'More reports.',
        '',
        '### Monday',
        '',
        'Still failing.',
      );
    assert.deepEqual(
      read(md('Wednesday 2019-01-30 - 08:35 UTC')).timeline.map((e) => e.at.slice(0, 10)),
      ['2019-01-30', '2019-02-01', '2019-02-04'],
    );
    // Without a day above them, weekday headings are no entries.
    assert.equal(read(md('Wednesday - 08:35')).timeline.length, 0);
    // A weekday with more words is a heading like any other.
    assert.equal(read(doc('# Post Mortem', '', '## Timeline', '', '### 2019-01-30 08:35', '', 'Failing.', '', '### Friday plans', '', 'x')).timeline.length, 1);
  });

  it("the title's day is not the start when timeline rows were left unread", () => {
    const md = (...rows: string[]) => doc('# Incident Report - February 4th, 2019', '', '## Timeline', '', '| Time | Event |', '| --- | --- |', ...rows);
    const unread = read(md('| morning | The operator renews the metadata |', '| later on | The cluster fails to provision |'));
    assert.equal(unread.fact('start'), undefined);
    assert.ok(
      unread.notes.some((n) => /start: 2 timeline rows have no time I can read/.test(n)),
      unread.notes.join('\n'),
    );
    // Without such rows (or with none at all), the title's day as before.
    assert.equal(read(md()).fact('start'), '2019-02-04');
  });

  it('a start from the timeline is left empty when the summary says the outage was under way earlier that day', () => {
    const md = (summary: string) =>
      doc(
        '# Upgrade retrial',
        '',
        '## Summary',
        '',
        summary,
        '',
        '## Timeline',
        '',
        '- 2025-07-02 11:00 UTC: Checkout fails; block production stalls',
        '- 2025-07-02 12:30 UTC: The network is back online',
      );
    const earlier = read(md('On 2025-07-02, at 09:30 UTC, block production degraded.'));
    assert.equal(earlier.fact('start'), undefined);
    assert.ok(
      earlier.notes.some((n) => /start: line 9 gives 2025-07-02T11:00 \+00:00, but line 5 says the outage was under way/.test(n)),
      earlier.notes.join('\n'),
    );
    // A later time, a sentence not about the outage, or a log pasted in a fenced block: the timeline's start stands.
    for (const summary of [
      'On 2025-07-02, at 11:30 UTC, block production degraded.',
      'On 2025-07-02, at 09:30 UTC, we scheduled the retrial.',
      '```\n2025-07-02 09:30 UTC ERROR degraded\n```',
    ])
      assert.equal(read(md(summary)).fact('start'), '2025-07-02T11:00 +00:00', summary);
    // An entry the timeline marks as the start is the document's own word on it.
    const marked = doc(
      '# Outage',
      '',
      'On 2025-07-02, at 09:30 UTC, errors rose.',
      '',
      '## Timeline',
      '',
      '- 2025-07-02 11:00 UTC: Impact starts.',
      '- 2025-07-02 12:30 UTC: Impact ends.',
    );
    assert.equal(read(marked).fact('start'), '2025-07-02T11:00 +00:00');
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(doc('# Outage', '', `The site ${'was, '.repeat(20000)} down for 40 minutes.`));
    linear(doc('# Outage', '', `The site ${'so '.repeat(30000)}for 40 minutes${' no'.repeat(30000)}.`));
    linear(doc('# Outage', '', `For 40 minutes, ${'without '.repeat(12000)}x.`));
    linear(doc('# Outage', '', `* Date: ${'2025-07-02 - '.repeat(8000)}09:30 UTC - 10:30 UTC`));
    linear(doc('# Outage', '', `| Time | ${'0730 '.repeat(20000)}- 1230 |`));
    linear(doc('# Outage', '', '## Timeline', '', `- ${'Wednesday '.repeat(10000)}2019-01-30 08:35 down`));
    linear(doc('# Outage', '', '## Timeline', '', '| Time | Event |', '| --- | --- |', `| +${'1'.repeat(100000)} hrs | x |`));
    linear(doc('# Outage', '', '## Timeline', '', '- 2021-06-11 21:01 UTC: down', `- 2021-06-16 00:50 UTC: error rates ${'x '.repeat(50000)}drop to zero`));
    linear(doc('# Outage', '', '## Timeline', '', '- 2021-06-11 21:01 UTC: down', `- 2021-06-16 00:50 UTC: all good${'!'.repeat(100000)}?`));
    linear(doc('# Outage', '', `The site was unavailable for 4${'-4'.repeat(30000)} days.`));
    linear(doc('# Outage', '', '## Timeline', '', '```', ...Array.from({ length: 3000 }, () => `2023-06-17 18:05 ${'x'.repeat(30)}`), '```'));
    linear(doc('# Outage', '', `All times ${'given '.repeat(20000)}are in UTC.`));
    linear(doc('# Outage', '', `On 2025-07-02 errors ${'at 09:30 UTC, '.repeat(7000)}.`, '', '## Timeline', '', '- 2025-07-02 11:00 UTC: down'));
    linear(doc('# Outage', '', '## Timeline', '', '- 2025-07-02 12:30 UTC: restored', `- 2025-07-02 13:10 UTC: fails ${'x '.repeat(50000)}again`));
  });
});
