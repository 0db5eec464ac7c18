/**
 * Issue 31, round 5: the rules chosen on held-out-6, one small document each
 * (written for this test), through the Markdown reader: what a user sees in
 * the preview (facts, notes) and the record, with a case where each rule must
 * not fire. The policy: a start, end or duration is kept only where the
 * document's sources agree on it; where they disagree the fact stays empty
 * and the notes say which lines.
 */
import { strict as assert } from 'node:assert';
import { read } from '../../../support/markdownDraft';

describe('Markdown importer: rules and policies of round 5 (issue 31)', () => {
  it('entries run together with <br> in a paragraph are entries of their own; a table cell keeps its breaks', () => {
    const md = [
      '# Site outage',
      '',
      '## Timeline (all times in UTC)',
      '',
      '### 2023-08-25',
      '',
      '15:27 - A change to the DNS configuration is submitted, unaware that it',
      'adds wrong records.<br> 21:14 - DNS changes take effect. The site is down.<br> 21:20 - Monitoring',
      'sends the first e-mail.',
    ].join('\n');
    assert.deepEqual(
      read(md).timeline.map((t) => [t.at, t.text]),
      [
        ['2023-08-25T15:27:00Z', 'A change to the DNS configuration is submitted, unaware that it adds wrong records.'],
        ['2023-08-25T21:14:00Z', 'DNS changes take effect. The site is down.'],
        ['2023-08-25T21:20:00Z', 'Monitoring sends the first e-mail.'],
      ],
    );
    const table = read(
      [
        '# Site outage',
        '',
        '## Timeline (all times in UTC)',
        '',
        '| Time | Event |',
        '|---|---|',
        '| 2023-08-25 11:32 | Errors rise.<br><br>11:35 the call is opened. |',
      ].join('\n'),
    );
    assert.equal(table.timeline.length, 1, 'a time inside a cell is no entry');
  });

  it('"\\\\" lines between entries, italic times and "2023-01-04/11:34" are read', () => {
    const { timeline } = read(
      [
        '# 2023-01-04 - Website outage',
        '',
        '## Timeline',
        '',
        '*2023-01-04 05:13*: The website monitor triggered an alert.<br />',
        '\\\\',
        '*2023-01-04/11:34*: We were informed of the attack.<br />',
        '\\\\',
        '*2023-01-18 09:53*: We received the report.\\\\',
      ].join('\n'),
    );
    assert.deepEqual(
      timeline.map((t) => t.text),
      ['The website monitor triggered an alert.', 'We were informed of the attack.', 'We received the report.'],
    );
    // Not an italic time: an emphasised word at the head of a line is prose.
    assert.equal(read('# Outage\n\n## Timeline\n\n*Note*: times are approximate.\n').timeline.length, 0);
  });

  it('"all times in PST/PDT" is the region’s zone, its offset taken for the day; "PST" alone stays as written', () => {
    const md = (zone: string, day: string) =>
      `# Outage\n\n## Timeline (all times in ${zone})\n\n- ${day} 21:14 The site is down\n- ${day} 22:00 The site is back online\n`;
    assert.equal(read(md('PST/PDT', '2023-08-25')).fact('start'), '2023-08-25T21:14 -07:00');
    assert.equal(read(md('PST/PDT', '2016-11-07')).fact('start'), '2016-11-07T21:14 -08:00');
    assert.equal(read(md('PST', '2023-08-25')).fact('start'), '2023-08-25T21:14 -08:00');
  });

  it('"<START OF OUTAGE>" and "<END OF OUTAGE>" mark the start and the end', () => {
    const r = read(
      [
        '# Build breakage',
        '',
        '## Timeline (all times in UTC)',
        '',
        '### 2016-11-07',
        '',
        '**16:00** A release is prepared<br>',
        '**16:27** The package is pushed **&lt;START OF OUTAGE&gt;**<br>',
        '',
        '### 2016-11-08',
        '',
        '**14:15** Fix lands. **\\<END OF OUTAGE>**<br>',
        '**15:00** The release notes are written<br>',
      ].join('\n'),
    );
    assert.equal(r.fact('start'), '2016-11-07T16:27 +00:00');
    assert.equal(r.fact('end'), '2016-11-08T14:15 +00:00');
  });

  it('ends said as "no longer down", "available again", "errors stopped", "close the incident"; never "not available again"', () => {
    const md = (end: string) => `# Search down\n\n## Timeline (times in CEST)\n\n- **2020-09-03 14:40**: The search is down\n- **14:47**: ${end}\n`;
    for (const end of [
      'We start the process, the search is no longer down',
      'The restart made the service available again',
      'Errors stopped',
      'Admins close the incident',
    ])
      assert.equal(read(md(end)).fact('end'), '2020-09-03T14:47 +02:00', end);
    assert.equal(read(md('The service is still not available again')).fact('end'), undefined);
  });

  it('a provider’s recovery followed by more entries is no end (the notes say why); as the last entry it is', () => {
    const entries = ['*06:00*: The site being down was detected', '*10:30*: Our hosting provider restored the server'];
    const more = read(['# Site outage', '', '## Timeline', '', ...entries, '*12:02*: We reverted the DNS changes'].join('\n\n'));
    assert.equal(more.fact('end'), undefined);
    assert.ok(
      more.notes.some((n) => /provider's recovery and the timeline goes on/.test(n)),
      more.notes.join('\n'),
    );
    assert.equal(read(['# 2022-05-23 Site outage', '', '## Timeline', '', ...entries].join('\n\n')).fact('end'), '2022-05-23T10:30 (zone not stated)');
  });

  it('a time the opening gives as when it began, equal to one entry’s, makes that entry the start, in the sentence’s zone', () => {
    const degraded = read(
      [
        '# Service degradation',
        '',
        'On October 15 from 05:00 in the morning, the response time was slow for everyone.',
        '',
        '## Timeline (All Time in UTC)',
        '',
        '- 2025-10-15 05:00 The system started to experience increased traffic',
        '- 2025-10-15 14:13 Applying changes goes wrong and left the network unreachable',
        '- 2025-10-15 15:37 We fixed the firewall configuration, systems are back online',
      ].join('\n'),
    );
    assert.equal(degraded.fact('start'), '2025-10-15T05:00 +00:00');
    const zoned = read(
      [
        '# 2023-01-04 - Website outage',
        '',
        'Several outages of short periods have been identified beginning from UTC 05:13.',
        '',
        '## Timeline',
        '',
        '- 2023-01-04 05:13: The website monitor triggered an alert.',
        '- 2023-01-04 05:16: The provider saw an outage.',
      ].join('\n'),
    );
    assert.equal(zoned.fact('start'), '2023-01-04T05:13 +00:00');
    // Two entries at that time (on two days): the sentence does not say which; the rule does not fire.
    const twice = read(
      [
        '# Website outage',
        '',
        'Several outages have been identified beginning from UTC 05:13.',
        '',
        '## Timeline',
        '',
        '- 2023-01-03 05:13: A deployment was applied.',
        '- 2023-01-04 05:13: The website monitor triggered an alert.',
        '- 2023-01-04 05:16: The provider saw an outage.',
      ].join('\n'),
    );
    assert.notEqual(twice.fact('start'), '2023-01-04T05:13 +00:00');
  });

  it('a change is the start when the stated duration counts from it to the end; otherwise the first entry about the outage', () => {
    const md = (minutes: number) =>
      [
        '# Comments pages down',
        '',
        `On 2023-09-19 the comment pages were inaccessible to all users for ${minutes} minutes.`,
        '',
        '## Timeline (CEST)',
        '',
        '- *2023-09-19 10:27* Deployed with migrations',
        '- *2023-09-19 10:32* Noticed some errors on the comment pages',
        '- *2023-09-19 10:40* Errors stopped',
      ].join('\n');
    assert.equal(read(md(13)).fact('start'), '2023-09-19T10:27 +02:00');
    assert.equal(read(md(20)).fact('start'), '2023-09-19T10:32 +02:00');
  });

  it('a labelled date and time on another day than the start leaves it empty, with both lines in the notes; the same day keeps it', () => {
    const md = (label: string) =>
      [
        '# Site outage',
        '',
        '## Summary',
        '',
        `Component: web site<br> Date/time: ${label} PDT<br> Duration: 15 hours 40 minutes`,
        '',
        '## Timeline (all times in PST/PDT)',
        '',
        '### 2023-08-25',
        '',
        '21:14 - DNS changes take effect. **\\<START OF OUTAGE>**',
        '',
        '### 2023-08-26',
        '',
        '12:55 - DNS changes take effect. **\\<END OF OUTAGE>**',
      ].join('\n');
    const other = read(md('2023-08-26 21:14'));
    assert.equal(other.fact('start'), undefined);
    assert.ok(
      other.notes.some((n) => /start: line 5 gives 2023-08-26 .* and line 11 2023-08-25; the document disagrees with itself/.test(n)),
      other.notes.join('\n'),
    );
    assert.equal(other.fact('end'), '2023-08-26T12:55 -07:00');
    assert.equal(other.fact('duration'), '15 hours 40 minutes', 'a Duration label among <br>-joined labels');
    assert.equal(read(md('2023-08-25 21:30')).fact('start'), '2023-08-25T21:14 -07:00');
  });

  it('two different durations stated leave it empty; the responders’ own activity is not one of them', () => {
    const two = read('# Degradation\n\nThe service went offline for a period of 84 minutes. Users were impacted by this during roughly 10.5 hours.\n');
    assert.equal(two.fact('duration'), undefined);
    assert.ok(
      two.notes.some((n) => /duration: line 3 says "84 minutes" and line 3 "roughly 10.5 hours"/.test(n)),
      two.notes.join('\n'),
    );
    const acting = read('# Exploit\n\nActing in roughly 11 minutes, the team stopped it. The vault was drained for 38 minutes.\n');
    assert.equal(acting.fact('duration'), '38 minutes');
  });

  it('"from 17:09 EST to approximately 23:42 EST (6 hours and 33 minutes)": an approximate end and the figure in parentheses', () => {
    const r = read('# Major outage\n\nOn 2018-01-09 from 17:09 EST to approximately 23:42 EST (6 hours and 33 minutes), the platform was unavailable.\n');
    assert.equal(r.fact('start'), '2018-01-09T17:09 -05:00');
    assert.equal(r.fact('end'), '~2018-01-09T23:42 -05:00');
    assert.equal(r.fact('duration'), '6 hours and 33 minutes');
    const exact = read('# Major outage\n\nOn 2018-01-09 from 17:09 EST to 23:42 EST (see the status page), the platform was unavailable.\n');
    assert.equal(exact.fact('end'), '2018-01-09T23:42 -05:00');
    assert.equal(exact.fact('duration'), undefined);
  });

  it('a timeline with no entry about the outage starts at its first entry that is not lead-up, unless that one is a report', () => {
    const md = (second: string) =>
      `# Account takeover\n\n## Timeline (UTC)\n\n- 2023-11-22 08:42 new user account created\n- 2023-11-22 08:44 ${second}\n- 2023-11-22 09:10 owner invites a second maintainer\n`;
    assert.equal(read(md('the account invites the new user to be a collaborator')).fact('start'), '2023-11-22T08:44 +00:00');
    assert.equal(read(md('two users reported it to security')).fact('start'), '2023-11-22T08:42 +00:00');
  });

  it('"resolved in 2 hours and 2 minutes" places the start and the end on the two entries that far apart; "responded in" does not', () => {
    const md = (said: string) =>
      [
        '# Privileges kept',
        '',
        '## Timeline of events',
        '',
        '- 2025-04-14 16:37 UTC',
        '    A user reported the issue to security.',
        '- 2025-04-14 17:02 UTC',
        '    Security acknowledges receipt.',
        '- 2025-04-14 18:39 UTC',
        '    Hot fix deployed and live.',
        '',
        '## Summary',
        '',
        `In total, this incident was ${said} 2 hours and 2 minutes from the time of report.`,
      ].join('\n');
    const resolved = read(md('resolved in'));
    assert.equal(resolved.fact('start'), '2025-04-14T16:37 +00:00');
    assert.equal(resolved.fact('end'), '2025-04-14T18:39 +00:00');
    assert.equal(resolved.fact('duration'), '2 hours and 2 minutes');
    assert.equal(read(md('responded to in')).fact('end'), undefined);
  });

  it('a time without a zone, where another line gives one, is not given that zone: the notes point at the line', () => {
    const md = (impact: string) =>
      ['# 2023-01-04 - Website outage', '', '## Impact', '', impact, '', '## Timeline', '', '*2023-01-04 05:20*: The site is down.<br />'].join('\n');
    const elsewhere = read(md('The provider saw short outages, the first at 04:13 UTC.'));
    assert.equal(elsewhere.fact('start'), '2023-01-04T05:20 (zone not stated)');
    assert.equal(elsewhere.rec.start, undefined);
    assert.ok(
      elsewhere.notes.some((n) => /start: 2023-01-04T05:20 \(line 9\), but its line names no time zone \(line 5 gives a time in UTC/.test(n)),
      elsewhere.notes.join('\n'),
    );
    const none = read(md('The provider saw short outages.'));
    assert.ok(
      none.notes.some((n) => /start: 2023-01-04T05:20 \(line 9\), but the document names no time zone/.test(n)),
      none.notes.join('\n'),
    );
  });

  it('a first entry not clearly about the outage is context when a later one is; an alert or a report is about it', () => {
    const md = (firstEntry: string) =>
      `# API outage\n\n## Timeline (UTC)\n\n- 2024-06-03 09:00 ${firstEntry}\n- 2024-06-03 09:20 The API returns errors to every client\n- 2024-06-03 10:05 The API is back online\n`;
    assert.equal(read(md('Maintenance window opens')).fact('start'), '2024-06-03T09:20 +00:00');
    assert.equal(read(md('An alert fires for high latency')).fact('start'), '2024-06-03T09:00 +00:00');
    assert.equal(read(md('A customer reports slow pages')).fact('start'), '2024-06-03T09:00 +00:00');
  });

  it('a 100 kB line of backslashes, breaks and spaces in a timeline is read in linear time', () => {
    for (const unit of ['\\', '<br>', ' ', '\\ ', '<br \\']) {
      const t = Date.now();
      read(`# Outage\n\n## Timeline\n\n${unit.repeat(100_000 / unit.length)}x\n${unit.repeat(100_000 / unit.length)}\n`);
      assert.ok(Date.now() - t < 2000, `${JSON.stringify(unit)}: ${Date.now() - t} ms`);
    }
  });
});
