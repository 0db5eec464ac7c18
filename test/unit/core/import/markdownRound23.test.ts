/**
 * Issue 31, round 23: the rules chosen on held-out-25 (cloud.gov.au's incident reports, Val Town's post-mortems, the VU
 * Amsterdam RDM handbook's blog, Bitcoin.org's alert), wrong facts first: small documents written for this test, each
 * rule with a case where it fires and one where it must not, and each switchable rule checked off.
 */
import { strict as assert } from 'node:assert';
import { read, readAs, doc, linear, without } from '../../../support/markdownDraft';
import { LAST_UPDATE_RULE } from '../../../../src/core/import/markdown/editStamp';
import { DOTTED_TIME_RULE } from '../../../../src/core/import/markdown/dottedTimes';
import { DOWNTIME_STARTED_RULE } from '../../../../src/core/import/markdown/spanWords';
import { PROSE_WINDOW_RULE } from '../../../../src/core/import/markdown/spanProseWindow';
import { DURATION_OF_RULE } from '../../../../src/core/import/markdown/duration';
import { IMPACT_DAYS_RULE } from '../../../../src/core/import/markdown/spanDays';
import { HOUR_ONLY_RULE } from '../../../../src/core/import/markdown/spanMoment';
import { STARTED_THEN_RESOLVED_RULE } from '../../../../src/core/import/markdown/spanSafety';
import { ONLY_NAMED_DAY_RULE } from '../../../../src/core/import/markdown/spanOnlyDay';
import { POSTED_YEAR_RULE } from '../../../../src/core/import/markdown/docDay';

const notice = (stamp: string) =>
  doc(
    '# Some nodes rejected blocks',
    '',
    `*This notice is updated as we learn more. ${stamp} All times are UTC.*`,
    '',
    'Nodes on 2015-07-15 09:00 UTC saw it.',
    '',
  );

const report = (...body: string[]) => doc('## August 12, 2016 incident report', '', ...body, '');

const post = (front: string[], ...body: string[]) => doc('---', 'title: "Post-mortem: Storage outage"', ...front, '---', '', ...body, '');

describe('Markdown importer: rules of round 23 (issue 31)', () => {
  it("a 'Last update:' sentence inside the opening stamps the notice: its order gives no start", () => {
    const md = notice('Last update: 2015-07-15 13:00.');
    assert.equal(read(md).fact('start'), undefined);
    assert.ok(read(md).notes.some((n) => /last update/.test(n)));
    assert.equal(without(LAST_UPDATE_RULE, 'on', () => read(md)).fact('start'), '2015-07-15T13:00 +00:00');
    // Must not fire: an update that says what happened is a statement, not a stamp.
    assert.equal(read(notice('Last update: 2015-07-15 13:00 the nodes went down.')).fact('start'), '2015-07-15T13:00 +00:00');
  });

  it("dotted times at the head of two lines or more, with am/pm, or after 'at' are read as times", () => {
    const steps = (a: string, b: string) =>
      doc(
        '## February 11, 2016 incident report',
        '',
        '### What happened',
        '',
        'This is the timeline of events that occurred on Thursday February 11 2016, starting at 10.42am:',
        '',
        ` - ${a}: the application became unavailable due to a hosting platform failure.`,
        ` - ${b}: the platform auto-healed, and the application became available again.`,
        '',
      );
    const r = read(steps('10.42', '10.56'));
    assert.equal(r.fact('start'), '2016-02-11T10:42 (zone not stated)');
    assert.equal(r.fact('end'), '2016-02-11T10:56 (zone not stated)');
    assert.equal(r.timeline.length, 2);
    assert.equal(without(DOTTED_TIME_RULE, 'on', () => read(steps('10.42', '10.56'))).timeline.length, 0);
    // Must not fire: one line alone (a version's notes), a version after 'from', a figure, dotted dates.
    assert.equal(read(doc('# T', '', '## Changes', '', '- 1.10: faster startup', '')).timeline.length, 0);
    const prose = (s: string) => read(report(`The failure started at ${s}.`));
    assert.equal(prose('approximately 10.16').fact('start'), '~2016-08-12T10:16 (zone not stated)');
    assert.equal(without(DOTTED_TIME_RULE, 'on', () => prose('approximately 10.16')).fact('start'), '2016-08-12');
    assert.equal(prose('1.25 times the load').fact('start'), '2016-08-12');
    assert.equal(prose('1.25%').fact('start'), '2016-08-12');
    assert.equal(read(report('The failure started when we upgraded from 1.10 to 1.12.')).fact('start'), '2016-08-12');
    assert.equal(read(report('The failure started at 12.08.2016 in one zone.')).fact('start'), '2016-08-12');
  });

  it('one sentence saying when the failure started and was fixed gives the start and the end on the only day', () => {
    const md = report(
      'On August 12, 2016 some sites were partially unavailable.',
      '',
      '### What we learnt',
      '',
      'The network failure started at approximately 10:16, and was fixed by the provider at approximately 11:35.',
    );
    assert.equal(read(md).fact('start'), '~2016-08-12T10:16 (zone not stated)');
    assert.equal(read(md).fact('end'), '~2016-08-12T11:35 (zone not stated)');
    assert.equal(without(PROSE_WINDOW_RULE, 'on', () => read(md)).fact('start'), '2016-08-12');
    // Must not fire: the 'started' noun is not the outage's; the end before the start; a second day named.
    assert.equal(read(report('### What we learnt', '', 'The migration started at 10:16, and was fixed at 11:35.')).fact('start'), '2016-08-12');
    assert.equal(read(report('### What we learnt', '', 'The failure started at 11:35, and was fixed at 10:16.')).fact('end'), undefined);
    assert.equal(
      read(report('It recurred on August 14, 2016.', '', '### What we learnt', '', 'The failure started at 10:16 and was fixed at 11:35.')).fact('end'),
      undefined,
    );
  });

  it("'the downtime started' is a start statement; with 'was resolved … by 8PM' a period kept whole", () => {
    const md = (s: string) => post(['date: "2024-10-22"'], s);
    const vu = md('On Friday October 18th 2024, we had downtime. The downtime started around 10AM after a merge and was resolved the same day, by 8PM.');
    assert.equal(read(vu).fact('start'), '~2024-10-18T10:00 (zone not stated)');
    assert.equal(read(vu).fact('end'), '2024-10-18T20:00 (zone not stated)');
    assert.equal(without(DOWNTIME_STARTED_RULE, 'on', () => read(vu)).fact('start'), undefined);
    assert.equal(without(HOUR_ONLY_RULE, 'on', () => read(vu)).fact('start'), undefined);
    assert.equal(without(STARTED_THEN_RESOLVED_RULE, 'on', () => read(vu)).fact('start'), undefined);
    const colon = md('On October 18th 2024, we had downtime. The downtime started at 10:05 and was resolved at 20:10.');
    assert.equal(read(colon).fact('start'), '2024-10-18T10:05 (zone not stated)');
    // Must not fire: an hour alone outside such a sentence; a restoration before any start word.
    assert.equal(read(md('On October 18th 2024 at around 10AM we merged a change.')).fact('start'), undefined);
    assert.equal(read(md('On October 18th 2024, the service was restored at 20:10 after the downtime started at 10:05.')).fact('start'), undefined);
  });

  it("a figure 'of downtime' or 'of partial availability' is the duration, not one avoided", () => {
    const md = (s: string) => report(`On August 12, 2016 there was ${s} for several sites.`);
    assert.equal(read(md('approximately 79 minutes of partial availability')).fact('duration'), 'approximately 79 minutes');
    assert.equal(read(md('around ten hours of downtime')).fact('duration'), 'around ten hours');
    assert.equal(without(DURATION_OF_RULE, 'on', () => read(md('around ten hours of downtime'))).fact('duration'), undefined);
    // Must not fire: downtime saved, an allowance, or a figure of something else.
    assert.equal(read(md('a change that saved 20 minutes of downtime')).fact('duration'), undefined);
    assert.equal(read(md('an SLA allowing 40 minutes of downtime')).fact('duration'), undefined);
    assert.equal(read(md('20 minutes of maintenance')).fact('duration'), undefined);
  });

  it("an Impact section's period of days ('during the Oct 17th - Nov 20th period') is the start and the end", () => {
    const md = (impact: string) =>
      post(
        ['pubDate: November 24, 2023'],
        'We launched an integration on Sept 11, 2023.',
        '',
        '### Impact',
        '',
        impact,
        '',
        '### Timeline',
        '',
        '- Sep 11th - We launched the integration',
        '- Oct 17th - An update caused every customer to share one database',
        '- Nov 20th - We discovered and fixed the issue',
      );
    const r = read(md('Customers all shared a single database during the Oct 17th - Nov 20th period.'));
    assert.equal(r.fact('start'), '2023-10-17');
    assert.equal(r.fact('end'), '2023-11-20');
    assert.notEqual(
      without(IMPACT_DAYS_RULE, 'on', () => read(md('Customers shared one database during the Oct 17th - Nov 20th period.'))).fact('start'),
      '2023-10-17',
    );
    // Must not fire: a period said outside Impact, or a sentence with a time of its own.
    const outside = doc(
      '---',
      'title: "T"',
      '---',
      '',
      'We shared notes during the Oct 17th - Nov 20th period.',
      '',
      '### Timeline',
      '',
      '- Sep 11th, 2023 - We launched',
      '',
    );
    assert.notEqual(read(outside).fact('start'), '2023-10-17');
    assert.notEqual(read(md('Customers shared one database during the Oct 17th - Nov 20th period, from 10:00 UTC.')).fact('start'), '2023-10-17');
  });

  it("a post naming one day only: its prose times are on that day, the year from its 'pubDate'", () => {
    const md = (...body: string[]) =>
      post(
        ['pubDate: May 2, 2024'],
        'On April 30th at 5:05pm UTC we removed an account.',
        '',
        '### Impact',
        '',
        'Blob storage was unavailable from 5:05pm UTC until 9:05pm UTC.',
        ...body,
      );
    const r = readAs(md(), 'post-mortem-blob-storage.md');
    assert.equal(r.fact('start'), '2024-04-30T17:05 +00:00');
    assert.equal(r.fact('end'), '2024-04-30T21:05 +00:00');
    assert.equal(without(ONLY_NAMED_DAY_RULE, 'on', () => readAs(md(), 'post-mortem-blob-storage.md')).fact('start'), undefined);
    assert.equal(without(POSTED_YEAR_RULE, 'on', () => readAs(md(), 'post-mortem-blob-storage.md')).fact('start'), undefined);
    // Must not fire: a second day named, a day relative to it, a day after the post's date (no year to take).
    assert.equal(readAs(md('', 'We fixed it on May 1st.'), 'x.md').fact('start'), undefined);
    assert.equal(readAs(md('', 'The next day we audited the keys.'), 'x.md').fact('start'), undefined);
    const late = post(
      ['pubDate: May 2, 2024'],
      'On May 30th at 5:05pm UTC we removed an account.',
      '',
      '### Impact',
      '',
      'Storage was unavailable from 5:05pm UTC until 9:05pm UTC.',
    );
    assert.equal(readAs(late, 'x.md').fact('start'), undefined);
  });

  it('reads 100 kB lines in linear time', () => {
    const long = 'x'.repeat(100_000);
    linear(notice(`Last update: ${'2015 '.repeat(20_000)}.`));
    linear(report(`- ${'10.42 '.repeat(16_000)}: ${long}`, `- 10.56: ${'at 10.1'.repeat(14_000)}`));
    linear(report(`The failure started at ${'approximately '.repeat(7000)}10.16, and was fixed at ${'~'.repeat(50_000)}11.35.`));
    linear(report(`The downtime started around ${'10AM '.repeat(20_000)} and was resolved by 8PM.`));
    linear(report(`There was ${'79 minutes of '.repeat(7000)}downtime.`));
    linear(post(['pubDate: May 2, 2024'], '### Impact', '', `Shared during the ${'Oct 17th - '.repeat(9000)}Nov 20th period.`));
    linear(post(['pubDate: May 2, 2024'], `On April 30th ${'April 30th '.repeat(9000)}`, '', `From 5:05pm UTC until ${long}`));
  });
});
