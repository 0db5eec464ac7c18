/**
 * Issue 31, round 11: the rules chosen on held-out-12 and held-out-13, one
 * small document each (written for this test), through the Markdown reader,
 * each with a case where the rule must not fire, and each checked to fail with
 * its rule switched off.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import { FOUR_DIGIT_RULES } from '../../../../src/core/import/markdown/fourDigit';
import { PERIOD_LENGTH_RULE, PERIOD_PAREN_RULE } from '../../../../src/core/import/markdown/duration';
import { BETWEEN_RULE } from '../../../../src/core/import/markdown/spanBetween';
import { FULLY_RULE } from '../../../../src/core/import/markdown/span';
import { STATUS_BODY_RULE } from '../../../../src/core/import/markdown/statusPage';
import { STATUSFY_RULE } from '../../../../src/core/import/markdown/statusfy';
import { WEEKDAY_RULE } from '../../../../src/core/import/markdown/weekday';

const fourDigitNotes = (...entries: string[]) =>
  doc(
    '# Icons lost their colour',
    '',
    '## Summary',
    '',
    'Icons were black.',
    '',
    '## How was it fixed',
    '',
    '### Thur 3 Nov 2016',
    '',
    ...entries.flatMap((e) => [e, '']),
  );

describe('Markdown importer: rules of round 11 (issue 31)', () => {
  it('four-digit times opening three lines or more ("1727: text", "~1442: text", "[1758](link): text") are timeline entries', () => {
    const md = fourDigitNotes(
      '~1442: Changes were deployed.',
      '1727 : Laurie noticed the icons had turned black.',
      '[1758](https://example.com/p1): Jake acknowledged it.',
    );
    const r = read(md);
    assert.deepEqual(
      r.timeline.map((e) => [e.at, e.text]),
      [
        ['~14:42', 'Changes were deployed.'],
        ['17:27', 'Laurie noticed the icons had turned black.'],
        ['17:58', 'Jake acknowledged it.'],
      ],
    );
    // Two such lines are not a timeline: four digits and a colon may be a year ("2016: we moved …").
    assert.equal(read(fourDigitNotes('2016: We moved to the new service.', '2017: We moved back.')).timeline.length, 0);
    assert.equal(
      without(FOUR_DIGIT_RULES, 'entries', () => read(md).timeline.length),
      0,
    );
  });

  it('a Date label\'s period with four-digit times in parentheses ("~Thur 3 Nov 2016 (~1727) to Thur 3 Nov 2016 (~1900)")', () => {
    const md = (value: string) => doc('# Icons lost their colour', '', '## Summary', '', `Date: ${value}`, '', 'Icons were black.');
    const r = read(md('~Thur 3 Nov 2016 (~1727) to Thur 3 Nov 2016 (~1900)'));
    assert.equal(r.fact('start'), '~2016-11-03T17:27 (zone not stated)');
    assert.equal(r.fact('end'), '~2016-11-03T19:00 (zone not stated)');
    // Without the year, "(1727)" is no time of a date the label gives.
    assert.equal(read(md('Thur 3 Nov (1727) to Thur 3 Nov (1900)')).fact('start'), undefined);
    assert.equal(
      without(FOUR_DIGIT_RULES, 'period', () => read(md('~Thur 3 Nov 2016 (~1727) to Thur 3 Nov 2016 (~1900)')).fact('start')),
      undefined,
    );
  });

  it('a period label\'s length in parentheses after it ("(~1.5 hours)") is the duration as written', () => {
    const md = (line: string) => doc('# Icons lost their colour', '', '## Summary', '', line, '', 'Icons were black.');
    const label = 'Date: 3 Nov 2016 (~1727) to 3 Nov 2016 (~1900) (~1.5 hours)';
    assert.equal(read(md(label)).fact('duration'), '~1.5 hours');
    // Not a period: a label's remark in parentheses is no duration.
    assert.equal(read(md('Date: 3 Nov 2016 (~1.5 hours)')).fact('duration'), undefined);
    assert.equal(
      without(PERIOD_LENGTH_RULE, 'on', () => read(md(label)).fact('duration')),
      undefined,
    );
  });

  it('a sentence opening "Between 18:30 on November 27, 2025 and 06:15 on November 28, 2025 (UTC)," states the period', () => {
    const md = (sentence: string) =>
      doc(
        '# Mailing list incident',
        '',
        '## What happened',
        '',
        sentence,
        '',
        '## Timeline',
        '',
        '| Time (UTC) | Event |',
        '| --- | --- |',
        '| 18:30, Nov 27, 2025 | A configuration change is deployed. |',
        '| 06:06, Nov 28, 2025 | The first email containing PII is sent. |',
        '| 06:15, Nov 28, 2025 | The misconfiguration is corrected. |',
      );
    const stated = 'Between **18:30 on November 27, 2025** and **06:15 on November 28, 2025 (UTC)**, a misconfiguration sent emails to the wrong people.';
    const r = read(md(stated));
    assert.equal(r.fact('start'), '2025-11-27T18:30 +00:00');
    assert.equal(r.fact('end'), '2025-11-28T06:15 +00:00');
    // Each side needs its own day: "between 18:30 and 06:15 on November 28" says nothing of the first side's day.
    const one = read(md('Between 18:30 and 06:15 on November 28, 2025 (UTC), a misconfiguration sent emails to the wrong people.'));
    assert.notEqual(one.fact('start'), '2025-11-27T18:30 +00:00');
    assert.notEqual(
      without(BETWEEN_RULE, 'on', () => read(md(stated)).fact('start')),
      '2025-11-27T18:30 +00:00',
    );
  });

  it('several entries saying something is fully operational: the last of them is the end', () => {
    const md = (...rest: string[]) =>
      doc(
        '# 2025-06-12 GCS + CloudFlare outage',
        '',
        '## Timeline',
        '',
        '- **18:31 UTC** - It is noticed that CloudFlare has an incident',
        '- **19:30 UTC** - Google states that services have recovered except one region',
        ...rest,
      );
    const both = ['- **21:31 UTC** - CloudFlare reports to be fully operational', '- **23:27 UTC** - Google reports to be fully operational'];
    assert.equal(read(md(...both)).fact('end'), '2025-06-12T23:27 +00:00');
    // One fully operational entry: that one.
    assert.equal(read(md(both[0]!, '- **21:35 UTC** - A fix for resiliency is added')).fact('end'), '2025-06-12T21:31 +00:00');
    assert.equal(
      without(FULLY_RULE, 'last', () => read(md(...both)).fact('end')),
      '2025-06-12T21:31 +00:00',
    );
  });

  it("a status page's front matter start is left empty when its text gives another time without a zone", () => {
    const md = (body: string) =>
      doc('---', 'title: Electrical failure', 'date: 2021-11-27T15:23:21.604Z', 'status: resolved', 'resolved_on: 2021-11-29T11:01:38.873Z', '---', body);
    const other = read(md('Electrical failure due to inclement weather at 5:00 am'));
    assert.equal(other.fact('end'), '2021-11-29T11:01 +00:00');
    assert.notEqual(other.fact('start'), '2021-11-27T15:23 +00:00');
    // The same minute in the writer's zone ("5:23 am" for 15:23 UTC is no whole-hour zone, "4:23 pm" is): the same moment.
    assert.equal(read(md('A power failure at 4:23 pm makes our services unavailable.')).fact('start'), '2021-11-27T15:23 +00:00');
    assert.equal(
      without(STATUS_BODY_RULE, 'on', () => read(md('Electrical failure at 5:00 am')).fact('start')),
      '2021-11-27T15:23 +00:00',
    );
  });

  it('a Statusfy page: its updates are the timeline, the last one labelled Resolved its end, its date the start', () => {
    const md = (last: string, text = 'This incident has been resolved.') =>
      doc(
        '---',
        'title: Workspaces do not start',
        "date: '2021-01-13T17:06:46.693Z'",
        'severity: partial-outage',
        'resolved: true',
        '---',
        'We are currently investigating an issue.',
        '',
        '::: update Update | 2021-01-13T17:12:46.693Z',
        'We have disabled the US cluster.',
        ':::',
        '',
        `::: update ${last} | 2021-01-14T12:03:46.693Z`,
        text,
        ':::',
      );
    const r = read(md('Resolved'));
    assert.equal(r.fact('start'), '2021-01-13T17:06 +00:00');
    assert.equal(r.fact('end'), '2021-01-14T12:03 +00:00');
    assert.equal(r.timeline.length, 2);
    // An update that does not close it ("Monitoring") is no end from the page.
    assert.equal(read(md('Monitoring', 'A fix has been implemented and we are monitoring the results.')).fact('end'), undefined);
    assert.equal(
      without(STATUSFY_RULE, 'on', () => read(md('Resolved')).timeline.length),
      0,
    );
  });

  it('a weekday before an entry\'s time ("- Thurs 07:06 PDT: …") is read when it is the weekday of the day in force', () => {
    const md = (day: string) =>
      doc(
        `# ${day}: step processing backlog`,
        '',
        '## Timeline',
        '',
        '- Thurs 07:06 PDT: The team was paged because of a backlog.',
        '- Thurs 07:50 PDT: The backlog is reduced to zero.',
      );
    const r = read(md('2023-08-31'));
    assert.equal(r.timeline[0]!.at, '2023-08-31T07:06:00-07:00');
    // 2023-09-01 is a Friday: the entry's day is not known.
    const friday = read(md('2023-09-01'));
    assert.equal(friday.timeline[0]?.at, '07:06');
    assert.equal(
      without(WEEKDAY_RULE, 'on', () => read(md('2023-08-31')).timeline.length),
      0,
    );
  });

  it('"Incident timeline and response" is the timeline; a backlog reduced to zero ends it, one that starts to decrease does not', () => {
    const md = (heading: string, last: string) =>
      doc('# 2023-08-31: Step processing backlog', '', `### ${heading}`, '', '- 07:06 PDT: The team was paged because of a backlog.', `- 07:50 PDT: ${last}`);
    const r = read(md('Incident timeline and response', 'The backlog is reduced to zero'));
    assert.equal(r.timeline.length, 2);
    assert.equal(r.fact('end'), '2023-08-31T07:50 -07:00');
    assert.equal(read(md('Incident timeline and response', 'The backlog starts to decrease')).fact('end'), undefined);
    // Another section whose name only starts with the word is not the timeline.
    assert.equal(read(md('Timeline and lessons learned', 'The backlog is reduced to zero')).timeline.length, 0);
  });

  it('"Things were functional again" is an end; "not functional again" is not', () => {
    const md = (last: string) =>
      doc('# 2024-10-09 API outage', '', '## Timeline', '', '* **20:13 UTC** - We notice the deployment has failed.', `* **20:35 UTC** - ${last}`);
    assert.equal(read(md('The workaround was deployed. Things were functional again.')).fact('end'), '2024-10-09T20:35 +00:00');
    assert.equal(read(md('The workaround was deployed. Things were not functional again.')).fact('end'), undefined);
  });

  it('"For a short period of time (10 minutes), the sites were returning 502 errors": the figure is the duration', () => {
    const md = (sentence: string) => doc('# 2021-09-05', '', '### Details', '', sentence);
    assert.equal(read(md('For a short period of time (10 minutes), the sites were returning 502 errors.')).fact('duration'), '10 minutes');
    // A period that is not the outage's ("for a short while (10 minutes) we watched the graphs") is no duration.
    assert.equal(read(md('For a short while (10 minutes) we watched the graphs.')).fact('duration'), undefined);
    assert.equal(
      without(PERIOD_PAREN_RULE, 'on', () => read(md('For a short period of time (10 minutes), the sites were returning 502 errors.')).fact('duration')),
      undefined,
    );
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(fourDigitNotes(`1727: ${'1727: '.repeat(16000)}`, `~${'1'.repeat(100000)}`, `[1758](${'x'.repeat(100000)}`));
    linear(doc('# Outage', '', `Date: 3 Nov 2016 ${'(~1727) to '.repeat(9000)}(~1.5 hours)`));
    linear(doc('# Outage', '', `Date: 3 Nov 2016 (${'~'.repeat(100000)}`));
    linear(doc('# Outage', '', `For a short period of time (${'1'.repeat(100000)} minutes), errors.`));
    linear(doc('# Outage', '', `Between 18:30 on ${'November 27, 2025 and '.repeat(5000)}06:15 on November 28, 2025 (UTC), down.`));
    linear(doc('---', 'title: x', 'date: 2021-11-27T15:23:21Z', 'resolved: true', '---', `::: update ${'a '.repeat(50000)}| 2021-01-14T12:03:46.693Z`));
    linear(doc('---', 'title: x', 'date: 2021-11-27T15:23:21Z', 'status: resolved', `resolved_on: ${'2'.repeat(100000)}`, '---', 'x'));
    linear(doc('# 2023-08-31: Outage', '', '## Timeline', '', `- Thurs ${'Thurs '.repeat(16000)}07:06 PDT: x`));
    linear(doc('# 2023-08-31: Outage', '', '## Timeline', '', '- 07:06 PDT: down', `- 07:50 PDT: the backlog ${'is '.repeat(30000)}reduced to zero`));
  });
});
