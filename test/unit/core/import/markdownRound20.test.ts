/**
 * Issue 31, round 20: the rules chosen on held-out-22 (Galaxy Europe's posts, the NIG supercomputer's notices,
 * SimpleLogin's blog, the Beacon post-mortems), wrong facts first: small documents and moments written for this test,
 * each rule with a case where it fires and one where it must not, and each switchable rule checked off.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import { PLANNED_RULE, plannedFigure } from '../../../../src/core/import/markdown/duration';
import { APPROX_PAREN_RULE, ISO_OFFSET_RULE } from '../../../../src/core/import/markdown/stamp';
import {
  COMPLETED_START_RULE,
  DAY_ONLY_START_RULE,
  HEDGED_END_RULE,
  LATER_NOTICE_RULE,
  RELAPSE_END_RULE,
  completedStart,
  dayOnlyStart,
  hedgedEnd,
  laterNotice,
  relapseEnd,
} from '../../../../src/core/import/markdown/spanSafety';
import type { Moment } from '../../../../src/core/import/markdown/spanMoment';
import type { Entry } from '../../../../src/core/import/markdown/timeline';

const at = (local: string, evidence: string, line = 10): Moment => ({ local, approx: false, line, evidence });
const entry = (h: number, m: number, text: string, line: number): Entry => ({ day: { y: 2025, m: 5, d: 15 }, h, m, approx: false, text, raw: text, line });
const timeline = (...rows: string[]) => doc('# Outage', '', 'The service was down.', '', '## Timeline', '', ...rows, '');

describe('Markdown importer: rules of round 20 (issue 31)', () => {
  it('a figure said as a plan or in the future tense is never a duration', () => {
    const planned = { text: '7 days', line: 3, evidence: 'the new cloud, which will go down in 7 days, and all data', pairs: false };
    assert.ok(plannedFigure(planned));
    assert.ok(plannedFigure({ ...planned, text: 'two hours', evidence: 'It is expected to take approximately two hours to recover.' }));
    assert.ok(!without(PLANNED_RULE, 'on', () => plannedFigure(planned)));
    // Must not fire: a figure said in the past tense.
    assert.ok(!plannedFigure({ ...planned, evidence: 'the site went down for 7 days, and all data was lost' }));
    assert.ok(!plannedFigure({ ...planned, text: '35 minutes', evidence: 'The outage lasted 35 minutes. We will add alerts.' }));
  });

  it('a start whose line says the work was completed is no start', () => {
    const span = () => ({ start: at('2024-06-06T12:00', 'The restoration work was completed at around 12:00 on Thursday, 6 June 2024.') });
    const s = span();
    completedStart(s);
    assert.equal(s.start, undefined);
    const kept = span();
    without(COMPLETED_START_RULE, 'on', () => completedStart(kept));
    assert.equal(kept.start?.local, '2024-06-06T12:00');
    // Must not fire: a start that says the work began.
    const began = { start: at('2024-06-05T01:34', 'The restoration work began at 1:34am; the area was un-writable.') };
    completedStart(began);
    assert.equal(began.start?.local, '2024-06-05T01:34');
  });

  it('an end whose entry came back and failed again is no end; the first later entry that ends it and stays up is', () => {
    const mk = (h: number, m: number, text: string, line: number): Entry => ({ ...entry(h, m, text, line), day: { y: 2018, m: 9, d: 20 } });
    const rows = [
      mk(13, 31, 'Node is back up, immediately halts itself again. We could not cancel the shutdown.', 20),
      mk(14, 18, 'We get the node back up, but then one of the filesystems fails to mount.', 21),
      mk(18, 21, 'Galaxy is back online.', 31),
    ];
    const ends = (e: Entry) => /back (?:up|online)/.test(e.text);
    const toMoment = (e: Entry) => at(`2018-09-20T${String(e.h).padStart(2, '0')}:${String(e.m).padStart(2, '0')}`, e.text, e.line);
    const span = () => ({ end: toMoment(rows[0]!) });
    const s = span();
    relapseEnd(s, rows, ends, toMoment);
    assert.equal(s.end?.local, '2018-09-20T18:21');
    const none = span();
    relapseEnd(none, rows.slice(0, 2), ends, toMoment);
    assert.equal(none.end, undefined);
    const kept = span();
    without(RELAPSE_END_RULE, 'on', () => relapseEnd(kept, rows, ends, toMoment));
    assert.equal(kept.end?.local, '2018-09-20T13:31');
    // Must not fire: back up and staying up.
    const up = { end: at('2018-09-20T18:21', 'Node is back up and Galaxy is serving jobs again.') };
    relapseEnd(up, rows, ends, toMoment);
    assert.equal(up.end?.local, '2018-09-20T18:21');
  });

  it('an end that only believes or hopes the service is back is no end', () => {
    const span = () => ({ end: at('2017-12-11T18:27', 'We believe the issue is now patched. Hopefully jobs should return to normal very shortly.') });
    const s = span();
    hedgedEnd(s);
    assert.equal(s.end, undefined);
    const kept = span();
    without(HEDGED_END_RULE, 'on', () => hedgedEnd(kept));
    assert.equal(kept.end?.local, '2017-12-11T18:27');
    // Must not fire: an end that says it is verified.
    const sure = { end: at('2017-12-11T18:33', 'We have verified the patch; jobs run again.') };
    hedgedEnd(sure);
    assert.equal(sure.end?.local, '2017-12-11T18:33');
  });

  it("a day-only start takes the timeline's first entry that day when it says the service failed", () => {
    const failing = entry(16, 10, 'We noticed that jobs were unable to be submitted.', 14);
    const toMoment = (e: Entry) => at(`2025-05-15T${String(e.h).padStart(2, '0')}:${String(e.m).padStart(2, '0')}`, e.text, e.line);
    const impact = (e: Entry) => /unable/.test(e.text);
    const span = () => ({ start: at('2025-05-15', 'Today (2025-05-15) we had a temporary outage of job executions.', 7) });
    const s = span();
    dayOnlyStart(s, [failing], impact, toMoment);
    assert.equal(s.start?.local, '2025-05-15T16:10');
    const kept = span();
    without(DAY_ONLY_START_RULE, 'on', () => dayOnlyStart(kept, [failing], impact, toMoment));
    assert.equal(kept.start?.local, '2025-05-15');
    // Must not fire: a first entry that is no failure; a period stated in days (an end on a day only, a Date label).
    const deploy = span();
    dayOnlyStart(deploy, [entry(9, 0, 'We deployed the new configuration.', 14)], impact, toMoment);
    assert.equal(deploy.start?.local, '2025-05-15');
    const days = { ...span(), end: at('2025-05-19', 'Fixed on May 19.') };
    dayOnlyStart(days, [failing], impact, toMoment);
    assert.equal(days.start?.local, '2025-05-15');
    const label = { start: at('2025-05-15', '**Date:** May 15-19, 2025', 3) };
    dayOnlyStart(label, [failing], impact, toMoment);
    assert.equal(label.start?.local, '2025-05-15');
  });

  it('a start at a notice after an earlier entry already reported the failure is no start', () => {
    const rows = [
      entry(8, 56, 'Node restart due to maintenance', 66),
      entry(20, 47, 'Kukai Team notifies beacon team in slack about an increase in user reports', 69),
      entry(0, 16, 'Kukai Team notices the Matrix part of the node is not working properly', 70),
    ];
    const span = () => ({ start: at('2025-05-16T00:16', rows[2]!.text, 70) });
    const s = span();
    laterNotice(s, rows);
    assert.equal(s.start, undefined);
    const kept = span();
    without(LATER_NOTICE_RULE, 'on', () => laterNotice(kept, rows));
    assert.equal(kept.start?.local, '2025-05-16T00:16');
    // Must not fire: the responders' own earlier notice of something else; no earlier entry at all.
    const own = [entry(11, 15, 'We noticed exceptions thrown by sendmail', 60), rows[2]!];
    const first = span();
    laterNotice(first, own);
    assert.equal(first.start?.local, '2025-05-16T00:16');
  });

  it('an offset written after a time with seconds is kept; a range is no offset', () => {
    const md = timeline('- 2017-12-11 16:10:16+01:00 - Jobs were unable to be submitted.', '- 2017-12-11 18:33:10+01:00 - Jobs were resolved.');
    assert.equal(read(md).fact('start'), '2017-12-11T16:10 +01:00');
    assert.equal(without(ISO_OFFSET_RULE, 'on', () => read(md)).fact('start'), '2017-12-11T16:10 (zone not stated)');
    // Must not fire: "11:32-13:05" is a range, not 11:32 at -13:05.
    const range = read(timeline('- 2017-12-11 11:32-13:05 - Jobs were unable to be submitted.', '- 2017-12-11 14:00 - Jobs were resolved.'));
    assert.equal(range.fact('start'), '2017-12-11T11:32 (zone not stated)');
  });

  it("'(approx.)' after a time makes it approximate", () => {
    const md = (mark: string) => timeline('- 2021-10-24 19:00 - The network was down.', `- 2021-10-24 20:00${mark} - the network recovered`);
    assert.equal(read(md(' (approx.)')).fact('end'), '~2021-10-24T20:00 (zone not stated)');
    assert.equal(without(APPROX_PAREN_RULE, 'on', () => read(md(' (approx.)'))).fact('end'), '2021-10-24T20:00 (zone not stated)');
    // Must not fire: a time without the mark; words in parentheses that are no mark.
    assert.equal(read(md('')).fact('end'), '2021-10-24T20:00 (zone not stated)');
    assert.equal(read(md(' (UTC)')).fact('end'), '2021-10-24T20:00 +00:00');
  });

  it("'failed to respond' is the outage and 'returned to a functional state' its end", () => {
    const md = (first: string, last: string) =>
      timeline(`- 2018-04-26 12:10 - ${first}`, '- 2018-04-26 12:19 - We received a user report.', `- 2018-04-26 12:45 - ${last}`);
    const r = read(md('DNS providers failed to respond to requests', 'Systems returned to a functional state on their own.'));
    assert.equal(r.fact('start'), '2018-04-26T12:10 (zone not stated)');
    assert.equal(r.fact('end'), '2018-04-26T12:45 (zone not stated)');
    // Must not fire: a request that failed to be merged is no outage; a state that is not working is no end.
    assert.equal(read(md('We failed to merge the pull request', 'Systems returned to a degraded state.')).fact('end'), undefined);
  });

  it("a dot inside a name ends no clause; 'stopped responding' ties a figure to the outage", () => {
    const md = (text: string) => doc('# DNS outage', '', text, '');
    assert.equal(read(md("Google's DNS stopped responding to requests for usegalaxy.eu for 35 minutes.")).fact('duration'), '35 minutes');
    // Must not fire: a sentence break before the figure still ends the clause; a figure not tied to the outage.
    assert.equal(read(md('Google stopped responding. We then ran the checks for 35 minutes.')).fact('duration'), undefined);
    assert.equal(read(md('We looked at usegalaxy.eu for 35 minutes.')).fact('duration'), undefined);
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(doc('# Outage', '', `The cloud will ${'go down '.repeat(12000)}in 7 days.`));
    linear(doc('# Outage', '', `The restoration work ${'was '.repeat(25000)}completed at 12:00 on 6 June 2024.`));
    linear(timeline(`- 2018-09-20 13:31 - Node is back up, ${'halts itself '.repeat(8000)}again.`));
    linear(timeline(`- 2017-12-11 16:10:16${'+01:00'.repeat(15000)} - down`));
    linear(timeline(`- 2021-10-24 20:00 ${'(approx.) '.repeat(10000)}the network recovered`));
    linear(timeline(`- 2018-04-26 12:45 - returned to a ${'functional '.repeat(10000)}state`, `- 2018-04-26 12:50 - failed to ${'x '.repeat(40000)}respond`));
    linear(doc('# DNS', '', `DNS stopped responding to ${'a.b '.repeat(30000)}for 35 minutes.`));
    linear(timeline(`- 2018-09-20 14:18 - back up, but ${'then '.repeat(20000)}it fails`, '- 2018-09-20 18:21 - back online'));
    linear(timeline('- 2025-05-15 20:47 - user reports', `- 2025-05-16 00:16 - notices ${'not working '.repeat(9000)}`));
  });
});
