/**
 * Issue 31, round 13: the rules chosen on held-out-15, one small document each
 * (written for this test), through the Markdown reader, each with a case where
 * the rule must not fire, and each switchable rule checked to fail with it
 * switched off.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import { ZONELESS_FRONT_RULE } from '../../../../src/core/import/markdown/statusPage';
import { DATED_UPDATES_RULE, TRACK_RULE } from '../../../../src/core/import/markdown/statusTrack';
import { DURATION_LATER_RULE } from '../../../../src/core/import/markdown/spanWords';
import { ANNOUNCEMENTS_RULE } from '../../../../src/core/import/markdown/announcements';

const front = (...keys: string[]) => ['---', 'title: Degraded service', ...keys, 'section: issue', '---', ''];
const page = (...body: string[]) => doc(...front('date: 2025-08-19 15:00:00', 'resolved: true', 'resolvedWhen: 2025-08-19 17:20:00'), ...body);

describe('Markdown importer: rules of round 13 (issue 31)', () => {
  it("a status page's front matter times without a zone are its start and end, the zone left unstated", () => {
    const r = read(page('We are experiencing a service degradation on the app.'));
    assert.equal(r.fact('start'), '2025-08-19T15:00 (zone not stated)');
    assert.equal(r.fact('end'), '2025-08-19T17:20 (zone not stated)');
    // xREL's spelling: "status: resolved" and "resolved_on".
    const xrel = read(
      doc('---', 'title: Hardware failure', 'date: 2020-11-15 10:15:00', 'status: "resolved"', 'resolved_on: 2020-11-15 18:30:00', '---', '', 'Servers down.'),
    );
    assert.equal(xrel.fact('end'), '2020-11-15T18:30 (zone not stated)');
    // A post's front matter (no resolved keys): its date is the publication's, never the start.
    assert.equal(read(doc('---', 'title: Outage', 'date: 2025-08-19 15:00:00', '---', '', 'We had an outage.')).fact('start'), undefined);
    // A closing time before the opening one: neither is used.
    const backwards = doc(...front('date: 2025-08-19 15:00:00', 'resolved: true', 'resolvedWhen: 2025-08-18 17:20:00'), 'Down.');
    assert.equal(read(backwards).fact('start'), undefined);
    assert.equal(without(ZONELESS_FRONT_RULE, 'on', () => read(page('Down.'))).fact('start'), undefined);
  });

  it("updates stamped in a zone come before the front matter's zoneless times", () => {
    const stamps = ['2025-08-19 15:10 UTC', '', 'Services are disrupted.', '', '---', '', '2025-08-19 16:00 UTC', '', 'Investigating.', '', '---'];
    const r = read(page(...stamps, '', '2025-08-19 17:00 UTC', '', 'This incident is now resolved.'));
    assert.equal(r.fact('start'), '2025-08-19T15:10 +00:00');
    assert.equal(r.fact('end'), '2025-08-19T17:00 +00:00');
  });

  it("updates stamped with a track shortcode are the page's timeline, oldest first, their stamps no statements", () => {
    const md = page(
      '*Monitoring*',
      '- A patch is rolled out. {{< track "2025-08-19 17:25:00" >}}',
      '',
      '*Investigating*',
      '- We have isolated the issue. {{< track "2025-08-19 16:25:00" >}}',
      '- We are experiencing a problem; jobs will run once the issue is resolved. {{< track "2025-08-19 15:00:00" >}}',
    );
    const r = read(md);
    assert.deepEqual(
      r.timeline.map((e) => e.text),
      ['We are experiencing a problem; jobs will run once the issue is resolved.', 'We have isolated the issue.', 'A patch is rolled out.'],
    );
    // The first update's 'once the issue is resolved' is no end: the front matter's closing time is.
    assert.equal(r.fact('start'), '2025-08-19T15:00 (zone not stated)');
    assert.equal(r.fact('end'), '2025-08-19T17:20 (zone not stated)');
    // An empty stamp (the theme's own example) is no update.
    assert.equal(read(page('- Down. {{< track "" >}}')).timeline.length, 0);
    assert.equal(without(TRACK_RULE, 'on', () => read(md)).timeline.length, 0);
  });

  it("updates opening with their dates ('Update 2025-08-09:', '- [2026-06-22 12:00]') are the page's timeline", () => {
    const md = page('Something is wrong.', '', 'Update 2025-08-19: We recovered services.', '', 'Update 2025-08-20: All systems are stable.');
    assert.deepEqual(
      read(md).timeline.map((e) => [e.at, e.text]),
      [
        ['2025-08-19', 'We recovered services.'],
        ['2025-08-20', 'All systems are stable.'],
      ],
    );
    assert.equal(read(page('- [2025-08-19 15:10] Email is down.', '', '- [2025-08-19 16:00] We switched providers.')).timeline.length, 2);
    // One dated update is no list; updates out of order are not read.
    assert.equal(read(page('Update 2025-08-19: We recovered services.')).timeline.length, 0);
    assert.equal(read(page('Update 2025-08-20: Stable.', '', 'Update 2025-08-19: Recovered.')).timeline.length, 0);
    assert.equal(without(DATED_UPDATES_RULE, 'on', () => read(md)).timeline.length, 0);
  });

  it("'still not back to normal' is no end; 'returns back to normal' is one", () => {
    const md = (last: string) =>
      doc(
        '# Chain halt',
        '',
        '## Timeline',
        '',
        '- 2021-06-25 16:13 PDT: Block production halts',
        '- 2021-06-26 02:00 PDT: Block production still not back to normal, the chain recovers by itself overnight',
        `- 2021-06-26 05:00 PDT: ${last}`,
      );
    assert.equal(read(md('Blockchain returns back to normal block time')).fact('end'), '2021-06-26T05:00 -07:00');
    assert.equal(read(md('The team keeps watching the chain')).fact('end'), undefined);
  });

  it("'Normal chain operations continued at 17:15 UTC just over 4 hours later': the end and the duration as written", () => {
    const md = (said: string) => doc('# Network disruption', '', `On Monday 2022-07-11 at approximately 12:42 UTC the chain stopped producing blocks. ${said}`);
    const r = read(md('Normal chain operations continued at 17:15 PM UTC just over 4 hours later.'));
    assert.equal(r.fact('end'), '2022-07-11T17:15 +00:00');
    assert.equal(r.fact('duration'), 'just over 4 hours');
    assert.equal(read(md('Normal chain operations resumed 18 hours on 2022-07-12 at approximately 06:30 UTC.')).fact('duration'), '18 hours');
    // The team's work resuming is neither the end nor a duration.
    const team = read(md('Our investigation continued at 17:15 UTC, 4 hours later.'));
    assert.equal(team.fact('end'), undefined);
    assert.equal(team.fact('duration'), undefined);
    const off = without(DURATION_LATER_RULE, 'on', () => read(md('Normal chain operations continued at 17:15 PM UTC just over 4 hours later.')));
    assert.equal(off.fact('duration'), undefined);
  });

  it("a 'Timeline of Key Announcements' is the record's timeline but places no start or end", () => {
    const md = (heading: string) =>
      doc(
        '# Network disruption',
        '',
        'On 2022-11-16, at approximately 22:06 UTC, validators stopped producing blocks.',
        '',
        `# ${heading}`,
        '',
        'All times in UTC.',
        '',
        '**2022-11-16**',
        '',
        '**00:32** Operators were asked to restart their nodes. The chain remained halted.',
        '',
        '**02:17** The API remained down after maintenance.',
      );
    const r = read(md('Timeline of Key Announcements'));
    assert.equal(r.timeline.length, 2);
    assert.equal(r.fact('start'), '~2022-11-16T22:06 +00:00');
    // A timeline of what happened places the start (here its first entry about the outage).
    const own = read(md('Timeline'));
    assert.equal(own.timeline.length, 2);
    assert.notEqual(own.fact('start'), '~2022-11-16T22:06 +00:00');
    assert.notEqual(without(ANNOUNCEMENTS_RULE, 'on', () => read(md('Timeline of Key Announcements'))).fact('start'), '~2022-11-16T22:06 +00:00');
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(page(`- x${' '.repeat(100000)}{{< track "2025-08-19 17:25:00" >}}`, `{{< track ${'"'.repeat(100000)}`));
    linear(page(`Update 2025-08-19:${' '.repeat(100000)}x`, `- [2025-08-19${' '.repeat(100000)}`, `Update 2025-08-20: ${'x '.repeat(50000)}`));
    linear(doc('# Outage', '', `Normal operations resumed ${'1 '.repeat(50000)}hours later.`));
    linear(doc('# Outage', '', `The service resumed ${'x'.repeat(100000)} 4 hours later.`));
    linear(doc('# Outage', '', `${'not '.repeat(25000)}back to normal at 10:00 UTC on 2022-01-01.`));
  });
});
