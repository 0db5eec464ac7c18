/**
 * Issue 31, round 17: the rules chosen on held-out-19, one small document each
 * (written for this test), through the Markdown reader, each with a case where
 * the rule must not fire, and each switchable rule checked to fail with it
 * switched off.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import { STAMP_YEAR_RULE } from '../../../../src/core/import/markdown/statusYear';
import { STATUS_WINDOW_RULE } from '../../../../src/core/import/markdown/statusWindow';
import { TIMED_PARAGRAPHS_RULE } from '../../../../src/core/import/markdown/statusParagraphs';
import { TRACK_RULE } from '../../../../src/core/import/markdown/statusTrack';
import { DURING_RULE } from '../../../../src/core/import/markdown/duration';

/** A StatusKit incident: TOML front matter, resolved, no closing time, updates stamped with their zone. */
const statusKit = (date: string, ...body: string[]) =>
  doc('+++', 'title = "Slow schema changes"', `date = ${date}`, 'severity = "degraded-performance"', 'resolved = true', '+++', ...body, '');

/** A cState incident: YAML front matter with resolvedWhen. */
const cState = (date: string, closed: string, ...body: string[]) =>
  doc(
    '---',
    'title: Slow web sites',
    `date: ${date}`,
    'resolved: true',
    `resolvedWhen: ${closed}`,
    'severity: disrupted',
    'section: issue',
    '---',
    '',
    ...body,
    '',
  );

const track = (at: string, text: string) => `**Update**: ${text} {{< track "${at}" >}}`;

describe('Markdown importer: rules of round 17 (issue 31)', () => {
  it("a status page whose every stamp has one year the front matter's date has not reads them in the date's year", () => {
    const stamps = (day: string) =>
      statusKit(
        '2019-05-10T08:17:31.000Z',
        'We are investigating failing schema changes.',
        '',
        track(`${day}T09:38:00.000Z`, 'Some APIs are affected.'),
        '',
        `**Resolved**: Schema changes are now fully working again. {{< track "${day}T14:30:00.000Z" >}}`,
      );
    const r = read(stamps('2018-05-10'));
    assert.equal(r.fact('start'), '2019-05-10T08:17 +00:00');
    assert.equal(r.fact('end'), '2019-05-10T14:30 +00:00');
    assert.equal(r.timeline[0]!.at, '2019-05-10T09:38:00Z');
    assert.ok(r.notes.some((n) => /stamp says 2018/.test(n)));
    const off = without(STAMP_YEAR_RULE, 'on', () => read(stamps('2018-05-10')));
    assert.equal(off.timeline[0]!.at, '2018-05-10T09:38:00Z');
    // Must not fire: in the date's year the stamps would come weeks after it, so they are read as written.
    const far = read(stamps('2018-06-20'));
    assert.equal(far.timeline[0]!.at, '2018-06-20T09:38:00Z');
    assert.ok(!far.notes.some((n) => /stamp says/.test(n)));
  });

  it("a status page's own window with its zone is the start and end over the front matter's times", () => {
    const page = (window: string) =>
      statusKit(
        '2021-04-20T15:35:23.000Z',
        'We are investigating an increasing error rate.',
        '',
        track('2021-04-20T16:25:00.000Z', 'We are continuing to investigate this issue.'),
        '',
        `**Resolved**: The service is fully recovered now. {{< track "2021-04-20T18:20:00.000Z" >}}`,
        '',
        '## Post Mortem',
        `The content DB became unavailable ${window} on April 20th 2021.`,
      );
    const r = read(page('from 17:45 to 20:20 CEST'));
    assert.equal(r.fact('start'), '2021-04-20T17:45 +02:00');
    assert.equal(r.fact('end'), '2021-04-20T20:20 +02:00');
    const off = without(STATUS_WINDOW_RULE, 'on', () => read(page('from 17:45 to 20:20 CEST')));
    assert.equal(off.fact('start'), '2021-04-20T15:35 +00:00');
    // Must not fire: a window without a zone leaves the front matter's start.
    assert.equal(read(page('from 17:45 to 20:20')).fact('start'), '2021-04-20T15:35 +00:00');
    // Nor a window on another day than the page's.
    const other = cState('2022-10-06 11:48:00', '2022-10-06 12:20:00', 'It occurred between 15:48:40 and 16:20:40 CEST on 2022-09-01.');
    assert.equal(read(other).fact('start'), '2022-10-06T11:48 (zone not stated)');
    // With seconds, 'between … and …', the date after a weekday.
    const seconds = cState('2022-10-06 11:48:00', '2022-10-06 12:20:00', 'It occurred between 15:48:40 and 16:20:40 CEST on Thursday 2022-10-06.');
    assert.equal(read(seconds).fact('end'), '2022-10-06T16:20 +02:00');
  });

  it("paragraphs opening with a time and a colon are entries; the first, before the front matter's date, is the start", () => {
    const page = (...summary: string[]) =>
      cState(
        '2022-11-14 05:30:00',
        '2022-11-14 09:30:00',
        '## Summary of the problems',
        '',
        ...summary,
        '',
        '---',
        '*Investigating* - Some web sites are inaccessible. {{< track "2022-11-14 06:52:00" >}}',
        '',
        '*Resolved* - All systems operational {{< track "2022-11-14 10:27:00" >}}',
      );
    const md = page(
      '05:15: Our systems were updated automatically, which made some databases inaccessible',
      '',
      '06:30: Problems were detected by the first administrator at the office',
      '',
      '09:30: Performance issues resolved and all systems operational',
    );
    const r = read(md);
    assert.equal(r.timeline.length, 5);
    assert.equal(r.fact('start'), '2022-11-14T05:15 (zone not stated)');
    assert.equal(r.fact('end'), '2022-11-14T09:30 (zone not stated)');
    const off = without(TIMED_PARAGRAPHS_RULE, 'on', () => read(md));
    assert.equal(off.timeline.length, 2);
    // Must not fire: two such paragraphs are no timeline, nor three that go back in time.
    assert.equal(read(page('05:15: Updated.', '', '06:30: Detected.')).timeline.length, 2);
    assert.equal(read(page('05:15: Updated.', '', '06:30: Detected.', '', '04:00: Earlier.')).timeline.length, 2);
    // Nor is the first the start when it is not before the front matter's date.
    const later = read(page('05:45: Updated.', '', '06:30: Detected.', '', '09:30: Resolved.'));
    assert.equal(later.fact('start'), '2022-11-14T05:30 (zone not stated)');
  });

  it("a status page's stamped updates are read under a section of their own too", () => {
    const md = cState(
      '2022-10-06 11:48:00',
      '2022-10-06 12:20:00',
      '## Summary',
      '',
      'A firewall hit its resource limits.',
      '',
      '*Investigating* - Some services respond slower than usual. {{< track "2022-10-06 13:53:00" >}}',
      '',
      '*Resolved* - All services are working normally. {{< track "2022-10-06 14:29:00" >}}',
    );
    assert.equal(read(md).timeline.length, 2);
    assert.equal(without(TRACK_RULE, 'keyed', () => read(md)).timeline.length, 0);
    // Must not fire: a Timeline section of the document's own is read as it is (its stamps as its entries' text).
    const own = doc('# Outage', '', '## Timeline', '', '- 10:00 Down {{< track "2022-10-06 13:53:00" >}}', '- 11:00 Back up', '');
    assert.equal(read(own).timeline[0]!.at, '10:00');
  });

  it("'not reachable during few minutes' is a duration as written; 'during the few minutes' is not", () => {
    const md = cState('2021-05-20 04:48:53-07:00', '2021-05-20 04:53:07-07:00', 'The reader was not reachable during few minutes.');
    assert.equal(read(md).fact('duration'), 'few minutes');
    assert.equal(without(DURING_RULE, 'on', () => read(md)).fact('duration'), undefined);
    assert.equal(read(doc('# Outage', '', 'On 4 June 2024 the site was not reachable for a few hours.', '')).fact('duration'), 'a few hours');
    const during = doc('# Outage', '', 'On 4 June 2024 the site was not reachable during the few minutes of the switch.', '');
    assert.equal(read(during).fact('duration'), undefined);
    // Nor a few minutes of something else than the outage.
    assert.equal(read(doc('# Outage', '', 'On 4 June 2024 we watched the graphs during a few minutes.', '')).fact('duration'), undefined);
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(statusKit('2019-05-10T08:17:31.000Z', `${'{{< track "2018-05-10T09:38'.repeat(4000)}`, ''));
    linear(statusKit('2019-05-10T08:17:31.000Z', `It was down from 17:45 to ${'from 17:45 to '.repeat(7000)}20:20 CEST.`, ''));
    linear(cState('2022-10-06 11:48:00', '2022-10-06 12:20:00', `between 15:48:40 and ${'1:2 '.repeat(25000)}`, ''));
    linear(cState('2022-11-14 05:30:00', '2022-11-14 09:30:00', ...Array.from({ length: 2000 }, (_, i) => `0${i % 10}:1${i % 6}: ${'x'.repeat(50)}`)));
    linear(cState('2022-11-14 05:30:00', '2022-11-14 09:30:00', `05:15: ${'05:15: '.repeat(15000)}`, ''));
    linear(doc('# T', '', `It was not reachable during ${'a few '.repeat(20000)}minutes.`, ''));
    linear(doc('# T', '', `It was ${'not '.repeat(30000)}reachable for 5 minutes.`, ''));
  });
});
