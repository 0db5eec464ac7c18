/**
 * Issue 31, round 26: the rules chosen on held-out-28 (Algolia's engineering blog, SourceHut's status page, PINE64's
 * blog), wrong facts first: small documents written for this test, each rule with a case where it fires and one where
 * it must not, each rule checked off, and a 100 kB line read in linear time.
 */
import { strict as assert } from 'node:assert';
import { read, readAs, doc, linear, without } from '../../../support/markdownDraft';
import { REOPENED_RULE } from '../../../../src/core/import/markdown/statusReopened';
import { ONE_UPDATE_RULE, TOTAL_RULE } from '../../../../src/core/import/markdown/duration';
import { CUT_OFF_RULE, SLOWER_RULE } from '../../../../src/core/import/markdown/durationTie';
import { ALL_BY_RULE, DURING_ON_RULE, ONGOING_RULE } from '../../../../src/core/import/markdown/blogDayProse';

const notice = (...updates: Array<[string, string, string]>) =>
  doc(
    '---',
    'title: Service disruption',
    'date: 2018-11-24 19:39:00',
    'resolved: true',
    'resolvedWhen: 2018-11-24 20:42:00',
    'section: issue',
    '---',
    '',
    ...updates.flatMap(([label, text, at]) => [`**${label}**:`, text, `{{< track "${at}" >}}`, '']),
  );
const post = (title: string, ...body: string[]) => doc('---', `title: "${title}"`, 'date: "2024-01-21"', '---', '', ...body, '');

describe('Markdown importer: rules of round 26 (issue 31)', () => {
  it('a status page reopened after its resolvedWhen ends at its last update saying service is back, or not at all', () => {
    const investigating: [string, string, string] = ['Investigating', 'The database server is down.', '2018-11-24 19:40:00'];
    const resolved: [string, string, string] = ['Resolved', 'The issue has been resolved.', '2018-11-24 20:42:00'];
    const reopened: [string, string, string] = ['Reopened', 'Failures are back up. Investigating.', '2018-11-24 21:03:00'];
    const back = notice(['Builds available', 'Full service has been restored.', '2018-11-25 03:54:00'], reopened, resolved, investigating);
    assert.equal(read(back).fact('end'), '2018-11-25T03:54 (zone not stated)');
    assert.equal(read(back).fact('start'), '2018-11-24T19:39 (zone not stated)');
    assert.equal(without(REOPENED_RULE, 'on', () => read(back)).fact('end'), '2018-11-24T20:42 (zone not stated)');
    // The last update does not say service is back (or not all of it): no end.
    assert.equal(
      read(notice(['Working', 'A new host is being provisioned.', '2018-11-25 03:54:00'], reopened, resolved, investigating)).fact('end'),
      undefined,
    );
    const partly = notice(['Partly back', 'Full service has been restored except for builds.', '2018-11-25 03:54:00'], reopened, resolved, investigating);
    assert.equal(read(partly).fact('end'), undefined);
    // Must not fire: no update reopens it after the resolution.
    const plain = notice(['Resolved', 'The issue has been resolved.', '2018-11-24 20:42:00'], investigating);
    assert.equal(read(plain).fact('end'), '2018-11-24T20:42 (zone not stated)');
    const before = notice(resolved, ['Reopened', 'Failures are back up.', '2018-11-24 20:03:00'], investigating);
    assert.equal(read(before).fact('end'), '2018-11-24T20:42 (zone not stated)');
  });

  it("'during a total of 5 hours' is the stated duration, as written", () => {
    const md = (s: string) => post('DNS issue', s);
    assert.equal(read(md('Today we had a severe DNS issue that impacted some of our users during a total of 5 hours.')).fact('duration'), 'a total of 5 hours');
    assert.equal(read(md('The site was down for a total of 45 minutes.')).fact('duration'), 'a total of 45 minutes');
    assert.equal(without(TOTAL_RULE, 'on', () => read(md('The site was down for a total of 45 minutes.'))).fact('duration'), undefined);
    // Must not fire: a figure not tied to the outage.
    assert.equal(read(md('We ran the migration for a total of 3 hours.')).fact('duration'), undefined);
  });

  it("'unplugging us for 12 minutes' ties the figure to the outage", () => {
    const md = (s: string) => post('Network', s);
    assert.equal(read(md('Our ISP decided to ring in the new year by unplugging us for 12 minutes.')).fact('duration'), '12 minutes');
    assert.equal(read(md('The data centre lost power for 40 minutes.')).fact('duration'), '40 minutes');
    assert.equal(without(CUT_OFF_RULE, 'on', () => read(md('Our ISP ended up unplugging us for 12 minutes.'))).fact('duration'), undefined);
    // Must not fire: nothing cut off.
    assert.equal(read(md('The new router stayed connected for 12 minutes.')).fact('duration'), undefined);
  });

  it("'longer response times during a few hours' ties the figure to the slowdown", () => {
    const md = (s: string) => post('Performance', s);
    const slow = 'During a few hours on March 17th you may have noticed longer response times for some queries.';
    assert.equal(read(md(slow)).fact('duration'), 'a few hours');
    assert.equal(without(SLOWER_RULE, 'on', () => read(md(slow))).fact('duration'), undefined);
    // Must not fire: latency named, nothing slower said.
    assert.equal(read(md('During a few hours on March 17th we measured the latency of every query.')).fact('duration'), undefined);
  });

  it("a notice of one update: its text is the notice's statement of the duration", () => {
    const one = (text: string) =>
      doc(
        '---',
        'title: Network outage',
        'date: 2021-01-08 09:03:00',
        'resolved: true',
        'resolvedWhen: 2021-01-08 09:15:00',
        '---',
        '',
        text,
        '{{< track "2021-01-08 09:03:00" >}}',
        '',
      );
    assert.equal(read(one('The site was down for 12 minutes last night.')).fact('duration'), '12 minutes');
    assert.equal(without(ONE_UPDATE_RULE, 'on', () => read(one('The site was down for 12 minutes last night.'))).fact('duration'), undefined);
    // Must not fire: a figure not tied to the outage, or a plan.
    assert.equal(read(one('We will run maintenance for 12 minutes tonight.')).fact('duration'), undefined);
    assert.equal(read(one('Service is expected to be unavailable for 30 minutes.')).fact('duration'), undefined);
  });

  it("'During a few hours on March 17th … longer response times' names the day", () => {
    const md = (s: string) => doc('---', 'layout: post', 'title: Performance issues in Europe', '---', '', s, '');
    const slow = 'During a few hours on March 17th you may have noticed longer response times for some queries.';
    assert.equal(readAs(md(slow), '2014-03-17-performance.md').fact('start'), '2014-03-17');
    assert.equal(readAs(md('For 20 minutes on March 17th the API was unavailable.'), '2014-03-17-api.md').fact('start'), '2014-03-17');
    assert.equal(without(DURING_ON_RULE, 'on', () => readAs(md(slow), '2014-03-17-performance.md')).fact('start'), undefined);
    // Must not fire: nothing went wrong that day.
    assert.equal(readAs(md('During a few hours on March 17th we upgraded the cluster.'), '2014-03-17-upgrade.md').fact('start'), undefined);
  });

  it("'we are currently experiencing an outage' in a post is the post's day", () => {
    const md = (s: string) => post('Outage January 21st', s);
    assert.equal(read(md('We regret to inform you that we are currently experiencing an outage in our main cluster.')).fact('start'), '2024-01-21');
    assert.equal(read(md('The wiki is currently unavailable.')).fact('start'), '2024-01-21');
    assert.equal(without(ONGOING_RULE, 'on', () => read(md('We are currently experiencing an outage.'))).fact('start'), undefined);
    assert.equal(read(md('We are currently experiencing an outage.')).fact('end'), undefined);
    // Must not fire: not under way, or nothing wrong.
    assert.equal(read(md('We were experiencing an outage.')).fact('start'), undefined);
    assert.equal(read(md('We are currently experiencing high demand for our boards.')).fact('start'), undefined);
  });

  it("'All services were secured the same day, by 3pm PDT on Monday, April 7th' gives the end and that day", () => {
    const md = (s: string) => doc('---', 'layout: post', 'title: Dealing with a vulnerability', '---', '', s, '');
    const all = 'We responded immediately: All our services were secured the same day, by 3pm PDT on Monday, April 7th.';
    assert.equal(readAs(md(all), '2014-04-07-vuln.md').fact('end'), '2014-04-07T15:00 -07:00');
    assert.equal(readAs(md(all), '2014-04-07-vuln.md').fact('start'), '2014-04-07');
    const restored = 'All services were restored by 9pm UTC on April 7th, 2014.';
    assert.equal(readAs(md(restored), 'vuln.md').fact('end'), '2014-04-07T21:00 +00:00');
    assert.equal(readAs(md(restored), 'vuln.md').fact('start'), undefined);
    assert.equal(without(ALL_BY_RULE, 'on', () => readAs(md(all), '2014-04-07-vuln.md')).fact('end'), undefined);
    // Must not fire: not all of them, or no zone.
    assert.equal(readAs(md('Our API servers were secured by 3pm PDT on April 7th.'), '2014-04-07-vuln.md').fact('end'), undefined);
    assert.equal(readAs(md('All our services were secured by 3pm on April 7th.'), '2014-04-07-vuln.md').fact('end'), undefined);
  });

  it('reads a 100 kB line in linear time', () => {
    const long = 'a'.repeat(100000);
    linear(
      notice(['Reopened', `${'re-opened '.repeat(10000)}`, '2018-11-24 21:03:00'], ['Back', `Full service ${'has been '.repeat(5000)}`, '2018-11-25 03:54:00']),
    );
    linear(post('O', `The site was down for a total of ${'5 '.repeat(30000)}hours ${long}`));
    linear(post('O', `We were ${'unplugging '.repeat(10000)}cut ${'us '.repeat(10000)}for 12 minutes ${long}`));
    linear(post('O', `During a few hours on March 17th we had ${'longer '.repeat(20000)}response ${long}`));
    linear(post('O', `We are currently experiencing ${'an '.repeat(20000)}outage ${long}`));
    linear(post('O', `All ${'services '.repeat(20000)}were secured by 3pm PDT on ${'April '.repeat(10000)}7th ${long}`));
    linear(doc('---', 'layout: post', 'title: O', '---', '', `During ${'a few '.repeat(20000)}hours on March 17th ${long}`));
  });
});
