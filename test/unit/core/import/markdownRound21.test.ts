/**
 * Issue 31, round 21: the rules chosen on held-out-23 (the UC Berkeley SCF messages of the day, HealthArchive's
 * incident notes, t2bot.io's blog), wrong facts first: small documents written for this test, each rule with a case
 * where it fires and one where it must not, and each switchable rule checked off.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear, without } from '../../../support/markdownDraft';
import { DURATION_ASIDE_RULE } from '../../../../src/core/import/markdown/duration';
import { FIX_FIRST_RULE } from '../../../../src/core/import/markdown/spanFirst';
import { AVOIDED_RULE } from '../../../../src/core/import/markdown/spanJudge';
import { END_LABEL_RULE } from '../../../../src/core/import/markdown/spanEndLabel';
import { STATUS_HEADING_RULE } from '../../../../src/core/import/markdown/statusHeadings';

const timeline = (...rows: string[]) => doc('# Disk pressure', '', 'Crawls paused.', '', '## Timeline (UTC)', '', ...rows, '');

describe('Markdown importer: rules of round 21 (issue 31)', () => {
  it("a dated aside after a Duration label's figure is not part of the duration", () => {
    const md = (aside: string) => doc('# Watchdog bug', '', `**Duration**: ~9 days${aside}`, '', 'The watchdog failed.', '');
    const dated = md(' (2026-01-24 last successful watchdog run → 2026-02-02 fix deployed)');
    assert.equal(read(dated).fact('duration'), '~9 days');
    assert.equal(read(md(' (from the last good run -> the fix)')).fact('duration'), '~9 days');
    assert.match(String(without(DURATION_ASIDE_RULE, 'on', () => read(dated)).fact('duration')), /^~9 days \(2026-01-24/);
    // Must not fire: a short aside without a date or an arrow stays as written.
    assert.equal(read(md(' (non-business)')).fact('duration'), '~9 days (non-business)');
  });

  it('a first dated time said of a fix is no start, nor is the title day', () => {
    const md = (label: string) =>
      doc('# Watchdog Unmount Bug — 2026-02-02', '', '**Status**: Resolved', '', '## Resolution', '', `**${label}**: 2026-02-02 03:00 UTC (commit abc)`, '');
    assert.equal(read(md('Fix deployed')).fact('start'), undefined);
    assert.ok(read(md('Fix deployed')).notes.some((n) => /is a fix or a recovery/.test(n)));
    assert.equal(without(FIX_FIRST_RULE, 'on', () => read(md('Fix deployed'))).fact('start'), '2026-02-02T03:00 +00:00');
    // Must not fire: a first dated time that is the failure.
    assert.equal(read(md('Watchdog failed')).fact('start'), '2026-02-02T03:00 +00:00');
  });

  it('a failure said as avoided does not make an entry about the outage', () => {
    const md = (aside: string) =>
      timeline(
        '- 2026-02-04T13:23:39Z — Snapshot: root disk ~86% used; annual campaign running.',
        `- 2026-02-04T14:52:45Z — Fresh backup taken (with rsync flags adjusted ${aside}).`,
        '- 2026-02-04T16:47:12Z — Snapshot shows root disk healthy.',
      );
    assert.equal(read(md('to avoid chown failures')).fact('start'), '2026-02-04T13:23 +00:00');
    assert.equal(without(AVOIDED_RULE, 'on', () => read(md('to avoid chown failures'))).fact('start'), '2026-02-04T14:52 +00:00');
    // Must not fire: a failure that happened.
    assert.equal(read(md('after chown failures')).fact('start'), '2026-02-04T14:52 +00:00');
  });

  it("a metadata End label is kept over the timeline's end when the stated duration confirms it, else no end", () => {
    const md = (end: string, duration: string) =>
      doc(
        '# Incident: API 502 (2026-02-20)',
        '',
        '## Metadata',
        '',
        '- Start (UTC): 2026-02-20T02:53:24Z',
        `- End (UTC): ${end}`,
        `- Duration: ${duration}`,
        '',
        '## Timeline (UTC)',
        '',
        '- 2026-02-20T02:53:24Z — Alert: HTTP 502 Bad Gateway, the API is down.',
        '- 2026-02-20T16:29:00Z — Investigated logs.',
        '- 2026-02-20T16:32:54Z — Restored via the deploy script; service restored.',
        '',
      );
    assert.equal(read(md('2026-02-20T16:29:00Z', '13 hours 35 minutes')).fact('end'), '2026-02-20T16:29 +00:00');
    assert.equal(without(END_LABEL_RULE, 'on', () => read(md('2026-02-20T16:29:00Z', '13 hours 35 minutes'))).fact('end'), '2026-02-20T16:32 +00:00');
    // Disagreeing without a duration that settles it: no end.
    assert.equal(read(md('2026-02-20T15:00:00Z', '13 hours 35 minutes')).fact('end'), undefined);
    // Must not fire: a label that agrees with the timeline.
    assert.equal(read(md('2026-02-20T16:32:54Z', '13 hours 39 minutes')).fact('end'), '2026-02-20T16:32 +00:00');
  });

  it('status headings with a state, a day and a 12-hour time are the timeline; a reopened notice ends at its later end', () => {
    const notice = (...sections: string[]) => doc('---', 'title: "Unexpected downtime"', 'date: "2025-02-20"', '---', '', ...sections);
    const md = notice(
      '## Investigating 2025-02-06 11:30p',
      '',
      'Several wired networks are down at the moment.',
      '',
      '## Resolved 2025-02-07 12:28a',
      '',
      'The networks came back online a few minutes after midnight.',
      '',
    );
    const r = read(md);
    assert.equal(r.timeline.length, 2);
    assert.equal(r.fact('start'), '2025-02-06T23:30 (zone not stated)');
    assert.equal(r.fact('end'), '2025-02-07T00:28 (zone not stated)');
    assert.equal(without(STATUS_HEADING_RULE, 'on', () => read(md)).timeline.length, 0);
    const reopened = notice(
      '## Investigating 2025-02-20 10:13a',
      '',
      'The login node is offline while we investigate.',
      '',
      '## Resolved 2025-02-21 4:06p',
      '',
      'The node is back online.',
      '',
      '## Investigating 2025-04-03 10:06a',
      '',
      'The node seems to be having RAM issues.',
      '',
      '## Monitoring 2025-04-03 2:06p',
      '',
      'The node is back online after removing a memory module.',
      '',
    );
    assert.equal(read(reopened).fact('end'), '2025-04-03T14:06 (zone not stated)');
    // Must not fire: one such heading alone, or headings without a 12-hour time.
    assert.equal(read(notice('## Investigating 2025-02-06 11:30p', '', 'Networks are down.', '')).timeline.length, 0);
    assert.equal(read(notice('## Investigating the outage', '', 'Down.', '', '## Resolved', '', 'Back.', '')).timeline.length, 0);
  });

  it('reads 100 kB lines in linear time', () => {
    const long = 'x'.repeat(100_000);
    linear(doc('# T', '', `**Duration**: ~9 days (${'2026-01-24 '.repeat(9000)}`, ''));
    linear(doc('# T', '', `**Fix deployed**: ${'fix deployed '.repeat(8000)}`, ''));
    linear(timeline(`- 2026-02-04T14:52:45Z — ${'avoid '.repeat(20_000)}failures`, `- 2026-02-04T15:00Z — ${long}`));
    linear(doc('# T', '', `## Investigating ${'2025-02-06 '.repeat(9000)}11:30p`, '', `## Resolved 2025-02-07 12:28a ${long}`, ''));
    linear(doc('# T', '', `- End (UTC): ${'2026-02-20T'.repeat(9000)}`, '', '## Timeline', '', `- 2026-02-20T16:32Z — ${long}`, ''));
  });
});
