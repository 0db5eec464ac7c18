/**
 * Issue 31, round 4: the rules and policies chosen on held-out-5, one small
 * document each (written for this test), through the Markdown reader: what a
 * user sees in the preview (facts, notes) and the record. Two policies: where
 * two sources in a document disagree about a fact it stays empty with the
 * reason in the notes; a time in prose takes only a day its own paragraph
 * names.
 */
import { strict as assert } from 'node:assert';
import { read } from '../../../support/markdownDraft';

describe('Markdown importer: rules and policies of round 4 (issue 31)', () => {
  it('a time in prose takes the day of its own paragraph, never the title’s', () => {
    // Round 10: a document naming no other day than its title's puts its prose times on that day (markdownRound10.test.ts);
    // here the text names another (2024-05-03), so the title's day is not lent to the time.
    const carried = read(
      '# 2024-05-02: API down\n\n## Summary\n\nThe API was down for a while. It was back online at 14:57 UTC.\n\nFixed for good on 2024-05-03.\n',
    );
    assert.equal(carried.fact('end'), undefined);
    assert.equal(carried.rec.resolution, undefined);
    assert.ok(
      carried.notes.some((n) => /line 5 .*names no day of its own/.test(n)),
      carried.notes.join('\n'),
    );
    const own = read('# API down\n\n## Summary\n\nOn 2021-04-27 at 15:09 UTC the API went down.\nIt was back online by 15:56 UTC.\n');
    assert.equal(own.fact('start'), '2021-04-27T15:09 +00:00');
    assert.equal(own.fact('end'), '2021-04-27T15:56 +00:00');
  });
  it('"2024-03-12 0616: text": a time without its colon after a date is an entry', () => {
    const { timeline } = read('# Chain halt\n\n## Timeline (UTC)\n\n- 2024-03-12 0616: wrong block generated\n- 2024-03-12 0619: alerts received\n');
    assert.deepEqual(
      timeline.map((t) => [t.at, t.text]),
      [
        ['2024-03-12T06:16:00Z', 'wrong block generated'],
        ['2024-03-12T06:19:00Z', 'alerts received'],
      ],
    );
    // Four digits in a sentence are no time ("1500 users").
    assert.deepEqual(
      read('# X\n\n## Timeline\n\n- 2024-03-12 1500 users could not log in\n').timeline.map((t) => t.at),
      [],
    );
  });

  it('a summary and the timeline telling the same event at different times: no start, and the notes say why', () => {
    const md = [
      '# Chain halt',
      '',
      '## Summary',
      '',
      'On March 12, 2024, at 15:16:25 UTC, a wrong block was generated at block number 8171899.',
      '',
      '## Timeline (UTC)',
      '',
      '- 2024-03-12 0616: wrong block generated at 8171899',
      '- 2024-03-12 1548: announced the recovery of the mainnet',
      '',
    ].join('\n');
    const { fact, rec, notes } = read(md);
    assert.equal(fact('start'), undefined);
    assert.equal(rec.start, undefined);
    assert.ok(
      notes.some((n) => /^start: line 9 gives 2024-03-12T06:16 \+00:00 and line 5 gives 2024-03-12T15:16 \+00:00 .*disagrees/.test(n)),
      notes.join('\n'),
    );
    assert.equal(fact('end'), '2024-03-12T15:48 +00:00');
    // When they agree, the start is taken.
    assert.equal(read(md.replace('15:16:25', '06:16:25')).fact('start'), '2024-03-12T06:16 +00:00');
  });

  it('"recovery … completed" and "announced the recovery" end it; a recovery "on going" does not', () => {
    const md = (last: string) =>
      `# Chain halt\n\n## Timeline (UTC)\n\n- 2024-04-01 0251: wrong block generated\n- 2024-04-01 0400: announced that the recovery is on going\n- 2024-04-01 0611: ${last}\n`;
    assert.equal(read(md('recovery of the mainnet (RPC, P2P) completed')).fact('end'), '2024-04-01T06:11 +00:00');
    assert.equal(read(md('announced the recovery of the mainnet on discord')).fact('end'), '2024-04-01T06:11 +00:00');
    assert.equal(read(md('restarted the sequencer')).fact('end'), undefined);
  });

  it('"halted for about 7 and a half hours" is the duration as written', () => {
    assert.equal(read('# X\n\n## Summary\n\nBlock generation was halted for about 7 and a half hours.\n').fact('duration'), 'about 7 and a half hours');
  });
  it('the responders’ own activity is not the duration; "over 38 minutes before being mitigated" is; "for nearly two months"', () => {
    const acting = read(
      '# Exploit\n\n## Summary\n\n- Acting in roughly 11 minutes, the team stopped the exploit.\n\n## Details\n\nIt ran in 11 transactions executed over 38 minutes before being mitigated.\n',
    );
    assert.equal(acting.fact('duration'), '38 minutes');
    assert.equal(read('# X\n\n## Summary\n\nAfter monitoring Sentry for half an hour, all errors had stopped.\n').fact('duration'), undefined);
    assert.equal(read('# X\n\n## Summary\n\nThe problem persisted for nearly two months.\n').fact('duration'), 'nearly two months');
  });

  it('"mitigated 11 minutes later" than a time in the same paragraph ends it at the timeline entry that far on, with its day', () => {
    const md = (later: string) =>
      [
        '# Exploit',
        '',
        '## Background',
        '',
        `At 21:45 (UTC), the security team becomes aware of an odd transaction. The exploit is mitigated ${later} later.`,
        '',
        '## Timeline',
        '',
        '**Feb 04, 2021, 21:45 (UTC):** Security team becomes aware of an odd transaction.',
        '',
        '**21:56:** `setMin(0)` set on the vault.',
        '',
        '**Feb 05, 2021:** Disclosure',
        '',
      ].join('\n');
    const { fact, timeline, notes } = read(md('11 minutes'));
    assert.equal(fact('end'), '2021-02-04T21:56 +00:00');
    assert.ok(
      notes.some((n) => n.startsWith('resolution: line 5 says "mitigated 11 minutes later" than 21:45')),
      notes.join('\n'),
    );
    assert.deepEqual(
      timeline.map((t) => t.at),
      ['2021-02-04T21:45:00Z', '2021-02-04T21:56:00Z', '2021-02-05'],
    );
    assert.equal(timeline[2]!.text, 'Disclosure');
    // No entry that far on: no end (the prose has no day of its own to place it).
    assert.equal(read(md('12 minutes')).fact('end'), undefined);
  });
  it('a title’s day is no start when the text puts the problem in an earlier month; the notes say why', () => {
    const md = (when: string) => `# 2023-12-04 Network merge\n\n## Detection\n\nThe first issues on the network were discovered on the dashboard ${when}.\n`;
    const { fact, notes } = read(md('last week of November'));
    assert.equal(fact('start'), undefined);
    assert.ok(
      notes.some((n) => /^start: the title names 2023-12-04, but line 5 puts the problem earlier \("last week of November"\)/.test(n)),
      notes.join('\n'),
    );
    // A month that is not earlier leaves the title's day as it was.
    assert.equal(read(md('that morning, in December')).fact('start'), '2023-12-04');
  });

  it('an entry saying it has failed since an earlier day starts it on that day; "waiting to be resolved" is no end, "fixes all" is', () => {
    const { fact, notes } = read(
      [
        '# 2019-02-12: Import failure',
        '',
        '## Timeline',
        '',
        'All times in PST.',
        '',
        '### 2019-02-12 18:30',
        '',
        'Someone notices a page without snapshots.',
        '',
        '### 2019-02-12 18:50',
        '',
        'Logs show every run has failed with a syntax error since near the end of the day December 12th. The copy has conflicts waiting to be resolved.',
        '',
        '### 2019-02-12 18:55',
        '',
        'Rob fixes all merge conflicts and resets the branch.',
        '',
      ].join('\n'),
    );
    assert.equal(fact('start'), '2018-12-12');
    assert.ok(
      notes.some((n) => /since 2018-12-12 .*the year 2018 is that of the entry's day \(2019-02-12\)/.test(n)),
      notes.join('\n'),
    );
    assert.equal(fact('end'), '2019-02-12T18:55 -08:00');
  });
  it('a staging incident (its title says so) starts at its first staging entry; a link’s address is not read as words', () => {
    const md = (title: string) =>
      [
        `# 2018-10-09: ${title}`,
        '',
        '## Timeline',
        '',
        'All times in PDT.',
        '',
        '### 2018-10-09 17:15',
        '',
        'Rob pushed new deploy configurations. Staging immediately started rebooting repeatedly.',
        '',
        '### 2018-10-09 17:25',
        '',
        'Stack Overflow [gave us a lead](https://stackoverflow.com/questions/1/secret-fails-setting-oom-score).',
        '',
        '### 2018-10-09 17:30',
        '',
        'Staging is healthy again.',
        '',
      ].join('\n');
    assert.equal(read(md('API rebooting on Staging')).fact('start'), '2018-10-09T17:15 -07:00');
    assert.equal(read(md('API rebooting on Staging')).fact('end'), '2018-10-09T17:30 -07:00');
    // In a production incident, staging coming back is not the end.
    assert.equal(read(md('API rebooting')).fact('end'), undefined);
    // A production incident sets staging entries aside, as before: the deploy is lead-up, and no later entry is about
    // the outage (the link's "fails" is not), so the start is the first entry.
    assert.equal(read(md('API rebooting')).fact('start'), '2018-10-09T17:15 -07:00');
    assert.ok(!read(md('API rebooting')).notes.some((n) => n.startsWith('start: "Stack Overflow')));
  });

  it('entries weeks before the title’s day are lead-up; deploying incorrect certificates starts it', () => {
    const { fact, notes } = read(
      [
        '# 2018-10-30: Incorrect TLS certificates deployed',
        '',
        '## Timeline',
        '',
        'All times in CDT.',
        '',
        '### 2018-10-08 ~18:10',
        '',
        'Jason adds an exception to allow the invalid certificate in his browser.',
        '',
        '### 2018-10-08 ~18:40',
        '',
        'Services are operational, but the conditions for failure have been set.',
        '',
        '### 2018-10-30 09:10',
        '',
        'Jason deploys the service configuration (and the incorrect certs along with it).',
        '',
        '### 2018-10-30 19:00',
        '',
        'Alerts fire: ssl errors.',
        '',
        '### 2018-10-30 19:30',
        '',
        'Services are restored.',
        '',
      ].join('\n'),
    );
    assert.equal(fact('start'), '2018-10-30T09:10 -05:00');
    assert.equal(fact('end'), '2018-10-30T19:30 -05:00');
    assert.ok(
      notes.some((n) => /^lead-up: the title names 2018-10-30; .*\(lines 7, 11\)/.test(n)),
      notes.join('\n'),
    );
  });

  it('the evening before the title’s day is still the incident', () => {
    const { fact } = read(
      '# 2019-07-21: Differ broken\n\n## Timeline\n\nAll times in PDT.\n\n### 2019-07-20 20:30\n\nThe service starts raising errors.\n\n### 2019-07-21 22:30\n\nThe incident is resolved.\n',
    );
    assert.equal(fact('start'), '2019-07-20T20:30 -07:00');
  });
  it('a prose timeline entry takes the day it names; the document’s day only when the document names no other', () => {
    const { timeline, fact } = read(
      '# Outage\n\nOn 2025-09-02 the database failed; it was fixed on 2025-09-03.\n\n## Timeline\n\nAt 17:45 UTC the database stopped accepting writes. On 2025-09-03 at 09:00 UTC service was restored.\n',
    );
    assert.deepEqual(
      timeline.map((t) => t.at),
      ['17:45', '2025-09-03T09:00:00Z'],
    );
    assert.equal(fact('start'), undefined);
  });
  it('a Time label takes its Date label’s day, the document’s only when the document names no other day', () => {
    assert.equal(read('# Missed payout\n\n## Time: 5:13:57 UTC\n\nIt happened on 2022-12-08.\n').fact('start'), '2022-12-08T05:13 +00:00');
    assert.equal(read('# Missed payout\n\n## Time: 5:13:57 UTC\n\nIt began on 2022-12-07 and was noticed on 2022-12-08.\n').fact('start'), undefined);
  });
  it('a title dated by its publication sets no entry aside when that day has only the write-up', () => {
    const { fact } = read(
      '# 2024-06-10: Postmortem of the API outage\n\n## Timeline (UTC)\n\n- 2024-06-03 10:00: API down for all users\n- 2024-06-03 11:00: API back online\n- 2024-06-10 09:00: postmortem published\n',
    );
    assert.equal(fact('start'), '2024-06-03T10:00 +00:00');
    assert.equal(fact('end'), '2024-06-03T11:00 +00:00');
  });
});
