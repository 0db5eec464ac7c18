/**
 * Issue 31, round 24: the rules chosen on held-out-26 (AcoustID's status page and blog, Revel's postmortems, Alma
 * Career's Spirit design system, Anže Pečar's blog), wrong facts first: small documents written for this test, each
 * rule with a case where it fires and one where it must not, each switchable rule checked off, and a 100 kB line read
 * in linear time.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import { COMPOUND_OF_RULE } from '../../../../src/core/import/markdown/duration';
import { NOBODY_COULD_RULE } from '../../../../src/core/import/markdown/durationTie';
import { BODY_ZONE_RULE } from '../../../../src/core/import/markdown/statusPage';
import { BUG_SHIPS_RULE, LOOKS_HEALTHY_RULE } from '../../../../src/core/import/markdown/spanJudge';
import { FAR_SIGHTING_RULE } from '../../../../src/core/import/markdown/spanFar';
import { BOLD_TIMES_RULE } from '../../../../src/core/import/markdown/timelineIntro';
import { BOLD_TAIL_RULE } from '../../../../src/core/import/markdown/timelineBold';
import { DETECTED_PERSON_RULE } from '../../../../src/core/import/markdown/texts';

const post = (...body: string[]) => doc('---', 'title: "Certificate renewal"', 'date: 2023-06-19', '---', '', ...body, '');

const notice = (...body: string[]) =>
  doc('---', 'title: Delayed processing', 'date: 2026-07-26 20:50:00', 'resolved: true', 'resolvedWhen: 2026-07-27 14:41:00', '---', '', ...body, '');

const pm = (timeline: string[], ...rest: string[]) => doc('# PM-7: Login outage', '', ...rest, '', '## Timeline', '', 'All times CEST.', '', ...timeline, '');

describe('Markdown importer: rules of round 24 (issue 31)', () => {
  it("'1h and 41 minutes of downtime' is the duration whole, never its minutes alone", () => {
    const md = (s: string) => post(`![chart showing ${s} of downtime](/pic.png)`);
    assert.equal(read(md('1h and 41 minutes')).fact('duration'), '1h and 41 minutes');
    assert.equal(read(md('2 hours 5 minutes')).fact('duration'), '2 hours 5 minutes');
    assert.equal(without(COMPOUND_OF_RULE, 'on', () => read(md('1h and 41 minutes'))).fact('duration'), '41 minutes');
    // Must not fire: a figure alone keeps its own rule; downtime saved stays unread.
    assert.equal(read(md('41 minutes')).fact('duration'), '41 minutes');
    assert.equal(read(post('A cache that saved us 1h and 41 minutes of downtime.')).fact('duration'), undefined);
  });

  it("'For roughly two days, nobody could log in' ties the figure to the outage", () => {
    const md = (s: string) => doc('# Login outage', '', '## Summary', '', s, '');
    assert.equal(read(md('For roughly two days, nobody could log in or register.')).fact('duration'), 'roughly two days');
    assert.equal(read(md('For two hours, no users were able to sign in.')).fact('duration'), 'two hours');
    assert.equal(without(NOBODY_COULD_RULE, 'on', () => read(md('For roughly two days, nobody could log in.'))).fact('duration'), undefined);
    // Must not fire: anyone being able to do something is no outage.
    assert.equal(read(md('For two days, anyone could log in as a guest.')).fact('duration'), undefined);
  });

  it("a status page's front matter without a zone is read in the zone its text gives one of its own times in", () => {
    const md = notice('**Resolved.** The backlog cleared at 14:41 UTC.');
    assert.equal(read(md).fact('start'), '2026-07-26T20:50 +00:00');
    assert.equal(read(md).fact('end'), '2026-07-27T14:41 +00:00');
    assert.equal(without(BODY_ZONE_RULE, 'on', () => read(md)).fact('end'), '2026-07-27T14:41 (zone not stated)');
    // Must not fire: a zoned time that is neither front matter time, or two zones named.
    assert.equal(read(notice('Lookups were slow at 09:10 UTC.')).fact('end'), '2026-07-27T14:41 (zone not stated)');
    assert.equal(read(notice('It cleared at 14:41 UTC (16:41 CEST).')).fact('end'), '2026-07-27T14:41 (zone not stated)');
  });

  it('an entry saying the bug itself shipped is the start, not a later investigation; a site that looks healthy is no end', () => {
    const timeline = (first: string) => [
      `- **2026-06-10 20:46** — ${first}`,
      '- **2026-06-11 09:00** — Zero successful logins; pages keep rendering, so the site looks healthy.',
      '- **2026-06-12 20:16** — Operator fails to log in, investigation starts.',
    ];
    const md = pm(timeline('New API path ships; the body-loss bug ships alongside and remains.'));
    assert.equal(read(md).fact('start'), '2026-06-10T20:46 +02:00');
    assert.equal(read(md).fact('end'), undefined);
    assert.equal(without(BUG_SHIPS_RULE, 'on', () => read(md)).fact('start'), '2026-06-12T20:16 +02:00');
    assert.equal(without(LOOKS_HEALTHY_RULE, 'on', () => read(md)).fact('end'), '2026-06-11T09:00 +02:00');
    // Must not fire: a bug caught before it shipped, a latent one.
    assert.equal(read(pm(timeline('The bug was caught in review before it shipped.'))).fact('start'), '2026-06-12T20:16 +02:00');
    assert.equal(read(pm(timeline('A latent bug was deployed with v2.'))).fact('start'), '2026-06-12T20:16 +02:00');
  });

  it('three list items or more opening with a bold time are the timeline of a document without one', () => {
    const items = ['- **14:30 UTC** — about 17,000 remaining.', '- **13:30 UTC** — about 80,000 remaining.', '- **12:30 UTC** — about 143,000 remaining.'];
    const md = notice('The backlog cleared at 14:41 UTC.', '', 'Progress during the day:', '', ...items);
    assert.equal(read(md).timeline.length, 3);
    assert.equal(read(md).timeline[0]!.text, 'about 17,000 remaining.');
    assert.equal(without(BOLD_TIMES_RULE, 'on', () => read(md)).timeline.length, 0);
    // Must not fire: two items only; times not in bold.
    assert.equal(read(notice('Progress:', '', ...items.slice(0, 2))).timeline.length, 0);
    assert.equal(read(notice('Progress:', '', ...items.map((i) => i.replace(/\*\*/g, '')))).timeline.length, 0);
  });

  it("a bold date running on past the stamp leaves no '**' in the entry's text", () => {
    const md = pm(['- **2026-06-10 20:46** — Path ships.', '- **2026-06-12 evening** — Root cause confirmed; fix merged.']);
    assert.equal(read(md).timeline[1]!.text, 'evening — Root cause confirmed; fix merged.');
    assert.equal(without(BOLD_TAIL_RULE, 'on', () => read(md)).timeline[1]!.text, 'evening** — Root cause confirmed; fix merged.');
    // Must not fire: bold that is balanced in the text stays as the inline reader makes it.
    assert.equal(read(pm(['- **2026-06-10 20:46** — Path **ships** now.'])).timeline[0]!.text, 'Path ships now.');
  });

  it('a problem sighted a week or more before any other entry gives no start from the order', () => {
    const md = (first: string) =>
      doc(
        '# Excessive logging',
        '',
        '## Timeline (all times in CET)',
        '',
        '2023-12-27',
        '',
        `- 20:08 ${first}`,
        '',
        '2024-01-10',
        '',
        '- 11:46 Added the deprecation warning.',
        '',
        '2024-02-05',
        '',
        '- 10:25 Raised a support question.',
        '',
      );
    assert.equal(read(md('First time spotted a problem with the rendering.')).fact('start'), undefined);
    assert.ok(read(md('First time spotted a problem with the rendering.')).notes.some((n) => /sighted a week or more/.test(n)));
    assert.equal(without(FAR_SIGHTING_RULE, 'on', () => read(md('First time spotted a problem.'))).fact('start'), '2023-12-27T20:08 +01:00');
    // Must not fire: the failure itself a week before the rest keeps its start.
    assert.equal(read(md('The build server went down.')).fact('start'), '2023-12-27T20:08 +01:00');
  });

  it("'No monitoring signal existed' and a human report say a person detected it", () => {
    const md = (s: string) => doc('# Outage', '', '## Detection', '', s, '');
    assert.equal(read(md('Human report with a screenshot. No monitoring signal existed for this failure mode.')).rec.detected?.how, 'user');
    assert.equal(without(DETECTED_PERSON_RULE, 'on', () => read(md('Human report. No monitoring signal existed.'))).rec.detected?.how, 'monitoring');
    // Must not fire: an alert that fired is monitoring.
    assert.equal(read(md('A monitoring alert fired at once.')).rec.detected?.how, 'monitoring');
  });

  it('reads a 100 kB line in linear time', () => {
    const long = 'a'.repeat(100000);
    linear(post(`${'1h '.repeat(30000)} of downtime ${long}`));
    linear(notice(`${'14:41 UTC '.repeat(10000)}`));
    linear(pm([`- **2026-06-10 20:46** — ${'bug '.repeat(30000)}ships ${long}`]));
    linear(notice('Progress:', '', ...Array.from({ length: 3 }, () => `- **14:30 UTC** — ${long}`)));
    linear(pm([`- **2026-06-10 evening ${'* '.repeat(30000)}** — x`]));
    linear(doc('# O', '', '## Detection', '', `no ${'monitoring '.repeat(20000)} human report ${long}`));
    linear(doc('# O', '', '## Summary', '', `For two days, ${'nobody '.repeat(20000)}could log in.`));
  });
});
