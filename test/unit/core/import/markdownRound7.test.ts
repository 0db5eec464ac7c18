/**
 * Issue 31, round 7: the rules chosen on held-out-8, one small document each
 * (written for this test), through the Markdown reader, each with a case
 * where the rule must not fire. A wrong fact is worse than an empty one: the
 * rules remove values first and add them only where the document says them.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear } from '../../../support/markdownDraft';

describe('Markdown importer: rules of round 7 (issue 31)', () => {
  it('"Feb 7 1506 UTC" is a time without its colon, never the year 1506; "1936 UTC:" alone is a time too', () => {
    const md = (first: string) =>
      doc('# Patch upgrade', '', '- Date: 2025-02-07', '', '## Timeline', '', `- ${first}: The site is down`, '- 1936 UTC: The site is back online');
    const { timeline, fact } = read(md('Feb 7 1506 UTC'));
    assert.deepEqual(
      timeline.map((e) => e.at),
      ['2025-02-07T15:06:00Z', '2025-02-07T19:36:00Z'],
    );
    assert.equal(fact('start'), '2025-02-07T15:06 +00:00');
    assert.equal(fact('end'), '2025-02-07T19:36 +00:00');
    // A year that is one, with its time after it, stays the year.
    assert.equal(read(md('Feb 7 2025 15:06 UTC')).timeline[0]!.at, '2025-02-07T15:06:00Z');
    // Four digits without a zone word after a day are not read as a time.
    assert.equal(read(doc('# Upgrade', '', '## Timeline', '', '- 1936: The site is down')).timeline.length, 0);
  });

  it('no incident year before 1970 or after next year is accepted', () => {
    const md = (day: string) => doc('# Outage', '', '## Timeline', '', `- ${day} 10:00 UTC: The site is down`);
    assert.equal(read(md('March 3 1066')).fact('start'), undefined);
    assert.equal(read(md(`March 3 ${new Date().getUTCFullYear() + 5}`)).fact('start'), undefined);
    assert.equal(read(md('March 3 2024')).fact('start'), '2024-03-03T10:00 +00:00');
  });

  it("an entry's day carries to the entries after it that give only a time", () => {
    const md = (second: string) =>
      doc(
        '# Outage',
        '',
        '## Timeline',
        '',
        '- Feb 7 2025 2309 UTC: The site is down',
        `- ${second}: Users report errors`,
        '- 0133 UTC: The site is back online',
      );
    assert.equal(read(md('Feb 8 0117 UTC')).timeline[2]!.at, '2025-02-08T01:33:00Z');
    // Without a day of its own, an entry leaves the day as it was (round 10: the next entry, 01:33 after 23:30, is over
    // midnight, on the next day; markdownRound10.test.ts).
    assert.equal(read(md('2330 UTC')).timeline[1]!.at, '2025-02-07T23:30:00Z');
    assert.equal(read(md('2330 UTC')).timeline[2]!.at, '2025-02-08T01:33:00Z');
  });

  it('tests that pass are no failure; "First validator reports an apphash" is the first sign of the outage', () => {
    const md = (third: string) =>
      doc(
        '# Patch upgrade',
        '',
        '## Timeline',
        '',
        '- 2025-02-07 15:06 UTC: The team agrees to ship a patch',
        '- 2025-02-07 22:47 UTC: Previously failing integration tests pass',
        `- 2025-02-08 01:17 UTC: ${third}`,
      );
    assert.equal(read(md('First validator reports an apphash')).fact('start'), '2025-02-08T01:17 +00:00');
    // Without a first report, the first entry stays the start (no later guess), never the tests passing.
    assert.equal(read(md('A validator posts its logs')).fact('start'), '2025-02-07T15:06 +00:00');
    assert.equal(read(md('A validator reports an apphash')).fact('start'), '2025-02-07T15:06 +00:00', 'no "first"');
  });

  it('an HTML <time datetime> in a subtitle is the publication date, never the start', () => {
    const md = (sub: string) => doc('## Site outage', '', `<div class="subtitle">${sub} · by A. Writer</div>`, '', 'The site was unreachable for a while.');
    assert.equal(read(md('<time datetime="2025-08-01T00:00:00Z">1 August, 2025</time>')).fact('start'), undefined);
    // The same date in another element is the document's own.
    assert.equal(read(md('<span class="date">1 August, 2025, 00:00</span>')).fact('start'), '2025-08-01T00:00 (zone not stated)');
  });

  it('"Between approximately <day> 21:27 UTC and <day> 07:27 UTC … couldn\'t be accessed": start and end, both approximate', () => {
    const md = (s: string) => doc('## Certificates expired', '', s);
    const both = read(md("Between approximately 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC the site couldn't be accessed."));
    assert.equal(both.fact('start'), '~2025-07-30T21:27 +00:00');
    assert.equal(both.fact('end'), '~2025-07-31T07:27 +00:00');
    // Without the word, both are exact.
    const one = read(md("Between 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC the site couldn't be accessed."));
    assert.equal(one.fact('start'), '2025-07-30T21:27 +00:00');
    assert.equal(one.fact('end'), '2025-07-31T07:27 +00:00');
    // A range that says nothing about the service is no outage.
    assert.equal(read(md('Between 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC the team met twice.')).fact('end'), undefined);
  });

  it('"and 2025-07-31 … UTC" is a day, not the time 20:25; "and 0727 UTC" is a time', () => {
    const md = (end: string) => doc('## Certificates expired', '', `On 2025-07-30 the site was down between 2127 UTC and ${end}.`);
    assert.equal(read(md('2025-07-31 0727 UTC')).fact('end'), undefined);
    assert.equal(read(md('2359 UTC')).fact('end'), '2025-07-30T23:59 +00:00');
  });

  it("a status page's front matter (resolved, resolvedWhen) gives its start and end; a post's date stays the publication's", () => {
    const md = (keys: string) => doc('---', 'title: Agents down', 'date: 2023-03-28T14:00:00-00:00', keys, '---', '', 'The agents were down.');
    const page = read(md('resolved: true\nresolvedWhen: 2023-03-29T15:55:00-00:00'));
    assert.equal(page.fact('start'), '2023-03-28T14:00 +00:00');
    assert.equal(page.fact('end'), '2023-03-29T15:55 +00:00');
    const post = read(md('author: A. Writer'));
    assert.equal(post.fact('start'), undefined);
    assert.equal(post.fact('end'), undefined);
    // Still open, or closed before it opened: neither is taken.
    assert.equal(read(md('resolved: false\nresolvedWhen: 2023-03-29T15:55:00-00:00')).fact('start'), undefined);
    assert.equal(read(md('resolved: true\nresolvedWhen: 2023-03-27T15:55:00-00:00')).fact('end'), undefined);
  });

  it('a log written newest first does not make its first line the start', () => {
    const log = (a: string, b: string, c: string) =>
      doc(
        '# Agents down',
        '',
        `[Update - ${a} UTC]`,
        'The instance is back to normal.',
        '',
        `[Update - ${b} UTC]`,
        'The queue is still full.',
        '',
        `[Update - ${c} UTC]`,
        'There is an outage.',
      );
    assert.equal(read(log('2023-03-29 15:50', '2023-03-29 07:30', '2023-03-28 21:00')).fact('start'), undefined);
    assert.equal(read(log('2023-03-28 21:00', '2023-03-29 07:30', '2023-03-29 15:50')).fact('start'), '2023-03-28T21:00 +00:00');
    const timeline = (...lines: string[]) => doc('# Agents down', '', '## Timeline', '', ...lines.map((l) => `- ${l}`));
    const newest = read(
      timeline('2023-03-29 15:50 UTC: The site is back online', '2023-03-29 07:30 UTC: Users report errors', '2023-03-28 21:00 UTC: The site is down'),
    );
    assert.equal(newest.fact('start'), undefined);
    assert.equal(newest.fact('end'), undefined);
    const oldest = read(
      timeline('2023-03-28 21:00 UTC: The site is down', '2023-03-29 07:30 UTC: Users report errors', '2023-03-29 15:50 UTC: The site is back online'),
    );
    assert.equal(oldest.fact('start'), '2023-03-28T21:00 +00:00');
    assert.equal(oldest.fact('end'), '2023-03-29T15:50 +00:00');
  });

  it('a first entry about the outage that is someone noticing it leads back to what was noticed, minutes before', () => {
    const md = (before: string, gap: string) =>
      doc(
        '# Chain halt',
        '',
        '## Timeline',
        '',
        '| Time (UTC) | Event |',
        '| --- | --- |',
        '| 2025-04-14 12:16 | v23.1.1 is published |',
        `| 2025-04-14 14:${gap} | ${before} |`,
        '| 2025-04-14 14:45 | Hypha receives alert for validator downtime |',
        '| 2025-04-14 14:47 | Hypha notices consensus error on block 25283301 |',
      );
    assert.equal(read(md('Block 25283300 is committed', '41')).fact('start'), '2025-04-14T14:41 +00:00');
    // More than 15 minutes before, or lead-up (a release), it is not what they noticed.
    assert.equal(read(md('Block 25283300 is committed', '20')).fact('start'), '2025-04-14T14:47 +00:00');
    assert.equal(read(md('v23.1.2 is released', '41')).fact('start'), '2025-04-14T14:47 +00:00');
  });

  it('"starts moving again" ends it; with several periods of impact stated, the last period\'s end is the end', () => {
    const md = (summary: string) =>
      doc(
        '# Long block times',
        '',
        `Summary: ${summary}`,
        '',
        '# Timeline',
        '',
        '- 2025-11-26 22:11 UTC: Block times degrade and transactions fail',
        '- 2025-11-26 22:47 UTC: Failure rate alert is resolved',
        '- 2025-12-04 19:12 UTC: Block times degrade again',
        '- 2025-12-04 21:29 UTC: The chain starts moving again',
      );
    assert.equal(read(md('The Hub has experienced three periods of block time degradation.')).fact('end'), '2025-12-04T21:29 +00:00');
    assert.equal(read(md('The Hub had slow blocks.')).fact('end'), '2025-11-26T22:47 +00:00');
    const moving = doc(
      '# Halt',
      '',
      '## Timeline',
      '',
      '- 2025-04-14 14:41 UTC: The chain halts',
      '- 2025-04-14 18:33 UTC: Block 2 is committed and the chain starts moving again',
    );
    assert.equal(read(moving).fact('end'), '2025-04-14T18:33 +00:00');
    assert.equal(read(moving.replace('starts moving again', 'starts moving')).fact('end'), undefined);
  });

  it('an Impact that says there was none takes no start or end from the timeline', () => {
    const md = (impact: string) =>
      doc(
        '# Release shipped with a flaw',
        '',
        '## Impact',
        '',
        impact,
        '',
        '## Timeline',
        '',
        '- 2025-03-11 21:52 UTC: A validator reports a build error',
        '- 2025-03-26 13:44 UTC: The hub is back online',
      );
    const none = read(md("None because we didn't deploy it."));
    assert.equal(none.fact('start'), undefined);
    assert.equal(none.fact('end'), undefined);
    assert.equal(read(md('Impact: none.')).fact('start'), undefined);
    // An impact that is one ("Nonetheless, blocks were slow") keeps them.
    assert.equal(read(md('Nonetheless, blocks were slow.')).fact('start'), '2025-03-11T21:52 +00:00');
    assert.equal(read(md('Validators could not build.')).fact('end'), '2025-03-26T13:44 +00:00');
  });

  it('a Timeline heading with more after it ("Timeline (all times UTC) Monday May 10th, 2021. All times approximations") is the timeline', () => {
    const md = (heading: string) =>
      doc(
        '# Wiki edit',
        '',
        '## Issue Summary',
        '',
        'The wiki was edited.',
        '',
        `## ${heading}`,
        '',
        '- 09:15:04 UTC an edit was made',
        '',
        '- 10:03:52 UTC the change was reverted',
      );
    const both = read(md('Timeline (all times UTC) Monday May 10th, 2021. All times approximations'));
    assert.equal(both.timeline.length, 2);
    assert.equal(both.fact('start'), '~2021-05-10T09:15 +00:00');
    assert.equal(read(md('Timeline - May 10, 2021')).fact('start'), '2021-05-10T09:15 +00:00', 'not said to be approximate');
    // A heading that only begins with the word is not the timeline.
    assert.equal(read(md('Timelines of other projects, May 10th, 2021')).timeline.length, 0);
  });

  it('a title\'s "5-26-21" is the 26th of May 2021 (no other order can be); "5-6-21" and the same in the body are not read', () => {
    const md = (title: string, body = 'The site went down.') =>
      doc(`# ${title}`, '', body, '', '## Timeline (all times approximate)', '', '- 04:52 PM UTC Site is hard down', '- 06:00 PM UTC Site is fully recovered');
    const us = read(md('Website Outage 5-26-21'));
    assert.equal(us.fact('start'), '~2021-05-26T16:52 +00:00');
    assert.equal(us.fact('end'), '~2021-05-26T18:00 +00:00');
    assert.equal(read(md('Website Outage 5-6-21')).fact('start'), undefined, 'May 6 or June 5');
    assert.equal(read(md('Website Outage', 'On 5-26-21 the site went down.')).fact('start'), undefined, 'only a title');
  });

  it('a zone named by its city ("16:37 Denver - …") is that city\'s IANA zone; a city in the text is not', () => {
    const md = (entry: string) => doc('# Agents down', '', '## Timeline - May 29, 2021', '', `* ${entry}`);
    assert.equal(read(md('16:37 Denver - Plugins updated, agents fail')).timeline[0]!.at, '2021-05-29T16:37:00-06:00');
    assert.equal(read(md('16:37 Denver time: Plugins updated')).timeline[0]!.at, '2021-05-29T16:37:00-06:00');
    assert.equal(read(md('16:37 Berlin office reports errors')).timeline[0]!.at, '16:37', 'the office, not a zone');
  });

  it('"… the issue. - Total time to resolution approximately 49 minutes." inside a paragraph is the duration as written', () => {
    const md = (s: string) => doc('# Wiki edit', '', '## Resolution and recovery', '', `Mariano published a fix upon noticing the issue. ${s}`);
    assert.equal(read(md('- Total time to resolution approximately 49 minutes.')).fact('duration'), 'approximately 49 minutes');
    assert.equal(read(md('- Time to first response approximately 49 minutes.')).fact('duration'), undefined);
  });

  it('periods marked "X Begin" and "X End" end at the last end that closes one, after every begin', () => {
    const md = (...rows: string[]) => doc('# Spam', '', '## Timeline', '', '| Time (UTC) | Event |', '| --- | --- |', ...rows.map((r) => `| 2025-01-${r} |`));
    const both = ['27 18:50 | Multisends 1 Begin—Immediate Impact', '27 19:47 | Multisends 1 End', '28 10:55 | Multisends 2 Begin'];
    assert.equal(read(md(...both, '28 12:08 | Multisends 2 End')).fact('end'), '2025-01-28T12:08 +00:00');
    // The last period never closed: no end; an end that closes nothing begun is none.
    assert.equal(read(md(...both)).fact('end'), undefined);
    assert.equal(read(md('27 18:50 | Spam begins, blocks are slow', '28 12:08 | Maintenance window ends')).fact('end'), undefined);
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(doc('# Outage', '', '## Timeline', '', `- 2025-04-14 14:41 UTC: ${'a — '.repeat(25000)}x begins`, '- 2025-04-14 14:51 UTC: x ends'));
    linear(doc('# Outage', '', `Total time to resolution ${' '.repeat(100000)}49 minutes.`));
    linear(doc('# Outage', '', '## Timeline', '', `- 16:37 Denver${' '.repeat(100000)}x`));
    linear(doc('# Outage', '', '## Timeline', '', `- 16:37 ${'New York '.repeat(11000)}-`));
    linear(doc(`# Outage ${'5-26-'.repeat(20000)}21`, '', '## Timeline', '', '- 14:41 UTC: down'));
    linear(doc('# Outage', '', `## Timeline (${'('.repeat(100000)}`, '', '- 2025-04-14 14:41 UTC: down'));
    linear(doc('# Outage', '', `## Timeline - all times ${'are '.repeat(25000)}`, '', '- 2025-04-14 14:41 UTC: down'));
    linear(doc('# Outage', '', '## Impact', '', `${'*'.repeat(50000)}impact${' '.repeat(50000)}: none`, '', '## Timeline', '', '- 2025-04-14 14:41 UTC: down'));
    linear(doc('# Outage', '', '## Timeline', '', '- 2025-04-14 14:41 UTC: x', `- 2025-04-14 14:47 UTC: ${'a '.repeat(50000)}notices errors`));
    linear(doc('# Outage', '', `Summary: three ${'separate '.repeat(12000)}periods of`, '', '## Timeline', '', '- 2025-04-14 14:41 UTC: down'));
    linear(doc('# Outage', '', '## Timeline', '', `- 2025-04-14 14:41 UTC: started ${'moving '.repeat(15000)}again`));
    linear(doc('---', 'title: x', `date: 2023-03-28T14:00:00${'0'.repeat(100000)}`, `resolvedWhen: ${'2'.repeat(100000)}`, '---', '', 'Down.'));
    linear(doc('## Outage', '', `<time ${'a'.repeat(100000)} datetime="2025-08-01">`));
    linear(doc('## Outage', '', `Between approximately ${'x '.repeat(50000)}21:27 UTC and 07:27 UTC it was down.`));
    linear(doc('## Outage', '', `It was down from ${'and 2025-'.repeat(12000)} UTC.`));
    linear(doc('# Outage', '', '## Timeline', '', `- Feb 7 ${'1506 '.repeat(20000)}UTC: down`));
    linear(doc('# Outage', '', '## Timeline', '', `- ${'1936 '.repeat(20000)}`));
    linear(doc('# Outage', '', '## Timeline', '', `- 2025-02-07 10:00 UTC: first ${'tests '.repeat(20000)}pass`));
    linear(doc('# Outage', '', '## Timeline', '', `- 2025-02-07 10:00 UTC: first ${'a-b '.repeat(25000)}reports of`));
  });
});
