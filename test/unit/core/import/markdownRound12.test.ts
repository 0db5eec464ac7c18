/**
 * Issue 31, round 12: the rules chosen on held-out-14, one small document each
 * (written for this test), through the Markdown reader, each with a case where
 * the rule must not fire, and each checked to fail with its rule switched off.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import { UPDATE_LIST_RULE } from '../../../../src/core/import/markdown/statusUpdates';
import { BODY_ZONE_RULE, STATUS_BODY_RULE } from '../../../../src/core/import/markdown/statusPage';
import { STATUS_NOTICE_RULE } from '../../../../src/core/import/markdown/statusBody';

const front = (...keys: string[]) => ['---', 'title: Network outage in LON1', ...keys, 'section: issue', '---', ''];

/** A status page's updates, newest first, a time on a line of its own over each. */
const updates = (last: string) =>
  doc(
    ...front('date: 2024-01-17 23:04:00', 'resolved: yes', 'resolvedWhen: 2024-01-18 00:04:00'),
    '01:00 UTC',
    '',
    last,
    '',
    '---',
    '',
    '2024-01-18 00:10 UTC',
    '',
    'Connectivity to LON1 is being restored.',
    '',
    '---',
    '',
    '23:45 UTC',
    '',
    'No further details from our partner.',
    '',
    '---',
    '',
    '2024-01-17 23:04 UTC',
    '',
    'Services in LON1 are disrupted.',
  );

/** A status page whose body is a written postmortem with its own timeline, the front matter posted 70 minutes in. */
const written = (posted: string, closed: string, ...entries: string[]) =>
  doc(
    ...front(`date: ${posted}`, 'resolved: true', `resolvedWhen: ${closed}`),
    'We had a major database outage.',
    '',
    '## Problem',
    '',
    'At approximately 10:29am EST, we reached the limit and transactions started to fail.',
    '',
    '## Timeline',
    '',
    ...entries,
  );
const entries = [
  '* 2023-02-15 10:29 AM - First database transaction fails, the site is unreachable',
  '* 2023-02-15 10:34 AM - The site returns online for a brief moment',
  '* 2023-02-15 10:38 AM - Database unreachable error, the site is unreachable',
  '* 2023-02-15 12:09 PM - Last database error, the site returns online',
];

describe('Markdown importer: rules of round 12 (issue 31)', () => {
  it("a status page's updates under a time on a line of their own, written newest first, are read oldest first", () => {
    const r = read(updates('We are satisfied with the stability and are closing this status.'));
    assert.deepEqual(
      r.timeline.map((e) => [e.at, e.text]),
      [
        ['2024-01-17T23:04:00Z', 'Services in LON1 are disrupted.'],
        ['2024-01-17T23:45:00Z', 'No further details from our partner.'],
        ['2024-01-18T00:10:00Z', 'Connectivity to LON1 is being restored.'],
        ['2024-01-18T01:00:00Z', 'We are satisfied with the stability and are closing this status.'],
      ],
    );
    // The first update opens the incident; the last ends it when it says it is over.
    assert.equal(r.rec.start, '2024-01-17T23:04:00Z');
    assert.equal(r.rec.resolution, '2024-01-18T01:00:00Z');
    // A last update that does not say it is over ends nothing.
    assert.equal(read(updates('We continue to monitor the network.')).rec.resolution, undefined);
    // Without the rule, none of it is read (and the start was the newest update's time).
    // (Round 24's front matter zone from the text is off too: it reads the date as UTC from the '23:04 UTC' update.)
    const off = without(BODY_ZONE_RULE, 'on', () => without(UPDATE_LIST_RULE, 'on', () => read(updates('We are closing this status.'))));
    assert.equal(off.timeline.length, 0);
    assert.notEqual(off.rec.start, '2024-01-17T23:04:00Z');
  });

  it('two stamps are no update list, nor are stamps without a zone or without any date', () => {
    const two = doc('# Outage', '', '2024-01-18 00:10 UTC', '', 'Restored.', '', '2024-01-17 23:04 UTC', '', 'Down.');
    assert.equal(read(two).timeline.length, 0);
    const zoneless = doc('# Outage', '', ...['2024-01-18 00:10', '2024-01-17 23:30', '2024-01-17 23:04'].flatMap((t) => [t, '', 'Text.', '']));
    assert.equal(read(zoneless).timeline.length, 0);
    const undated = doc('# Outage', '', ...['00:10 UTC', '23:30 UTC', '23:04 UTC'].flatMap((t) => [t, '', 'Text.', '']));
    assert.equal(read(undated).timeline.length, 0);
  });

  it("'since 2pm CEST' in a status page's text before the front matter's date is the start", () => {
    const md = (since: string) =>
      doc(
        ...front('date: "2024-05-27T14:20:00+02:00"', 'resolved: true', 'resolvedWhen: "2024-05-27T18:35:00+02:00"'),
        'Fedora integration is disrupted:',
        '',
        `- ${since} for our stage deployment`,
        '- since 6pm CEST for our production deployment',
      );
    const r = read(md('since 2pm CEST'));
    assert.equal(r.fact('start'), '2024-05-27T14:00 +02:00');
    assert.equal(r.fact('end'), '2024-05-27T18:35 +02:00');
    // Without a zone, or later than the date, or more than twelve hours before it: the front matter's date.
    for (const other of ['since 2pm', 'since 4pm CEST', 'since 1:00 CEST']) assert.equal(read(md(other)).fact('start'), '2024-05-27T14:20 +02:00', other);
    assert.equal(without(STATUS_BODY_RULE, 'since', () => read(md('since 2pm CEST'))).fact('start'), '2024-05-27T14:20 +02:00');
  });

  it("a status page's front matter is the notice when its date is no entry's time in the body's own timeline", () => {
    const r = read(written('2023-02-15T15:45:00.000Z', '2023-02-15T17:10:15.086Z', ...entries));
    // The body's start and end, in the zone a sentence gives the start's time in; a return 'for a brief moment' is no end.
    assert.equal(r.fact('start'), '2023-02-15T10:29 -05:00');
    assert.equal(r.fact('end'), '2023-02-15T12:09 -05:00');
    // The closing time is an entry's minute (17:09Z is 12:09 EST): that entry is the end.
    const closing = read(written('2023-02-15T15:45:00Z', '2023-02-15T17:38:00Z', ...entries));
    assert.equal(closing.fact('end'), '2023-02-15T10:38 -05:00');
    // The date is an entry's time in some zone (15:29Z is 10:29 EST): the front matter and the body agree.
    const agree = read(written('2023-02-15T15:29:00Z', '2023-02-15T17:10:00Z', ...entries));
    assert.equal(agree.fact('start'), '2023-02-15T15:29 +00:00');
    const off = without(STATUS_NOTICE_RULE, 'on', () => read(written('2023-02-15T15:45:00.000Z', '2023-02-15T17:10:15.086Z', ...entries)));
    assert.equal(off.fact('start'), '2023-02-15T15:45 +00:00');
  });

  it("'errors started reoccurring' is the outage back, not its start; '1-hour 25-minutes' is a duration", () => {
    const md = doc(
      '# Cache outage',
      '',
      'The incident lasted approximately 1-hour 25-minutes.',
      '',
      '## Timeline',
      '',
      '* 2023-01-19 18:48 - First out-of-memory error appears in the error log',
      '* 2023-01-19 22:23 - Service observed as restored',
      '* 2023-01-19 22:29 - OOM errors started reoccurring, investigation continued',
      '* 2023-01-20 07:40 - Errors stopped appearing in the error log',
    );
    const r = read(md);
    assert.equal(r.fact('start'), '2023-01-19T18:48 (zone not stated)');
    assert.equal(r.fact('end'), '2023-01-20T07:40 (zone not stated)');
    assert.equal(r.fact('duration'), 'approximately 1-hour 25-minutes');
    assert.equal(read(doc('# Outage', '', 'We had an outage lasting 24-hours.')).fact('duration'), '24-hours');
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(doc('# Outage', '', ...Array.from({ length: 3 }, () => `2024-01-18 00:10 UTC${' '.repeat(100000)}x`)));
    linear(doc(...front('date: "2024-05-27T14:20:00+02:00"', 'resolved: true', 'resolvedWhen: "2024-05-27T18:35:00+02:00"'), `since ${'1'.repeat(100000)}`));
    linear(doc(...front('date: "2024-05-27T14:20:00+02:00"', 'resolved: true', 'resolvedWhen: "2024-05-27T18:35:00+02:00"'), 'since 2 '.repeat(16000)));
    linear(doc('# Outage', '', `It lasted ${'1-'.repeat(50000)}hours.`));
  });
});
