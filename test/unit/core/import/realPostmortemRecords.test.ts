/**
 * Six real public postmortems, transcribed from their vendors' posts into
 * records (test/fixtures/real-postmortems; sources in each file and in
 * expected.json): multi-day, a US Pacific zone across the year, date-only
 * prehistory, a regex at the heart of the root cause.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IncidentIndex } from '../../../../src/core/index/incidentIndex';
import { incidentMetrics } from '../../../../src/core/insights/incidentMetrics';
import MarkdownIt from 'markdown-it';
import { postmortemMarkdown } from '../../../../src/core/present/postmortemExport';
import { describeIncident } from '../../../../src/core/present/summaries';
import { learningMarkdown } from '../../../../src/core/ai/learnings';
import { formatDate, formatDuration, formatInstant } from '../../../../src/core/time/recordTime';
import { NodeFileAccess } from '../../../../src/node/nodeFileAccess';
import { REPO_ROOT } from '../../../support/workspace';

const ROOT = join(REPO_ROOT, 'test', 'fixtures', 'real-postmortems');

interface Expected {
  file: string;
  source: string;
  publishedDurationMinutes: number | null;
  start: string;
  resolution: string;
  milestones: Partial<Record<'detected' | 'acknowledged' | 'mitigated' | 'resolved', string>>;
  spansDays: boolean;
  searchQueries: string[];
  notes: string;
}

const expected = JSON.parse(readFileSync(join(ROOT, 'expected.json'), 'utf8')) as Expected[];
const utc = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('real public postmortems', () => {
  let index: IncidentIndex;
  before(async () => {
    index = new IncidentIndex(new NodeFileAccess(ROOT), { checkLinkTargets: true });
    await index.load();
  });

  it('are six or more, each citing its vendor post, and lint clean', () => {
    assert.ok(expected.length >= 6);
    assert.deepEqual(
      index.diagnostics().map((d) => `${d.file}:${d.range.start.line + 1} ${d.message}`),
      [],
    );
    for (const e of expected) {
      const text = readFileSync(join(ROOT, '.incidents', e.file), 'utf8');
      assert.match(text, /^# Source: https:\/\//m, e.file);
    }
  });

  it('cover what real posts do: two or more past a day, a non-UTC zone, date-only entries, a regex in the root cause', () => {
    const incidents = index.incidents();
    assert.ok(incidents.filter((i) => (i.durationMinutes ?? 0) > 24 * 60).length >= 2);
    assert.ok(incidents.some((i) => i.record.timeZone || i.start!.offsetMinutes !== 0));
    assert.ok(incidents.some((i) => i.timeline.some((e) => e.at?.precision === 'day')));
    assert.ok(incidents.some((i) => (i.record.rootCause?.confirmed ?? '').includes('.*(?:.*=.*)')));
  });

  for (const e of expected) {
    it(`${e.file}: start, resolution and milestones are the published instants; the duration is the published one or its documented difference`, () => {
      const incident = index.incidents().find((i) => i.file.endsWith(e.file))!;
      assert.ok(incident, e.file);
      assert.equal(utc(incident.start!.ms), e.start);
      assert.equal(utc(incident.resolution!.ms), e.resolution);
      for (const [name, at] of Object.entries(e.milestones)) assert.equal(utc(incident.milestones[name as 'detected']!.ms), at, `${e.file} ${name}`);
      const minutes = incident.durationMinutes!;
      assert.ok(minutes > 0);
      // The record's own duration field agrees with its times (lint would say otherwise).
      assert.equal(formatDuration(minutes), incident.record.duration);
      if (e.publishedDurationMinutes !== null && e.publishedDurationMinutes !== minutes) {
        assert.ok(e.notes.length > 40, `${e.file}: ${minutes} min vs published ${e.publishedDurationMinutes}: the difference is documented`);
      }
      // Figures never go negative.
      const m = incidentMetrics(incident);
      for (const value of Object.values(m)) if (typeof value === 'number') assert.ok(value >= 0, `${e.file}: ${JSON.stringify(m)}`);
      assert.equal(e.spansDays, formatInstant(incident.start!).slice(0, 10) !== formatInstant(incident.resolution!).slice(0, 10));
    });
  }

  it('GitHub 2018-10-21 is 24h 11m and Cloudflare 2019-07-02 is 27m, as published', () => {
    const byFile = (f: string) => index.incidents().find((i) => i.file.endsWith(f))!;
    assert.equal(byFile('INC-102.yaml').durationMinutes, 24 * 60 + 11);
    assert.equal(formatDuration(byFile('INC-102.yaml').durationMinutes!), '24h 11m');
    assert.equal(byFile('INC-103.yaml').durationMinutes, 27);
  });

  it('the export dates every change of day, and shows each root cause literally (the Cloudflare regex included)', () => {
    const render = new MarkdownIt({ html: true });
    for (const incident of index.incidents()) {
      const exported = postmortemMarkdown(incident, index.actionRecordsOf(incident.id));
      const html = render.render(exported);
      const cause = (incident.record.rootCause?.confirmed ?? '').replace(/\s+/g, ' ').trim();
      assert.ok(html.includes(render.utils.escapeHtml(cause)), `${incident.id}: root cause literal`);
      const days = [...new Set(incident.timeline.filter((t) => t.at).map((t) => formatDate(t.at!)))];
      const headings = [...exported.matchAll(/^### (\d{4}-\d{2}-\d{2})$/gm)].map((m) => m[1]);
      assert.deepEqual(headings, days.length > 1 ? days : [], `${incident.id}: one heading per day, in order`);
    }
    const cloudflare = index.incidents().find((i) => i.file.endsWith('INC-103.yaml'))!;
    const instructions = render.render(learningMarkdown(cloudflare));
    assert.ok(instructions.includes(render.utils.escapeHtml('.*(?:.*=.*)')), 'the regex reaches the AI tools as written');
    assert.ok(!/<em>/.test(instructions));
  });

  it('search finds each postmortem by words from its post', () => {
    const search = index.search();
    const misses: string[] = [];
    for (const e of expected) {
      for (const q of e.searchQueries) {
        const top = search.search(q, 3).map((h) => h.incident.file);
        if (!top.some((f) => f.endsWith(e.file))) misses.push(`${q} → ${top.join(', ') || 'nothing'} (wanted ${e.file})`);
      }
    }
    assert.deepEqual(misses, []);
  });

  it('the Slack outage, written in Pacific time without offsets, reads as PST', () => {
    const slack = index.incidents().find((i) => i.record.timeZone === 'America/Los_Angeles')!;
    assert.equal(formatInstant(slack.start!), '2021-01-04T06:00:00-08:00');
  });
});

describe('show on a real postmortem', () => {
  it('gives the figures with their milestone times, detection, impact, the days it spans and the plan it holds', async () => {
    const index = new IncidentIndex(new NodeFileAccess(ROOT), {});
    await index.load();
    const github = index.incidents().find((i) => i.file.endsWith('INC-102.yaml'))!;
    const text = describeIncident(github, index.actionRecordsOf(github.id));
    assert.match(text, /\n {2}detected: {4}monitoring — /);
    assert.match(text, /\n {2}to detect: {3}2m \(detected 2018-10-21T22:54:00\+00:00\)/);
    assert.match(text, /\n {2}to mitigate: 17h 32m \(mitigated 2018-10-22T16:24:00\+00:00\)/);
    assert.match(text, /\n {2}to resolve: {2}24h 11m \(resolved 2018-10-22T23:03:00\+00:00\)/);
    assert.match(text, /\n {2}timeline: {4}17 entries over 2 days \(2018-10-21 to 2018-10-22\)/);
    assert.match(text, /\n {2}action plan: 6 items \(0 with an action record, 6 planned only\)/);
    assert.doesNotMatch(text, /actions: {5}0\/0 done/, 'no count of what the record does not hold');
    assert.match(text, /\n {2}impact: {6}\S/);
  });
});
