/**
 * Issue 31, round 15: the rules chosen on held-out-17, one small document each
 * (written for this test), through the Markdown reader, each with a case where
 * the rule must not fire, and each switchable rule checked to fail with it
 * switched off.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import { POSTED_CLOSED_RULE } from '../../../../src/core/import/markdown/statusPage';
import { REMARK_RULE } from '../../../../src/core/import/markdown/spanRemark';
import { OPENED_RULE } from '../../../../src/core/import/markdown/statusKit';
import { TRACK_RULE } from '../../../../src/core/import/markdown/statusTrack';
import { DATE_TIME_RULE } from '../../../../src/core/import/markdown/spanLabelTime';
import { DATE_LABEL_START_RULE } from '../../../../src/core/import/markdown/spanWeakStart';

const cstate = (date: string, closed: string) =>
  doc('---', 'title: Database unavailable', `date: ${date}`, 'resolved: true', `resolvedWhen: ${closed}`, '---', '*Resolved* - Service recovered.', '');

const statusKit = (...body: string[]) =>
  doc('+++', 'title = "Geocoding outage"', 'date = 2019-03-17T08:45:59.000Z', 'severity = "major-outage"', 'resolved = true', '+++', ...body, '');

describe('Markdown importer: rules of round 15 (issue 31)', () => {
  it("a status page's date and resolvedWhen less than a minute apart were posted already closed: neither is taken", () => {
    const posted = cstate('2021-12-27T22:31:54.077Z', '2021-12-27T22:31:54.127Z');
    assert.equal(read(posted).fact('start'), undefined);
    assert.equal(read(posted).fact('end'), undefined);
    assert.ok(read(posted).notes.some((n) => /posted already closed/.test(n)));
    assert.equal(
      without(POSTED_CLOSED_RULE, 'on', () => read(posted).fact('start')),
      '2021-12-27T22:31 +00:00',
    );
    // Must not fire: opened and closed minutes apart, the page's own start and end.
    const page = read(cstate('2021-08-26T21:15:36.218Z', '2021-08-26T22:28:12.321Z'));
    assert.equal(page.fact('start'), '2021-08-26T21:15 +00:00');
    assert.equal(page.fact('end'), '2021-08-26T22:28 +00:00');
  });

  it('a timeline entry whose outage words are only inside a quoted remark is no start', () => {
    const table = (...rows: string[]) =>
      doc('# Release post-mortem', '', '## Timeline', '', '( All times EDT )', '', '| Date-Time | Description |', '| --- | --- |', ...rows, '');
    const md = table(
      '| 2020-02-05 13:21 | Apple submission set to `In Review` |',
      '| 2020-02-06 07:38 | Android set to `Ready for Sale` |',
      "| 2020-02-06 11:05 | @fizz says `I hope it's clear we can't have these things happen moving forward.` |",
    );
    assert.equal(read(md).fact('start'), undefined);
    assert.ok(read(md).notes.some((n) => /remark/.test(n)));
    assert.equal(
      without(REMARK_RULE, 'on', () => read(md).fact('start')),
      '2020-02-06T11:05 -04:00',
    );
    // Must not fire: the outage words outside the quotation ("says the API is down"), an entry about the outage.
    const said = table('| 2020-02-06 07:38 | Release published |', '| 2020-02-06 09:10 | @ana says the API is down: `502 on every call` |');
    assert.equal(read(said).fact('start'), '2020-02-06T09:10 -04:00');
    // Must not fire: an entry before the remark is about the outage.
    const before = table(
      '| 2020-02-06 07:38 | The API is down |',
      "| 2020-02-06 08:05 | @fizz says `we can't have this` |",
      '| 2020-02-06 08:30 | The API is back online |',
    );
    assert.equal(read(before).fact('start'), '2020-02-06T07:38 -04:00');
  });

  it("a StatusKit page (resolved, no closing time, zoned track stamps) starts at its date and ends at the service's return", () => {
    const md = statusKit(
      'Windows updates were installed and the system was rebooted. ArcGIS Server did not recover.',
      '',
      '## Update',
      '',
      'Geocoding restored but searching continued to be down. {{< track "2019-03-17T11:41:00.000Z" >}}',
      '',
      '## Update',
      '',
      'All systems are back online.',
      '{{< track "2019-03-17T15:18:00.000Z" >}}',
    );
    const r = read(md);
    assert.equal(r.fact('start'), '2019-03-17T08:45 +00:00');
    assert.equal(r.fact('end'), '2019-03-17T15:18 +00:00');
    assert.equal(r.timeline.length, 2);
    assert.ok(!r.notes.some((n) => /when the document was published/.test(n)));
    // Switched off: the first update, not the date the page was opened.
    assert.equal(
      without(OPENED_RULE, 'on', () => read(md).fact('start')),
      '2019-03-17T11:41 +00:00',
    );
    assert.equal(without(TRACK_RULE, 'zoned', () => read(md)).timeline.length, 0);
    // An offset kept as the stamp writes it; "the issue has been fixed" and "returning to green" are the return.
    const offset = doc(
      '+++',
      'title = "Web API down"',
      'date = 2021-11-23T16:03:00-06:00',
      'resolved = true',
      '+++',
      'The infrastructure is having issues.',
      '',
      '**Update**: The issue has been identified and fixed by hosting. {{< track "2021-11-23T16:26:00-06:00" >}}',
      '',
    );
    assert.equal(read(offset).fact('start'), '2021-11-23T16:03 -06:00');
    assert.equal(read(offset).fact('end'), '2021-11-23T16:26 -06:00');
    const green = statusKit('All sites are inaccessible.', '', 'All of the services are returning to green. {{< track "2019-03-17T19:35:25.000Z" >}}');
    assert.equal(read(green).fact('end'), '2019-03-17T19:35 +00:00');
    // Must not fire: a later update says work goes on (no end); a blog post's front matter (no `resolved`) is a
    // publication date; updates stamped before the date are not the page's.
    const onGoing = statusKit(
      'Core equipment is having issues.',
      '',
      'Some services are back online. {{< track "2019-03-17T13:23:00.000Z" >}}',
      '',
      'New hardware installed; still working through issues. {{< track "2019-03-17T14:50:00.000Z" >}}',
    );
    assert.equal(read(onGoing).fact('start'), '2019-03-17T08:45 +00:00');
    assert.equal(read(onGoing).fact('end'), undefined);
    const post = doc('+++', 'title = "Outage"', 'date = 2019-03-17T08:45:59.000Z', '+++', 'All back online. {{< track "2019-03-17T15:18:00.000Z" >}}', '');
    assert.notEqual(read(post).fact('start'), '2019-03-17T08:45 +00:00');
    assert.ok(read(post).notes.some((n) => /when the document was published/.test(n)));
    const earlier = statusKit('Down.', '', 'All back online. {{< track "2019-03-17T07:18:00.000Z" >}}');
    assert.notEqual(read(earlier).fact('start'), '2019-03-17T08:45 +00:00');
  });

  it('a Date label giving the time with its zone is when it happened, day first where the document is, an hour alone with am/pm', () => {
    const pm = (label: string) =>
      doc('# Testnet Halt', '', `* **Date:** ${label}`, '* **Chain id:** `testnet`', '', '### Description', '', 'The network halted.', '');
    assert.equal(read(pm('16/03/2020 3am UTC')).fact('start'), '2020-03-16T03:00 +00:00');
    assert.equal(read(pm('2021-09-13 11pm UTC')).fact('start'), '2021-09-13T23:00 +00:00');
    assert.equal(
      without(DATE_TIME_RULE, 'on', () => read(pm('16/03/2020 3am UTC')).fact('start')),
      undefined,
    );
    // Must not fire: no zone written, or no time.
    assert.equal(read(pm('16/03/2020 3am')).fact('start'), undefined);
    // Round 22: a Date label of one day and no time gives that day alone (DATE_LABEL_START_RULE), not a time.
    assert.equal(read(pm('16/03/2020')).fact('start'), '2020-03-16');
    assert.equal(
      without(DATE_LABEL_START_RULE, 'on', () => read(pm('16/03/2020')).fact('start')),
      undefined,
    );
  });

  it("'started seeing impacted performance' is a start statement; 'for multiple days' a duration when the network was clogged", () => {
    const pm = (...s: string[]) => doc('# Network bloat', '', ...s, '');
    const r = read(pm('On the afternoon of Feb 21, 2022 the community started seeing impacted network performance.'));
    assert.equal(r.fact('start'), '2022-02-21');
    assert.equal(read(pm('On Feb 21, 2022 the community started seeing new sign-ups.')).fact('start'), undefined);
    assert.equal(read(pm('The network was clogged with transactions for multiple days on end because of the demand.')).fact('duration'), 'multiple days');
    // Must not fire: a figure in a clause about something else.
    assert.equal(read(pm('We ran the new script for multiple days without error.')).fact('duration'), undefined);
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    const big = 'x '.repeat(50000);
    linear(statusKit(`${big}{{< track "2019-03-17T15:18:00.000Z" >}}`, `{{< track ${'"'.repeat(100000)}`, `${'{{< track "2019-'.repeat(6000)}`));
    linear(doc('# T', '', '## Timeline', '', `- 2020-02-06 07:38: @a says ${'`'.repeat(50000)} down`, `- 2020-02-06 08:00: says "${'a '.repeat(50000)}`, ''));
    linear(doc('# T', '', `* **Date:** 16/03/2020 ${'3 '.repeat(50000)}am UTC`, '', `It started seeing ${'impacted '.repeat(10000)}x.`, ''));
    linear(doc('# T', '', `The network was clogged for ${'multiple '.repeat(10000)}days.`, ''));
  });
});
