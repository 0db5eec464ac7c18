/**
 * Issue 31: the shapes published postmortems use, one small document each
 * (written for this test), through the Markdown reader.
 */
import { strict as assert } from 'node:assert';
import { parseMarkdownPostmortem } from '../../../../src/core/import/markdown';

function read(md: string) {
  const r = parseMarkdownPostmortem(md, { file: 'pm.md' });
  const d = r.drafts[0]!;
  const facts = Object.fromEntries((d.facts ?? []).map((f) => [f.field, f]));
  const timeline = (d.record.timeline ?? []) as Array<{ at: string; text: string; milestone?: string }>;
  return { r, d, rec: d.record as Record<string, any>, facts, timeline };
}

describe('Markdown importer: timeline shapes, zones and statements (issue 31)', () => {
  it('front matter gives title and authors; its date is the publication, not the incident', () => {
    const { rec, facts, d } = read(
      '---\ntitle: "Queue outage"\ndate: 2024-06-01\nauthors: ["Ana", "Bo"]\n---\n\nOn 2024-05-20 at 10:00 UTC the queue went down.\n',
    );
    assert.equal(rec.title, 'Queue outage');
    assert.equal(facts.authors!.value, 'Ana, Bo');
    // Found, so kept: the people who wrote the postmortem own it.
    assert.equal(rec.postmortem.owner, 'Ana, Bo');
    assert.equal(rec.start, '2024-05-20T10:00:00Z');
    assert.ok(d.notes.some((n) => /published/.test(n)));
    assert.match(rec.postmortem.summary, /queue went down/);
  });

  it('TOML front matter (+++) gives the title of a post without a heading', () => {
    const { rec } = read('+++\ntitle = "Registry outage"\nauthors = ["Cy"]\n+++\n\nText.\n');
    assert.equal(rec.title, 'Registry outage');
  });

  it('"* [13:26] text", wholly bold "- **01:38: text**", backticked "`07:35`", wrapped items', () => {
    const { timeline } = read(
      '# X\n\nAll times UTC.\n\n## Timeline\n\n### 2024-05-20\n\n* [13:26] first\n- **13:38: the key one**\n- `13:40` third entry that\n  wraps onto a second line\n',
    );
    assert.deepEqual(
      timeline.map((t) => [t.at, t.text]),
      [
        ['2024-05-20T13:26:00Z', 'first'],
        ['2024-05-20T13:38:00Z', 'the key one'],
        ['2024-05-20T13:40:00Z', 'third entry that wraps onto a second line'],
      ],
    );
  });

  it('"7:09 AM Eastern:" with the text on indented lines below, in the zone of the day', () => {
    const { timeline, rec } = read(
      '# X\n\nOn March 3, 2025 the site failed.\n\n## Timeline\n\n7:09 AM Eastern:\n    Pages fail to load.\n\n9:15 PM Eastern:\n    Fixed.\n',
    );
    assert.deepEqual(
      timeline.map((t) => [t.at, t.text]),
      [
        ['2025-03-03T07:09:00-05:00', 'Pages fail to load.'],
        ['2025-03-03T21:15:00-05:00', 'Fixed.'],
      ],
    );
    assert.equal(rec.timeZone, undefined, 'a zone named per entry is kept in the entry');
  });

  it('heading per entry ("### 04:19" + paragraph) and a range heading ("### 8:20 - 8:24")', () => {
    const { timeline } = read('# X\n\n## Timeline\n\nAll times in UTC.\n\n### 2024-01-02 04:19\n\nDisk full.\n\n### 8:20 - 8:24\n\nRestarted twice.\n');
    assert.deepEqual(
      timeline.map((t) => [t.at, t.text]),
      [
        ['2024-01-02T04:19:00Z', 'Disk full.'],
        ['2024-01-02T08:20:00Z', '(until 8:24) Restarted twice.'],
      ],
    );
  });

  it('table rows with a date only and with "--:--" are kept, never dropped silently', () => {
    const { timeline } = read(
      '# X\n\n## Timeline (UTC)\n\n| Time | Event |\n|---|---|\n| 2024-02-01 | Bad config merged |\n| 2024-02-02 10:00 | Errors start |\n| --:-- | Someone noticed |\n',
    );
    assert.deepEqual(
      timeline.map((t) => [t.at, t.text]),
      [
        ['2024-02-01', 'Bad config merged'],
        ['2024-02-02T10:00:00Z', 'Errors start'],
        ['2024-02-02', '(time not given) Someone noticed'],
      ],
    );
  });

  it('a prose timeline: each sentence with "at 17:45 UTC" is an entry', () => {
    const { timeline } = read(
      '# X\n\nOn 2025-09-02 the database failed.\n\n## Timeline\n\nAt 17:45 UTC the database stopped accepting writes. Engineers were paged at 17:52 UTC. Service was restored at 18:30 UTC.\n',
    );
    assert.deepEqual(
      timeline.map((t) => t.at),
      ['2025-09-02T17:45:00Z', '2025-09-02T17:52:00Z', '2025-09-02T18:30:00Z'],
    );
  });

  it('zones: IANA and region names set timeZone; ambiguous CST is warned about and not guessed', () => {
    const berlin = read('# X\n\nAll times are Europe/Berlin.\n\n## Timeline\n\n- 2025-07-01 10:00 down\n');
    assert.equal(berlin.rec.timeZone, 'Europe/Berlin');
    assert.equal(berlin.timeline[0]!.at, '2025-07-01T10:00:00+02:00');
    const pacific = read('# X\n\nAll times US/Pacific.\n\n## Timeline\n\n- 2025-01-10 09:00 down\n');
    assert.equal(pacific.timeline[0]!.at, '2025-01-10T09:00:00-08:00');
    const cst = read('# X\n\nAll times in CST.\n\n## Timeline\n\n- 2025-01-10 09:00 down\n');
    assert.equal(cst.timeline[0]!.at, '09:00');
    assert.ok(cst.r.problems.some((p) => /"CST" is ambiguous/.test(p.message)));
    assert.equal(cst.rec.start, undefined);
  });

  it("start and end from the document's statements, with the sentence as evidence; a lead-up section never counts", () => {
    const { rec, facts } = read(
      '# X\n\n## Summary\n\nOn 2025-04-02 between 12:17 and 12:30 UTC downloads were broken.\n\n## Lead-up\n\nAt 09:00 UTC on 2025-04-01 a change was merged.\n',
    );
    assert.equal(rec.start, '2025-04-02T12:17:00Z');
    assert.equal(rec.resolution, '2025-04-02T12:30:00Z');
    assert.match(facts.start!.evidence!, /between 12:17 and 12:30 UTC/);
    const back = read('# X\n\nOn 2025-04-02 at 10:00 UTC the API went down. It was back online by 10:40 UTC.\n');
    assert.deepEqual([back.rec.start, back.rec.resolution], ['2025-04-02T10:00:00Z', '2025-04-02T10:40:00Z']);
  });

  it('a stated duration is kept as written; duration set only when it agrees', () => {
    const { rec, facts } = read('# X\n\nOn 2025-04-02 between 10:00 and 10:13 UTC the site was down for 13 minutes.\n');
    assert.equal(facts.duration!.value, '13 minutes');
    assert.equal(rec.duration, '13m');
    const est = read('# X\n\nThe outage lasted ~24h.\n');
    assert.equal(est.facts.duration!.value, '~24h');
    assert.equal(est.rec.duration, undefined);
  });

  it('action tables keep their Priority and State columns; states and levels written as text; sub-bullets are no actions', () => {
    const { d, rec } = read(
      '# X\n\n## Action items\n\n| Action | Owner | Priority | Status |\n|---|---|---|---|\n| Add alert | ana | High | Done |\n\n## Follow-ups\n\n- Rotate keys (done)\n- HIGH Write the runbook that\n  covers restores\n  - because nobody knew how\n',
    );
    const alert = d.actions.find((a) => a.title === 'Add alert')!;
    assert.equal(alert.status, 'done');
    assert.match(alert.acceptanceCriteria!, /Priority: High/);
    assert.ok(d.actions.some((a) => a.title === 'Rotate keys' && a.status === 'done'));
    const plan = (rec.postmortem?.actionPlan ?? []) as Array<{ title: string }>;
    assert.ok(
      plan.some(
        (p) => p.title === 'Write the runbook that covers restores' && /Priority: HIGH/.test(String((p as { acceptanceCriteria?: string }).acceptanceCriteria)),
      ),
    );
    assert.ok(![...plan.map((p) => p.title), ...d.actions.map((a) => a.title)].some((t) => /because nobody knew/.test(t)));
  });

  it('tables and code blocks in a section are kept as written, not flattened', () => {
    const { rec } = read('# X\n\n## Root cause\n\nThe config:\n\n```yaml\nlimit: 200\nretries: 0\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    assert.match(rec.rootCause.confirmed, /```yaml\nlimit: 200\nretries: 0\n```/);
    assert.match(rec.rootCause.confirmed, /\| a \| b \|\n\|---\|---\|\n\| 1 \| 2 \|/);
  });

  it('detected: a user report is "user" even when an alert is named later', () => {
    const { rec } = read('# X\n\n## Detection\n\nA customer reported errors; our alert fired 20 minutes later.\n');
    assert.equal(rec.detected.how, 'user');
    const paged = read('# X\n\n## Detection\n\nOur users were affected for an hour; the on-call engineer was paged by an alert on error rates.\n');
    assert.equal(paged.rec.detected.how, 'monitoring', 'users being affected is no user report');
  });
});
