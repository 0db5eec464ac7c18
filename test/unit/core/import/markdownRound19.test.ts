/**
 * Issue 31, round 19: the rules chosen on held-out-21 (release post-mortems,
 * blog and news posts, a status page), one small document each (written for
 * this test), through the Markdown reader, each with a case where the rule
 * must not fire, and each switchable rule checked to fail with it switched off.
 */
import { strict as assert } from 'node:assert';
import { read, readAs, doc, linear, without } from '../../../support/markdownDraft';
import { EDIT_STAMP_RULE, isEditStamp } from '../../../../src/core/import/markdown/editStamp';
import { POST_YEAR_RULE, RELATIVE_DAY_RULE, WEEKDAY_DAYS_RULE, plainDays } from '../../../../src/core/import/markdown/blogDays';
import { STILL_DOWN_RULE } from '../../../../src/core/import/markdown/texts';

/** A news post: TOML front matter with its title and date, no heading. */
const news = (date: string | undefined, ...body: string[]) =>
  doc('+++', 'title = "Server downtime"', ...(date ? [`date = "${date}"`] : []), '+++', '', ...body, '');
/** A blog post: YAML front matter without a date. */
const post = (...body: string[]) => doc('---', 'title: Outage', 'layout: post', '---', '', ...body, '');

describe('Markdown importer: rules of round 19 (issue 31)', () => {
  it('a line that only stamps an edit is never an event', () => {
    const edited = news('2002-06-14', 'The server was down and is fixed now.', '', 'Edited by James Ross on 2002-06-15 12:29:51.');
    assert.equal(read(edited).fact('start'), undefined);
    assert.equal(without(EDIT_STAMP_RULE, 'on', () => read(edited)).fact('start'), '2002-06-15T12:29 (zone not stated)');
    assert.ok(isEditStamp('_Last updated: March 3, 2021 10:00 UTC_'));
    assert.ok(isEditStamp('Last modified on Tuesday, 4th May 2021'));
    // Must not fire: an update that says what happened is a statement, not a stamp.
    assert.ok(!isEditStamp('Updated on 2021-05-04 10:00: the service is back'));
    assert.ok(!isEditStamp('The server was updated on 2021-05-04 10:00.'));
  });

  it('a day written with its weekday and an ordinal is read; its fix available on a later day is the end', () => {
    const md = (fix: string) => post('On Friday, 18th of October 2024, during the release an incident occurred.', '', `We mitigated the problem; ${fix}.`);
    const r = read(md('the fix has been available since Saturday 19th October'));
    assert.equal(r.fact('start'), '2024-10-18');
    assert.equal(r.fact('end'), '2024-10-19');
    assert.equal(without(WEEKDAY_DAYS_RULE, 'on', () => read(md('x'))).fact('start'), undefined);
    assert.equal(plainDays('On Thursday, 22th of January 2026 (link)'), 'On January 22 2026 (link)');
    // Must not fire: a number before a modal verb is no day; a fix without a day gives no end.
    assert.equal(plainDays('it took 3 may be more'), 'it took 3 may be more');
    assert.equal(read(md('the fix was released later')).fact('end'), undefined);
  });

  it("a day without a year takes the document's day's or the post's date's, only within two months before it", () => {
    const md = news('2011-04-08', 'On April 6th `catfish` became unresponsive. We rebooted it.');
    assert.equal(read(md).fact('start'), '2011-04-06');
    assert.equal(without(POST_YEAR_RULE, 'on', () => read(md)).fact('start'), undefined);
    assert.equal(readAs(post('On Monday, Sept 6 the server became unresponsive.'), '2010-09-06-x.md').fact('start'), '2010-09-06');
    // Must not fire: a day after the post's date, or long before it, has no year to take.
    assert.equal(read(news('2011-04-08', 'On April 9th `catfish` became unresponsive.')).fact('start'), undefined);
    assert.equal(read(news('2011-04-08', 'On January 6th `catfish` became unresponsive.')).fact('start'), undefined);
    assert.equal(read(post('On April 6th `catfish` became unresponsive.')).fact('start'), undefined);
  });

  it("a window on the named day gives the start and the end, 'approx' both", () => {
    const r = read(news('2002-04-24', 'On Wednesday (24th April) morning, from approx 7:15 until 11:45, the server was not working.'));
    assert.equal(r.fact('start'), '~2002-04-24T07:15 (zone not stated)');
    assert.equal(r.fact('end'), '~2002-04-24T11:45 (zone not stated)');
    // Must not fire: a sentence that says nothing went wrong.
    assert.equal(read(news('2002-04-24', 'On Wednesday (24th April) we held a meeting.')).fact('start'), undefined);
  });

  it("'today' and 'last night' are read against the post's own date only", () => {
    const today = news('2011-11-08', 'The domain was unavailable for about 10 hours today.', '', '10 hours later the issue was fixed.');
    const r = read(today);
    assert.equal(r.fact('start'), '2011-11-08');
    assert.equal(r.fact('end'), '2011-11-08');
    assert.equal(without(RELATIVE_DAY_RULE, 'on', () => read(today)).fact('start'), undefined);
    const night = read(news('2002-06-14', 'At about 8pm last night there was a power outage.'));
    assert.equal(night.fact('start'), '~2002-06-13T20:00 (zone not stated)');
    assert.equal(night.fact('end'), undefined);
    // A full recovery at a time on the post's own weekday is the end (2002-06-14 is a Friday); on another weekday, none.
    const friday = (day: string) =>
      news('2002-06-14', 'At about 8pm last night there was a power outage.', '', `It was back to a fully working state at 6pm ${day}.`);
    assert.equal(read(friday('Friday')).fact('end'), '2002-06-14T18:00 (zone not stated)');
    assert.equal(read(friday('Saturday')).fact('end'), undefined);
    // Must not fire: a post without a date of its own, or a day that nothing went wrong on.
    assert.equal(read(post('The domain was unavailable for about 10 hours today.')).fact('start'), undefined);
    assert.equal(read(news('2011-11-08', 'Today we moved the domain to a new registrar.')).fact('start'), undefined);
  });

  it('a notice written while the service is still down is not marked resolved', () => {
    const down = news('2004-12-08', 'Unfortunately, Insomnia is currently non-functional. We will keep you posted.');
    assert.equal(read(down).rec.status, 'active');
    assert.equal(without(STILL_DOWN_RULE, 'on', () => read(down)).rec.status, 'resolved');
    // Must not fire: a list item (a moment of the incident), or a post saying it is over.
    assert.equal(read(news('2004-12-08', '- 10:00 the API is still unavailable', '', 'All is back now.')).rec.status, 'resolved');
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(news('2002-06-14', `Edited by ${'James '.repeat(20000)}on 2002-06-15 12:29:51.`));
    linear(post(`On ${'Friday, '.repeat(12000)}18th of ${'October '.repeat(10000)}2024, an incident.`));
    linear(post(`On April 6th ${'x '.repeat(50000)} it failed; the fix ${'available '.repeat(9000)}since October 19.`));
    linear(news('2002-04-24', `On April 24, from approx ${'7:15 until '.repeat(9000)}11:45, it was down.`));
    linear(news('2011-11-08', `At about ${'8pm '.repeat(30000)}last night it was down today.`));
    linear(news('2004-12-08', `It is currently ${'still '.repeat(20000)}down.`));
    linear(news('2002-06-14', 'It was down last night.', '', `Fully working ${'at 6pm '.repeat(14000)}Friday.`));
  });
});
