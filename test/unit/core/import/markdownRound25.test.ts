/**
 * Issue 31, round 25: the rules chosen on held-out-27 (pico.sh's blog, datasci.social's notices, the F# compiler team's
 * postmortems, a personal server's postmortem), wrong facts first: small documents written for this test, each rule
 * with a case where it fires and one where it must not, each rule checked off, and a 100 kB line read in linear time.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import { H_MIN_LENGTH_RULE, HOUR_RANGE_RULE } from '../../../../src/core/import/markdown/spanMoment';
import { COMPACT_RULE } from '../../../../src/core/import/markdown/duration';
import { PAIR_LABEL_RULE } from '../../../../src/core/import/markdown/spanPairLabel';
import { BACK_BROKEN_RULE } from '../../../../src/core/import/markdown/spanJudge';
import { SAME_MONTH_RULE } from '../../../../src/core/import/markdown/spanDays';
import { WEEKDAY_BACK_RULE } from '../../../../src/core/import/markdown/blogDays';

const post = (title: string, ...body: string[]) => doc('---', `title: "${title}"`, 'date: "2025-04-20T09:30:00+01:00"', '---', '', ...body, '');

describe('Markdown importer: rules of round 25 (issue 31)', () => {
  it("'10h01min' is a length, never the time 10:01", () => {
    const md = post('Server outage', 'The outage started on 2025-04-15 and lasted 10h01min in total.');
    assert.equal(read(md).fact('start'), '2025-04-15');
    assert.equal(without(H_MIN_LENGTH_RULE, 'on', () => read(md)).fact('start'), '2025-04-15T10:01 (zone not stated)');
    // Must not fire: "10h01" with no minutes' unit after it is still the time.
    assert.equal(read(post('Server outage', 'The outage started on 2025-04-15 at 10h01.')).fact('start'), '2025-04-15T10:01 (zone not stated)');
  });

  it("'for 4h14min' is the stated duration, as written", () => {
    const md = (s: string) => post('Server outage', s);
    assert.equal(read(md('We had an unplanned server outage on 2025-04-15 for 4h14min.')).fact('duration'), '4h14min');
    assert.equal(read(md('The site was down for 2h 30m.')).fact('duration'), '2h 30m');
    assert.equal(without(COMPACT_RULE, 'on', () => read(md('We had a server outage for 4h14min.'))).fact('duration'), undefined);
    // Must not fire: the responders' own activity, or a figure that is a time of day.
    assert.equal(read(md('We had an outage; we were debugging for 4h14min.')).fact('duration'), undefined);
    assert.equal(read(md('We had a server outage for 4h14.')).fact('duration'), undefined);
  });

  it("'Between 4am-7am EST we had an outage' gives its start and end on the document's day", () => {
    const md = (s: string) => doc('---', 'title: outage-3 2025-08-18', 'date: 2025-08-18', '---', '', s, '', '- `web`', '');
    assert.equal(read(md('Between 4am-7am EST we had an outage for the following services:')).fact('start'), '2025-08-18T04:00 -05:00');
    assert.equal(read(md('Between 4am-7am EST we had an outage for the following services:')).fact('end'), '2025-08-18T07:00 -05:00');
    assert.equal(read(md('From 9 pm to 11 pm UTC the site was down.')).fact('end'), '2025-08-18T23:00 +00:00');
    assert.equal(without(HOUR_RANGE_RULE, 'on', () => read(md('Between 4am-7am EST we had an outage.'))).fact('end'), undefined);
    // Must not fire: hours without am or pm; a range that is not about the outage.
    assert.equal(read(md('Between 4-7 EST we had an outage.')).fact('end'), undefined);
    assert.equal(read(md('Between 4am-7am EST we ran the planned migration.')).fact('end'), undefined);
  });

  it('an Offline and an Online label, each with its date and time, are the start and end before an awareness', () => {
    const md = (...labels: string[]) =>
      doc(
        '---',
        'title: outage-2',
        'date: 2024-05-28',
        '---',
        '',
        'On `2024-05-27` at `12:19 PM EST` we became aware that our bouncer went offline.',
        '',
        'Outage duration:',
        '',
        ...labels,
        '',
      );
    const both = md('- Offline: `2024-05-27` at `11:02 AM EST`', '- Online: `2024-05-27` at `12:58 PM EST`');
    assert.equal(read(both).fact('start'), '2024-05-27T11:02 -05:00');
    assert.equal(read(both).fact('end'), '2024-05-27T12:58 -05:00');
    assert.equal(read(md('* Outage start: 2024-05-27 16:02 UTC', '* Outage end: 2024-05-27 17:58 UTC')).fact('start'), '2024-05-27T16:02 +00:00');
    assert.equal(without(PAIR_LABEL_RULE, 'on', () => read(both)).fact('start'), '2024-05-27T12:19 -05:00');
    // Must not fire: one label alone, or an end before the start.
    assert.equal(read(md('- Offline: `2024-05-27` at `11:02 AM EST`')).fact('start'), '2024-05-27T12:19 -05:00');
    const before = md('- Offline: 2024-05-27 at 11:02 AM EST', '- Online: 2024-05-27 at 10:58 AM EST');
    assert.equal(read(before).fact('start'), without(PAIR_LABEL_RULE, 'on', () => read(before)).fact('start'));
    assert.equal(read(before).fact('end'), undefined);
  });

  it("'back online again with broken …' is a partial recovery; the later return is the end", () => {
    const md = (second: string) =>
      doc(
        '---',
        'title: "Postmortem 2020-04-28"',
        'date: 2020-04-29T00:04:35+02:00',
        '---',
        '',
        '## Timeline',
        '',
        '2020-04-28 (all times CET):',
        '',
        '* 15:45: first outage.',
        `* 16:20: ${second}`,
        '* 20:51: back online again with most systems.',
        '',
      );
    assert.equal(read(md('back online again with broken Fedora 32 installation.')).fact('end'), '2020-04-28T20:51 +01:00');
    assert.equal(read(md('service restored in a degraded state.')).fact('end'), '2020-04-28T20:51 +01:00');
    assert.equal(without(BACK_BROKEN_RULE, 'on', () => read(md('back online again with broken installation.'))).fact('end'), '2020-04-28T16:20 +01:00');
    // Must not fire: back online with nothing said broken.
    assert.equal(read(md('back online again with a fresh installation.')).fact('end'), '2020-04-28T16:20 +01:00');
  });

  it("'an outage between April 15th and 17th' gives its first and last day", () => {
    const md = (s: string) => post('Server outage', s);
    assert.equal(read(md('We had an unplanned server outage between April 15th and 17th.')).fact('start'), '2025-04-15');
    assert.equal(read(md('We had an unplanned server outage between April 15th and 17th.')).fact('end'), '2025-04-17');
    assert.equal(without(SAME_MONTH_RULE, 'on', () => read(md('We had a server outage between April 15th and 17th.'))).fact('end'), undefined);
    // Must not fire: not about the outage; a second number that is not a day of that month.
    assert.equal(read(md('We planned the migration between April 15th and 17th.')).fact('end'), undefined);
    assert.equal(read(md('We had an outage between April 15th and 17:30.')).fact('end'), undefined);
  });

  it("'an outage on saturday' in a post dated the Wednesday after is that Saturday", () => {
    const md = (s: string) => doc('---', 'title: "4h server outage"', 'date: "2023-09-06T15:30:00+01:00"', '---', '', s, '');
    assert.equal(read(md('We had an unplanned server outage on saturday for 4h14min.')).fact('start'), '2023-09-02');
    assert.equal(read(md('The site was down last Monday.')).fact('start'), '2023-09-04');
    assert.equal(without(WEEKDAY_BACK_RULE, 'on', () => read(md('We had a server outage on saturday.'))).fact('start'), undefined);
    // Must not fire: a weekday ahead, a habit, the post's own weekday, no past tense.
    assert.equal(read(md('We will have a planned outage on saturday.')).fact('start'), undefined);
    assert.equal(read(md('There was a short outage, as every saturday.')).fact('start'), undefined);
    assert.equal(read(md('We had an outage on wednesday.')).fact('start'), undefined);
    assert.equal(read(md('Outages on saturdays are rare.')).fact('start'), undefined);
  });

  it('reads a 100 kB line in linear time', () => {
    const long = 'a'.repeat(100000);
    linear(post('O', `The outage lasted ${'10h01 '.repeat(15000)}min ${long}`));
    linear(post('O', `We had an outage for ${'4h '.repeat(30000)}14min ${long}`));
    linear(post('O', `Between ${'4am-'.repeat(20000)}7am EST we had an outage ${long}`));
    linear(doc('# O', '', `- Offline: ${'2024-05-27 '.repeat(10000)}`, `- Online: ${long}`));
    linear(doc('# O', '', '## Timeline', '', '2020-04-28 (all times CET):', '', `* 15:45: back online ${'with '.repeat(20000)}broken ${long}`));
    linear(post('O', `We had an outage ${'on satur '.repeat(20000)}on saturday ${long}`));
    linear(post('O', `An outage between April ${'15th and '.repeat(10000)}17th ${long}`));
  });
});
