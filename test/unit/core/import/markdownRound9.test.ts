/**
 * Issue 31, round 9: the rules chosen on held-out-10, one small document each
 * (written for this test), through the Markdown reader, each with a case
 * where the rule must not fire. Abstaining first: a period the document
 * states in its title or in a section of its own comes before any timeline
 * entry, and a start is left empty where the document shows the outage was
 * elsewhere.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear } from '../../../support/markdownDraft';

const timeline = (...entries: string[]) => ['## Timeline', '', ...entries];

describe('Markdown importer: rules of round 9 (issue 31)', () => {
  it("the title's period is the start and the end, and its zone is the document's", () => {
    const md = (title: string) =>
      doc(`# ${title}`, '', ...timeline('- 2021-10-08 23:06 ::::: provisioner logs an ERROR', '- 2021-10-09 02:40 ::::: issue considered resolved'));
    const r = read(md('Retrospective: worker outage 2021-10-08 23:01 - 2021-10-09 02:40 UTC'));
    assert.equal(r.fact('start'), '2021-10-08T23:01 +00:00');
    assert.equal(r.fact('end'), '2021-10-09T02:40 +00:00');
    assert.equal(r.rec.timeline[0].at, '2021-10-08T23:06:00Z');
    // A title with a day and no period leaves the timeline its say, and its times their missing zone.
    const plain = read(md('Retrospective: worker outage 2021-10-08'));
    assert.equal(plain.fact('start'), '2021-10-08T23:06 (zone not stated)');
    assert.equal(plain.fact('timeZone'), undefined);
    // Times without days on both sides are no period.
    assert.equal(read(md('Worker outage 23:01 - 02:40 UTC')).fact('start'), '2021-10-08T23:06 +00:00');
  });

  it('a title\'s range of days ("Covering 11 April to 23 April") takes the year of the document\'s first date within it', () => {
    const md = (title: string, first: string) => doc(`# ${title}`, '', '## Timeline', '', `### API outage`, '', `${first}, error rates rose.`);
    const r = read(md('Post Mortem Covering 11 April to 23 April', 'On 11 April 2026'));
    assert.equal(r.fact('start'), '2026-04-11');
    assert.equal(r.fact('end'), '2026-04-23');
    // The document's first date outside the range: no year is given to it, and no period is read.
    assert.equal(read(md('Post Mortem Covering 11 April to 23 April', 'On 2 May 2026')).fact('end'), undefined);
    // A title with one day is no period.
    assert.equal(read(md('Post Mortem for 11 April', 'On 11 April 2026')).fact('end'), undefined);
  });

  it('a section of its own for the dates ("## Incident date(s)") gives the first and the last day', () => {
    const md = (heading: string, value: string) =>
      doc(
        '# Security postmortem for CVE-2019-15225',
        '',
        `## ${heading}`,
        '',
        value,
        '',
        ...timeline('All times US/Pacific', '', '2019-10-08:', '* 11:20 AM v1.11.2 pushed'),
      );
    const r = read(md('Incident date(s)', '2019-07-25 - 2019-10-10'));
    assert.equal(r.fact('start'), '2019-07-25');
    assert.equal(r.fact('end'), '2019-10-10');
    // A single day, a range that ends before it starts, or a section about something else: the timeline's time.
    assert.equal(read(md('Incident date(s)', '2019-07-25')).fact('start'), '2019-10-08T11:20 -07:00');
    assert.equal(read(md('Incident date(s)', '2019-10-10 - 2019-07-25')).fact('start'), '2019-10-08T11:20 -07:00');
    assert.equal(read(md('Support window', '2019-07-25 - 2019-10-10')).fact('start'), '2019-10-08T11:20 -07:00');
  });

  it("an attacker's act that reaches users (publishing, draining, exfiltrating) is the incident, not lead-up", () => {
    const md = (first: string) =>
      doc(
        '# Postmortem for malicious packages',
        '',
        ...timeline(`* **2018-07-12 9:49 UTC**: ${first}`, '* **2018-07-12 12:27 UTC**: The pastebin.com link was taken down.'),
      );
    assert.equal(read(md('The attacker used the generated token to publish `pkg@5.0.2`.')).fact('start'), '2018-07-12T09:49 +00:00');
    // A maintainer publishing is a change (lead-up); an attacker who only looks around has not acted on anyone.
    assert.equal(read(md('A maintainer published `pkg@5.0.2`.')).fact('start'), '2018-07-12T12:27 +00:00');
    assert.equal(read(md('The attacker logged in and looked at the settings.')).fact('start'), '2018-07-12T12:27 +00:00');
  });

  it('"almost recovered" is no end; "issues begin again" and "problem persists" after an end take it back', () => {
    const almost = read(
      doc('# Depeg', '', ...timeline('- 2022-05-08 10:00 UTC: UST was sold off, errors everywhere', '- 2022-05-08 18:00 UTC: 3pool almost recovered')),
    );
    assert.equal(almost.fact('end'), undefined);
    const md = (last: string) =>
      doc(
        '# Auth crash',
        '',
        ...timeline(
          '- 2018-01-09 15:09 UTC: first 503 errors from auth',
          '- 2018-01-09 15:19 UTC: things seem to return to normal',
          `- 2018-01-09 20:23 UTC: ${last}`,
          '- 2018-01-09 20:39 UTC: all other services restarted',
        ),
      );
    assert.equal(read(md('issues begin again')).fact('end'), undefined);
    assert.equal(read(md('auth dyno restarted, but *problem persists*')).fact('end'), undefined);
    assert.equal(read(md('dashboards reviewed')).fact('end'), '2018-01-09T15:19 +00:00');
  });

  it('a duration clause runs over the times in it ("a period of about 2h from 11:45 to 13:56 in which users were unable")', () => {
    const md = (sentence: string) => doc('# May 18 downtime', '', sentence);
    assert.equal(read(md('Yesterday, we had a period of about 2h from 11:45 to 13:56 in which all users were unable to log in.')).fact('duration'), 'about 2h');
    assert.equal(read(md('We had a period of 2.5 hours in which repls were read-only and could not be saved.')).fact('duration'), '2.5 hours');
    // The clause is about something else.
    assert.equal(read(md('We had a period of about 2h from 11:45 to 13:56 in which the new build rolled out.')).fact('duration'), undefined);
  });

  it('a first entry more than 30 days before the next is background: no start from it', () => {
    const md = (first: string) =>
      doc(
        '# Fall of the stablecoin',
        '',
        ...timeline(
          '| Time | Event |',
          '| --- | --- |',
          `| ${first} | A way to attack the peg is outlined on Twitter. |`,
          '| 2022-05-07 | Large withdrawals. |',
          '| 2022-05-08 | Errors and outage. |',
        ),
      );
    const far = read(md('2021-11-25'));
    assert.equal(far.fact('start'), undefined);
    assert.ok(
      far.notes.some((n) => /days before the next entry/.test(n)),
      far.notes.join('\n'),
    );
    assert.equal(read(md('2022-05-06')).fact('start'), '2022-05-06');
  });

  it("a first entry that is someone noticing it, with an earlier time that day in the document's table: no start", () => {
    const md = (...table: string[]) =>
      doc(
        '# Missed blocks on 2024-11-28',
        '',
        ...timeline(
          '| Time (UTC) | Event |',
          '| --- | --- |',
          '| **05:52** | Terrence flagged an unusually high missed block rate. |',
          '| **07:39** | Builder was stopped. |',
        ),
        '',
        '## Impacted slots',
        '',
        ...table,
      );
    const data = ['| slot | timestamp |', '| --- | --- |', '| 10495509 | 2024-11-28 05:02:11 |'];
    assert.equal(read(md(...data)).fact('start'), undefined);
    // No earlier time in a table (a later one, or none): the detection is the start the document gives.
    assert.equal(read(md('| slot | timestamp |', '| --- | --- |', '| 10495509 | 2024-11-28 06:02:11 |')).fact('start'), '2024-11-28T05:52 +00:00');
    assert.equal(read(md('Nothing else.')).fact('start'), '2024-11-28T05:52 +00:00');
  });

  it('a day line ("2019-07-25:") over items without a time: each item is an entry of that day', () => {
    const r = read(
      doc(
        '# Security postmortem',
        '',
        ...timeline(
          'All times US/Pacific',
          '',
          '2019-07-25:',
          '* [CVE-2019-15225] issue 7728 was opened reporting crashes from',
          '  route regex matches',
          '',
          '2019-10-08:',
          '* Patches scheduled for public release.',
          '  * a sub-item is part of the item above',
          '* 11:20 AM v1.11.2 pushed',
        ),
      ),
    );
    assert.deepEqual(
      r.timeline.map((e) => e.at),
      ['2019-07-25', '2019-10-08', '2019-10-08T11:20:00-07:00'],
    );
    assert.equal(r.timeline[0]!.text, '[CVE-2019-15225] issue 7728 was opened reporting crashes from route regex matches');
    // Without a day line above them, items without a time are left out (as before).
    const none = read(doc('# Outage', '', ...timeline('* Patches scheduled for public release.', '* 2019-10-08 11:20 UTC: pushed')));
    assert.equal(none.timeline.length, 1);
    // Under a day heading, the heading's own rules hold (an untimed item is not an entry of it).
    const heading = read(doc('# Outage', '', ...timeline('### 2019-10-08', '', '* Patches scheduled.', '* 11:20 UTC: pushed')));
    assert.equal(heading.timeline.length, 1);
  });

  it('a timeline heading without a day whose paragraph opens with one ("On 11 April 2026, …") is an entry of that day', () => {
    const md = (section: string, first: string) =>
      doc(
        '# Post Mortem Covering 11 April to 23 April',
        '',
        `## ${section}`,
        '',
        '### [API outage (part one)](https://status.example/1) (Major)',
        '',
        `${first}, our database became CPU locked. A lack of logging caused errors to go unnoticed for several hours.`,
        '',
        '### Denial of Service (Minor)',
        '',
        'The next day, on 23 April 2026, an attack overlapped with an API degradation.',
      );
    const r = read(md('Establishing the timeline', 'Also on 15 April 2026'));
    assert.deepEqual(
      r.timeline.map((e) => e.at),
      ['2026-04-15', '2026-04-23'],
    );
    assert.match(r.timeline[0]!.text, /^API outage \(part one\) .*\(Major\): Also on 15 April 2026, our database/);
    // An entry's own paragraph is its text, not a statement of the whole: its "for several hours" is no duration.
    assert.equal(r.fact('duration'), undefined);
    // A paragraph that does not open with its day: no entry (the heading alone has no time to be at).
    assert.equal(read(md('Timeline', 'Our database became CPU locked on 15 April 2026')).timeline.length, 1);
    // A heading with its own time between them: the paragraph is that entry's.
    const timed = read(doc('# Outage', '', '## Timeline', '', '### API outage', '', '### 2026-04-15 10:00 UTC', '', 'On 16 April 2026, the API failed.'));
    assert.deepEqual(
      timed.timeline.map((e) => e.at),
      ['2026-04-15T10:00:00Z'],
    );
  });

  it("a title naming a month and no day is a month's report: its timeline's days alone are neither start nor end", () => {
    const md = (title: string) =>
      doc(
        `# ${title}`,
        '',
        '## Timeline',
        '',
        '### 24 August 2026: Absolute chaos',
        '',
        'The API was down.',
        '',
        '### 27 August 2026: Attacks',
        '',
        'Service restored.',
      );
    const month = read(md('TorBox Outage Post Mortem - August 2026'));
    assert.equal(month.fact('start'), undefined);
    assert.equal(month.fact('end'), undefined);
    assert.ok(
      month.notes.some((n) => /names a month/.test(n)),
      month.notes.join('\n'),
    );
    assert.equal(read(md('API outage')).fact('start'), '2026-08-24');
  });

  it('a timeline introduced by a sentence ("Here is the timeline of what happened, all times in Pacific Time:") over a list', () => {
    const md = (intro: string, ...items: string[]) =>
      doc(
        '---',
        'title: May 18, 2023 downtime',
        '---',
        'Yesterday, all users were unable to access their Repls.',
        '',
        '# Technical details',
        '',
        intro,
        ...items,
        '',
        '# Next steps',
        '',
        '* We are changing our CD system.',
      );
    const items = [
      '* 10:28 on May 18, a regular build went out to production.',
      '* 11:45, the CD pipeline pushed the change. All VMs triggered the deadlock and reported being unhealthy.',
      '* 13:56, the last alert stopped, and the system had fully recovered.',
    ];
    const r = read(md('Here is the timeline of what happened, all times in Pacific Time:', ...items));
    assert.deepEqual(
      r.timeline.map((e) => [e.at, e.text.slice(0, 20)]),
      [
        ['2023-05-18T10:28:00-07:00', 'a regular build went'],
        ['2023-05-18T11:45:00-07:00', 'the CD pipeline push'],
        ['2023-05-18T13:56:00-07:00', 'the last alert stopp'],
      ],
    );
    // A deadlock, VMs reported unhealthy: the outage itself (the build before it is lead-up).
    assert.equal(r.fact('start'), '2023-05-18T11:45 -07:00');
    assert.equal(r.fact('end'), '2023-05-18T13:56 -07:00');
    // "On Sep 29 at 14:00, …": the day and the time after "On".
    const on = read(md('Here is the timeline of what happened, all times in Pacific Time:', '* On May 18 at 11:45, the pipeline pushed the change.'));
    assert.deepEqual(
      on.timeline.map((e) => e.at),
      ['2023-05-18T11:45:00-07:00'],
    );
    // A sentence that names no timeline, or one not followed by a list: no timeline.
    assert.equal(read(md('Here is what we changed afterwards, all times in Pacific Time:', ...items)).timeline.length, 0);
    assert.equal(read(md('Here is the timeline of what happened:', '', 'It was long.')).timeline.length, 0);
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(doc('# Outage', '', `Here is the ${'timeline '.repeat(20000)}x`, '* 10:28 on May 18, x'));
    linear(doc('# Outage', '', 'Here is the timeline:', `* 10:28 on ${'May '.repeat(20000)}18, x`));
    linear(doc('# Outage', '', 'Here is the timeline:', `* On ${'Sep '.repeat(20000)}29 at 14:00, x`));
    linear(doc('# Outage', '', '## Timeline', '', '### API outage', '', `Also on ${'15 '.repeat(30000)}April 2026, down.`));
    linear(doc(`# Post Mortem ${'August '.repeat(14000)}2026`));
    linear(doc('# Outage', '', ...timeline('2019-07-25:', `* ${'x '.repeat(50000)}`)));
    linear(doc(`# Outage ${'2021-10-08 '.repeat(9000)}23:01 - ${'x '.repeat(20000)}02:40 UTC`));
    linear(doc(`# Covering 11 April to ${'23 '.repeat(30000)}April`));
    linear(doc('# Outage', '', '## Incident date(s)', '', `2019-07-25 - ${'2019-10-10 '.repeat(9000)}`));
    linear(doc('# Outage', '', ...timeline(`- 2018-07-12 09:49 UTC: The attacker ${'used '.repeat(30000)}x`)));
    linear(doc('# Outage', '', ...timeline(`- 2018-07-12 09:49 UTC: ${'issues '.repeat(20000)} persist`)));
    linear(doc('# Outage', '', `We had a period of about 2h ${'from 11:45 '.repeat(9000)} in which users were unable.`));
    linear(doc('# Outage', '', ...timeline(`- 2024-11-28 05:52 UTC: ${'someone '.repeat(20000)}flagged it`), '', `| ${'2024-11-28 05:02 '.repeat(6000)} |`));
  });
});
