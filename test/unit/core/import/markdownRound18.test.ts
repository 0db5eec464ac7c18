/**
 * Issue 31, round 18: the rules chosen on held-out-20 (blog and news posts),
 * one small document each (written for this test), through the Markdown
 * reader, each with a case where the rule must not fire, and each switchable
 * rule checked to fail with it switched off.
 */
import { strict as assert } from 'node:assert';
import { read, readAs, doc, linear, without } from '../../../support/markdownDraft';
import { SEPARATE_RULE } from '../../../../src/core/import/markdown/spanSeparate';
import { BOLD_DAY_RULE, CODE_TIMELINE_RULE, UPDATE_HEADING_RULE } from '../../../../src/core/import/markdown/blogEntries';
import { BLOG_SPAN_RULE } from '../../../../src/core/import/markdown/blogSpan';
import { FIXED_AS_OF_RULE, ON_DAY_RULE, PROSE_PERIOD_RULE } from '../../../../src/core/import/markdown/blogProse';
import { STOPPED_RULE } from '../../../../src/core/import/markdown/durationTie';

/** A blog post: YAML front matter with its title and date, no heading. */
const post = (date: string | undefined, ...body: string[]) =>
  doc('---', 'title: "What happened"', 'layout: post', ...(date ? [`date: ${date}`] : []), '---', '', ...body, '');

describe('Markdown importer: rules of round 18 (issue 31)', () => {
  it('two downtimes on two days state no duration; their days are the start and the end', () => {
    const twice = post(
      '2014-07-16 23:29 UTC',
      'The API has seen some downtime: 53 minutes on July 15 and 3 hours  and 16 minutes on July 16.',
      '',
      'This resulted in roughly 53 minutes of downtime on July 15.',
    );
    const r = read(twice);
    assert.equal(r.fact('duration'), undefined);
    assert.equal(r.fact('start'), '2014-07-15');
    assert.equal(r.fact('end'), '2014-07-16');
    assert.notEqual(without(SEPARATE_RULE, 'on', () => read(twice)).fact('duration'), undefined);
    // Must not fire: one downtime on one day keeps its figure.
    assert.equal(read(post('2014-07-16 23:29 UTC', 'The API was unavailable for 53 minutes on July 15.')).fact('duration'), '53 minutes');
  });

  it("stamped update headings are the timeline; the notice's day is the start, the last update saying the service is back the end", () => {
    const notice = (last: string) =>
      post(
        '2013-08-06 04:00:00 +0000',
        'Some services are stopped, because the servers are currently down.',
        '',
        '## Update (2013-08-06 9:33 UTC)',
        '',
        'Mailing lists are available again, with some problems.',
        '',
        '## Update (2013-08-09 10:30 UTC)',
        '',
        last,
      );
    const r = read(notice('Some of our services have been back now.'));
    assert.equal(r.timeline.length, 2);
    assert.equal(r.fact('start'), '2013-08-06');
    assert.equal(r.fact('end'), '2013-08-09T10:30 +00:00');
    assert.equal(without(UPDATE_HEADING_RULE, 'on', () => read(notice('Back now.'))).timeline.length, 0);
    assert.equal(without(BLOG_SPAN_RULE, 'on', () => read(notice('Back now.'))).fact('start'), '2013-08-06T09:33 +00:00');
    // Must not fire: a last update that does not say the service is back gives no end; an unstamped heading no entry.
    assert.equal(read(notice('We are still working on it.')).fact('end'), undefined);
    assert.equal(read(post('2013-08-06 04:00:00 +0000', 'Servers are down.', '', '## Update', '', 'Back now.')).timeline.length, 0);
  });

  it('an indented code-block timeline: the first timed entry naming the intrusion is the start, the host disconnected the end', () => {
    const block = (heading: string) =>
      doc(
        '# Incident analysis of the intrusion',
        '',
        heading,
        '',
        'Each time is in UTC.',
        '',
        '    19 May       Public disclosure of a vulnerability used in this intrusion.',
        '    20 May 02:46 The package is upgraded.',
        '    23 May 11:15 Oldest time stamp of the trace of intrusion',
        '    28 May 09:35 Administrator disconnects the host from network.',
        '    28 May 11:53 Administrator resumes the mailing lists.',
        '',
      );
    const r = readAs(block('## Time-line of the incident'), '2004-07-22-intrusion.md');
    assert.equal(r.timeline.length, 5);
    assert.equal(r.fact('start'), '2004-05-23T11:15 +00:00');
    assert.equal(r.fact('end'), '2004-05-28T09:35 +00:00');
    assert.equal(without(CODE_TIMELINE_RULE, 'on', () => readAs(block('## Time-line of the incident'), '2004-07-22-intrusion.md')).timeline.length, 0);
    // Must not fire: no timed entry names the incident (the untimed disclosure is lead-up), so no start and no end.
    const quiet = readAs(block('## Time-line of the incident').replace('trace of intrusion', 'log rotation'), '2004-07-22-intrusion.md');
    assert.equal(quiet.timeline.length, 5);
    assert.equal(quiet.fact('start'), undefined);
    assert.equal(quiet.fact('end'), undefined);
  });

  it("a bold-day list with wrapped text is the timeline; the first day is the start, the last day's removal the end", () => {
    const list = (last: string) =>
      doc(
        '# Malicious gems',
        '',
        '-   **July 20, 2025 --** Our systems flagged suspicious gems, and the',
        '    team confirmed malicious behavior.',
        '',
        '-   **July 23--28 --** We removed nearly all of the affected packages.',
        '',
        `-   **August 7 --** ${last}`,
        '',
      );
    const r = read(list('A report named 16 more gems, which we also removed.'));
    assert.equal(r.timeline.length, 3);
    assert.match(r.timeline[0]!.text, /confirmed malicious behavior/);
    assert.equal(r.fact('start'), '2025-07-20');
    assert.equal(r.fact('end'), '2025-08-07');
    assert.equal(without(BOLD_DAY_RULE, 'on', () => read(list('We removed them.'))).timeline.length, 0);
    // Must not fire: a last day that removes nothing gives no end; one item alone is no list.
    assert.equal(read(list('A report was published.')).fact('end'), undefined);
    assert.equal(read(doc('# Gems', '', '-   **July 20, 2025 --** Gems flagged.', '')).timeline.length, 0);
  });

  it("a period on a named day: the first time is the start, the last 'until' the end", () => {
    // No year in the text: the file name's, whose date is the day the text names.
    const text = (s: string) => readAs(post(undefined, s), '2015-08-10-connectivity.md');
    const both = 'It had connectivity problems on August 10th from about 7:08 UTC until 10:40 UTC, and again from 19:03 UTC until 19:19 UTC.';
    assert.equal(text(both).fact('start'), '~2015-08-10T07:08 +00:00');
    assert.equal(text(both).fact('end'), '2015-08-10T19:19 +00:00');
    assert.equal(without(PROSE_PERIOD_RULE, 'on', () => text(both)).fact('end'), undefined);
    // Must not fire: no day named (the publication's is never taken).
    assert.equal(text('It had connectivity problems from about 7:08 UTC until 10:40 UTC.').fact('start'), undefined);
  });

  it("'fixed as of' a time and a day is the end; that day the start when the report came this morning", () => {
    const fixed = (first: string) => post(undefined, first, '', 'It has been fixed as of [11am GMT April 19th 2021](https://example.org/pull/303).');
    const r = read(fixed('We were contacted this morning by a researcher who found the flaw.'));
    assert.equal(r.fact('end'), '2021-04-19T11:00 +00:00');
    assert.equal(r.fact('start'), '2021-04-19');
    assert.equal(without(FIXED_AS_OF_RULE, 'on', () => read(fixed('A researcher found the flaw.'))).fact('end'), undefined);
    // Must not fire: without a report "this morning" or "today", no start.
    assert.equal(read(fixed('A researcher found the flaw last year.')).fact('start'), undefined);
  });

  it("a paragraph opening 'On <date>,' is the start, with the report's time; a fix deployed on a later day the end", () => {
    const told = (first: string) =>
      post(
        undefined,
        first,
        '',
        'The report was filed at 5:30am Dec 22nd and we answered the same day.',
        '',
        'We merged and deployed the fix in [commit 0b3272a](https://github.com/a/b.org/commit/0b3272a) on Jan 7th, 2024.',
      );
    const r = read(told('On Dec 22nd, 2023, we received the report about an MFA bypass.'));
    assert.equal(r.fact('start'), '2023-12-22T05:30 (zone not stated)');
    assert.equal(r.fact('end'), '2024-01-07');
    assert.equal(without(ON_DAY_RULE, 'on', () => read(told('On Dec 22nd, 2023, we received the report.'))).fact('start'), undefined);
    // Must not fire: a day that says nothing happened.
    assert.equal(read(told('On Dec 22nd, 2023, we met for lunch.')).fact('start'), undefined);
  });

  it("a network that 'stopped for around 45mins' is the outage's duration; a deploy stopped is not", () => {
    const stopped = post(undefined, 'The `default` and `testnet-g` networks stopped for around 45mins in total.');
    assert.equal(read(stopped).fact('duration'), 'around 45mins');
    assert.equal(without(STOPPED_RULE, 'on', () => read(stopped)).fact('duration'), undefined);
    assert.equal(read(post(undefined, 'We stopped the deploy for 40 minutes.')).fact('duration'), undefined);
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(post('2014-07-16', `Downtime: ${'53 minutes on July 15 and '.repeat(4000)}x.`));
    linear(post('2013-08-06', `## Update (2013-08-06 9:33 ${' '.repeat(100000)}UTC)`, 'Back.'));
    linear(doc('# T', '', '## Timeline', '', `    19 May${' '.repeat(12)}${'1'.repeat(100000)}`, `    23 May ${'11:15 '.repeat(20000)}`, ''));
    linear(doc('# T', '', `-   **July 20, 2025 ${'-- '.repeat(30000)}** x`, `-   **July 2${' -'.repeat(40000)}`, ''));
    linear(post(undefined, `Down on August 10th from about ${'7:08 UTC until '.repeat(7000)}10:40 UTC.`));
    linear(post(undefined, `It was fixed as of ${'11am GMT '.repeat(10000)}April 19th 2021.`));
    linear(post(undefined, `On Dec 22nd, 2023, we received the report. We deployed the fix ${'on Jan '.repeat(12000)}7th.`));
    linear(post(undefined, `The report was filed at ${'5:30am '.repeat(14000)}Dec 22nd.`));
    linear(post(undefined, `The ${'networks '.repeat(10000)}stopped for around 45mins.`));
  });
});
