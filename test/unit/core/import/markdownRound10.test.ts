/**
 * Issue 31, round 10: the rules chosen on held-out-11, one small document each
 * (written for this test), through the Markdown reader, each with a case
 * where the rule must not fire. No wrong fact first: an incident opened is
 * the outage under way, a partial recovery is no end.
 */
import { strict as assert } from 'node:assert';
import { read, doc, linear } from '../../../support/markdownDraft';
import { parseMarkdownPostmortem } from '../../../../src/core/import/markdown';

const timeline = (...entries: string[]) => ['## Timeline', '', ...entries];

describe('Markdown importer: rules of round 10 (issue 31)', () => {
  it('"Incident opened." first in a status timeline is the start (the outage was under way), not lead-up', () => {
    const md = (first: string) =>
      doc(
        '# Storage cluster problem',
        '',
        ...timeline(
          `* [2013-03-09 21:50 UTC] ${first}`,
          '* [2013-03-09 21:51 UTC] One of two storage nodes is down.',
          '* [2013-03-09 22:02 UTC] All systems are working again.',
        ),
      );
    assert.equal(read(md('Incident opened.')).fact('start'), '2013-03-09T21:50 +00:00');
    // An issue or a pull request opened is still lead-up: the start is the first entry about the outage.
    assert.equal(read(md('Pull request opened to change the storage driver.')).fact('start'), '2013-03-09T21:51 +00:00');
    assert.equal(read(md('Opened the rack for maintenance.')).fact('start'), '2013-03-09T21:51 +00:00');
  });

  it('a double hyphen after the time is a dash ("2013-03-27 00:29 UTC -- Incident opened.")', () => {
    const r = read(doc('# Loadbalancer outage', '', ...timeline('* 2013-03-27 00:29 UTC -- Incident opened.', '* 2013-03-27 00:35 UTC -- Routing is down.')));
    assert.deepEqual(
      r.timeline.map((e) => e.text),
      ['Incident opened.', 'Routing is down.'],
    );
    assert.equal(r.fact('start'), '2013-03-27T00:29 +00:00');
  });

  it('a partial recovery ("Some IP addresses come back online", then "only parts … are online again") is no end', () => {
    const md = (...rest: string[]) => doc('# Loadbalancer outage', '', ...timeline('* 2013-03-27 00:35 UTC -- Routing of all subnets is down.', ...rest));
    const some = '* 2013-03-27 01:59 UTC -- Some IP addresses come back online.';
    const restored = '* 2013-03-27 02:06 UTC -- Hetzner tells us the routing has been restored completely.';
    const parts = '* 2013-03-27 02:18 UTC -- We tell them that only parts of the subnets are online again.';
    const all = '* 2013-03-27 02:54 UTC -- All remaining IP addresses are online.';
    assert.equal(read(md(some, restored, parts, all)).fact('end'), '2013-03-27T02:54 +00:00');
    // Without the last entry, nothing says it was all back: "some" alone, or "restored" that only parts were.
    assert.equal(read(md(some)).fact('end'), undefined);
    assert.equal(read(md(restored, parts)).fact('end'), undefined);
    // An entry that says all of it came back is the end.
    assert.equal(read(md('* 2013-03-27 01:59 UTC -- IP addresses come back online.', all)).fact('end'), '2013-03-27T01:59 +00:00');
  });

  it("a dated title over a text naming no other day: a time in the opening's prose is on that day", () => {
    const md = (title: string, ...body: string[]) => doc('---', `title: "${title}"`, '---', '', `# ${title}`, '', ...body);
    const r = read(md('2020-12-11: All services outage', 'At **19:55 UTC, all services became unresponsive**. We started to investigate.'));
    assert.equal(r.fact('start'), '2020-12-11T19:55 +00:00');
    const range = read(md('2021-01-10: Node outage', 'The outage lasted from around 20:20 to 20:46 UTC, but was not a full service outage.'));
    assert.equal(range.fact('start'), '~2021-01-10T20:20 +00:00');
    assert.equal(range.fact('end'), '~2021-01-10T20:46 +00:00');
    // Another day named in the text: the time has no day of its own, so it is not used (round 4's policy holds).
    const other = read(md('2020-12-11: All services outage', 'At 19:55 UTC all services became unresponsive.', '', 'Update 2020-12-14: the vendor replied.'));
    assert.equal(other.fact('start'), '2020-12-11');
  });

  it('"started experiencing networking issues" starts it; "again experiencing" does not', () => {
    const md = (sentence: string) => doc('# 2021-01-30: NodeBalancer faults', '', sentence);
    assert.equal(read(md('At around 14:30 UTC on Saturday 30th January we started experiencing networking issues.')).fact('start'), '~2021-01-30T14:30 +00:00');
    assert.equal(read(md('Update 2021-01-31: we are again experiencing networking issues.')).fact('start'), '2021-01-30');
  });

  it('durations as written: "lasted overall around 26 minutes", "it took multiple hours for this to be resolved"', () => {
    const md = (...body: string[]) => doc('# Node outage', '', ...body);
    assert.equal(
      read(md('## Recovery', '', 'The incident lasted overall around 26 minutes, though not a complete outage.')).fact('duration'),
      'around 26 minutes',
    );
    const took = read(md('## Root cause', '', 'Volumes were left in limbo; it took multiple hours for this to be resolved.'));
    assert.equal(took.fact('duration'), 'multiple hours');
    // What took hours is not the incident's resolution.
    assert.equal(read(md('## Root cause', '', 'It took multiple hours to write this report.')).fact('duration'), undefined);
  });

  it('a heading opening with an emoji ("## 🙆🏽‍♀️ Recovery", "## ⚠️ Leadup") is the section its words name', () => {
    const md = (heading: string) =>
      doc('# 2021-01-10: Node outage', '', 'Something broke.', '', `## ${heading}`, '', 'The incident lasted overall around 26 minutes.');
    assert.equal(read(md('🙆🏽‍♀️ Recovery')).fact('duration'), 'around 26 minutes');
    // A heading of other words is no section the reader takes statements from.
    assert.equal(read(md('🔎 Five Whys')).fact('duration'), undefined);
  });

  it('"## ☑️ Follow-up tasks" holds the action items', () => {
    const md = (heading: string) =>
      doc('# 2021-07-11: Node failures', '', 'Down.', '', `## ${heading}`, '', '- [x] Follow up on ticket', '- [ ] Investigate the surge');
    const actions = (heading: string) => parseMarkdownPostmortem(md(heading), { file: 'pm.md' }).drafts[0]!.actions.map((a) => [a.title, a.status]);
    assert.deepEqual(actions('☑️ Follow-up tasks'), [
      ['Follow up on ticket', 'done'],
      ['Investigate the surge', 'open'],
    ]);
    assert.deepEqual(actions('Follow-up questions'), []);
  });

  it("a lead-up section's timed list is the timeline of a document without one; a restore that still cannot serve is no end", () => {
    const md = (heading: string, restored: string) =>
      doc(
        '# 2021-07-11: Cascading node failures',
        '',
        `# ${heading}`,
        '',
        '*List the sequence of events that led to the incident*',
        '',
        '- **00:27 UTC:** Django starts rapidly using connections to our database',
        "- **00:55 UTC:** It's clear that the node is no longer healthy, so it's recycled.",
        `- **01:13 UTC:** ${restored}`,
      );
    const r = read(md('⚠️ Leadup', 'Node has restored and regained healthy status, but volumes will not mount to the node.'));
    assert.equal(r.timeline.length, 3);
    assert.equal(r.fact('start'), '2021-07-11T00:27 +00:00');
    // "no longer healthy" is no end, nor a restore whose "but" says it still cannot do its work.
    assert.equal(r.fact('end'), undefined);
    assert.equal(read(md('⚠️ Leadup', 'Node has restored and regained healthy status.')).fact('end'), '2021-07-11T01:13 +00:00');
    // A section of another name holds no timeline.
    assert.equal(read(md('Impact', 'Node restored.')).timeline.length, 0);
  });

  it('two times in parentheses after what they bound ("lasted approximately 95 minutes (23:55 UTC to 01:30 UTC)")', () => {
    const md = (sentence: string) =>
      doc('# Network Outage Postmortem (2024-12-19/20)', '', '## Summary', sentence, '', '## Response Timeline', '- 23:56 UTC: connectivity loss detected');
    const r = read(md('The incident lasted approximately 95 minutes (23:55 UTC to 01:30 UTC) and impacted our validators.'));
    assert.equal(r.fact('start'), '2024-12-19T23:55 +00:00');
    assert.equal(r.fact('end'), '2024-12-20T01:30 +00:00');
    assert.equal(r.fact('duration'), 'approximately 95 minutes');
    // Two times in parentheses that bound something else (a maintenance window) are no period of the outage.
    assert.equal(read(md('We planned a maintenance window (23:55 UTC to 01:30 UTC) for the routers.')).fact('end'), undefined);
  });

  it('"at approximately 09:31 UTC, a misconfiguration caused an outage" starts it, as approximate as it says', () => {
    const md = (sentence: string) =>
      doc(
        '# Network Outage Postmortem',
        '',
        '## Summary',
        sentence,
        '',
        '## Response Timeline',
        '- 09:31 UTC: Network outage occurred',
        '- 09:49 UTC: Service restored',
      );
    assert.equal(
      read(md('On March 6, 2025, at approximately 09:31 UTC, a misconfiguration on a router caused an outage.')).fact('start'),
      '~2025-03-06T09:31 +00:00',
    );
    // A sentence that says no outage began there leaves the start to the timeline's entry, as it is written.
    assert.equal(read(md('On March 6, 2025, at approximately 09:31 UTC, we reviewed a router.')).fact('start'), '2025-03-06T09:31 +00:00');
  });

  it('a window the document names ("**Impact Window:** **02:00–02:08 CET** (01:00–01:08 UTC)") is the start and the end', () => {
    const md = (label: string, window: string) =>
      doc(
        '# Technical Incident Report',
        '',
        '**Incident Date:** 11 December 2025  ',
        `**${label}:** ${window}  `,
        '',
        '## Timeline (CET)',
        '',
        '### 02:01 CET',
        'Initial symptoms detected.',
        '',
        '### After 02:10 CET',
        'Validator fully operational.',
      );
    const r = read(md('Impact Window', '**02:00–02:08 CET** (01:00–01:08 UTC)'));
    assert.equal(r.fact('start'), '2025-12-11T02:00 +01:00');
    assert.equal(r.fact('end'), '2025-12-11T02:08 +01:00');
    // A remark in parentheses after it is left aside as well.
    assert.equal(read(md('Impact Window', '**02:00–02:08 CET** (partial, see timeline)')).fact('end'), '2025-12-11T02:08 +01:00');
    // A window of something else (a maintenance window) is no period of the incident: the timeline's times.
    const other = read(md('Maintenance Window', '**02:00–02:08 CET**'));
    assert.equal(other.fact('start'), '2025-12-11T02:01 +01:00');
    assert.equal(other.fact('end'), '2025-12-11T02:10 +01:00');
  });

  it('a timeline heading "### After 02:10 CET" is an entry at the time it names', () => {
    const md = (heading: string) =>
      doc('# Outage on 2025-12-11', '', '## Timeline (CET)', '', '### 02:00 CET', 'Stall.', '', `### ${heading}`, 'Fully operational.');
    assert.deepEqual(
      read(md('After 02:10 CET')).timeline.map((e) => [e.at, e.text]),
      [
        ['2025-12-11T02:00:00+01:00', 'Stall.'],
        ['2025-12-11T02:10:00+01:00', 'Fully operational.'],
      ],
    );
    // Words before a time that are not "after", "since", "by" or "from": no entry.
    assert.equal(read(md('Later than 02:10 CET')).timeline.length, 1);
  });

  it('a document reporting numbered incidents ("## INCIDENT 2: …" before "## INCIDENT 1: …") takes no start, end or duration from within them', () => {
    const md = (second: string, first: string) =>
      doc(
        '# Validator Incident Report',
        '## August 18-19, 2025 - Two Separate Consensus Issues',
        '',
        `## ${second}: Consensus Degradation`,
        '',
        '**Duration**: 3 hours 28 minutes',
        '',
        '### Timeline',
        '- **2025-08-18 23:15 UTC**: Consensus degradation begins, blocks missed',
        '- **2025-08-19 02:43 UTC**: Issue resolved',
        '',
        `## ${first}: Validator Updates`,
        '',
        '### Timeline',
        '- **2025-08-18 15:30 UTC**: Service degraded, missed blocks detected',
        '- **2025-08-18 18:00 UTC**: Service restored',
      );
    const r = read(md('INCIDENT 2', 'INCIDENT 1'));
    assert.equal(r.fact('start'), undefined);
    assert.equal(r.fact('end'), undefined);
    assert.equal(r.fact('duration'), undefined);
    assert.ok(
      r.notes.some((n) => /numbered incidents/.test(n)),
      r.notes.join('\n'),
    );
    assert.equal(r.timeline.length, 4);
    // Phases of one incident are no incidents of their own.
    const phases = read(md('Phase 2', 'Phase 1'));
    assert.equal(phases.fact('duration'), '3 hours 28 minutes');
    assert.equal(phases.fact('start'), '2025-08-18T23:15 +00:00');
  });

  it('a time without a day more than twelve hours before the entry above it is on the next day (over midnight)', () => {
    const md = (...entries: string[]) => doc('# Network Outage Postmortem (2024-12-19)', '', '## Response Timeline', ...entries);
    const r = read(md('- 23:55 UTC: Planned change', '- 23:56 UTC: Connectivity lost', '- 01:30 UTC: Full service restored', '- 01:40 UTC: Checked'));
    assert.deepEqual(
      r.timeline.map((e) => e.at),
      ['2024-12-19T23:55:00Z', '2024-12-19T23:56:00Z', '2024-12-20T01:30:00Z', '2024-12-20T01:40:00Z'],
    );
    assert.equal(r.fact('end'), '2024-12-20T01:30 +00:00');
    // Out of order by less than twelve hours: the same day, as written.
    assert.deepEqual(
      read(md('- 14:00 UTC: Connectivity lost', '- 09:30 UTC: Change applied')).timeline.map((e) => e.at),
      ['2024-12-19T14:00:00Z', '2024-12-19T09:30:00Z'],
    );
  });

  it('a time given again in a second zone ("**23:15 UTC / 16:15 PDT**: text") is one stamp; a range takes the zone after it', () => {
    const r = read(
      doc(
        '# Validator incident on 2025-08-18',
        '',
        '## Timeline',
        '- **23:15 UTC / 16:15 PDT**: Degradation begins',
        '- **23:33:20-23:33:24 UTC / 16:33:20-16:33:24 PDT**: Service restart',
        '- **23:40 UTC / 16:40 local**: Checked',
      ),
    );
    assert.deepEqual(
      r.timeline.map((e) => [e.at, e.text]),
      [
        ['2025-08-18T23:15:00Z', 'Degradation begins'],
        ['2025-08-18T23:33:00Z', '(until 23:33) Service restart'],
        // Words that are no zone stay the entry's text.
        ['2025-08-18T23:40:00Z', '/ 16:40 local**: Checked'],
      ],
    );
  });

  it('the new patterns stay linear on 100 kB lines', () => {
    linear(doc('# Outage', '', ...timeline(`* 2013-03-27 00:29 UTC -- ${'-- '.repeat(30000)}x`)));
    linear(doc('# Outage', '', ...timeline('* 2013-03-27 00:29 UTC: down', `* 2013-03-27 00:39 UTC: all remaining ${'ip '.repeat(30000)}are online`)));
    linear(doc('# Outage', '', ...timeline('* 2013-03-27 00:29 UTC: down', `* 2013-03-27 00:39 UTC: only ${'parts '.repeat(30000)}of it`)));
    linear(doc('# Outage', '', ...timeline('* 2013-03-27 00:29 UTC: down', `* 2013-03-27 00:39 UTC: restored, but ${'x '.repeat(50000)}`)));
    linear(doc('# 2021-01-10: Outage', '', `We started experiencing ${'networking '.repeat(20000)}issues at 14:30 UTC.`));
    linear(doc('# Outage', '', `It took multiple ${'hours '.repeat(20000)}to be resolved.`));
    linear(doc('# Outage', '', `## ${'⚠️ '.repeat(30000)}Leadup`));
    linear(doc('# 2024-12-19: Outage', '', `The incident lasted ${'(23:55 '.repeat(15000)}to 01:30 UTC).`));
    linear(doc('# 2024-12-19: Outage', '', `At 09:31 UTC a router caused an ${'big '.repeat(25000)}outage.`));
    linear(doc('# Outage', '', '**Incident Date:** 11 December 2025', `**Impact Window:** 02:00–02:08 ${'('.repeat(50000)}`));
    linear(doc('# Outage', '', '## Timeline', '', `### After ${'02:10 '.repeat(20000)}`));
    linear(doc('# Outage', '', `## ${'#'.repeat(50000)} Incident 1`, '', '## Incident 2'));
    linear(doc('# Outage', '', '## Timeline', `- 23:15 UTC ${'/ 16:15 '.repeat(12000)}PDT: x`));
    linear(doc('# Outage', '', '## Leadup', '', '- 00:27 UTC: a', `- 00:29 UTC: ${'  '.repeat(50000)}b`));
  });
});
