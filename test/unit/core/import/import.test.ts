/**
 * Import as a team meets it: the vendors' documented payloads and real
 * published postmortems (test/fixtures/import, sources in its SOURCES.md),
 * written into a real workspace by the built CLI, read back by the index
 * and lint.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { JsonItemScanner, JsonSyntaxError } from '../../../../src/core/import/json';
import { inlineText, parseMarkdownPostmortem } from '../../../../src/core/import/markdown';
import { CsvRowReader } from '../../../../src/core/import/csv';
import { detectFormat } from '../../../../src/core/import/read';
import { incidentYaml, REPO_ROOT, TempWorkspace } from '../../../support/workspace';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const FIX = join(REPO_ROOT, 'test', 'fixtures', 'import');

function cli(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function records(ws: TempWorkspace, dir = '.incidents'): Map<string, Record<string, unknown> & { __text: string }> {
  const out = new Map<string, Record<string, unknown> & { __text: string }>();
  const abs = join(ws.root, dir);
  for (const f of readdirSync(abs).filter((n) => n.endsWith('.yaml'))) {
    const text = readFileSync(join(abs, f), 'utf8');
    out.set(f.replace(/\.yaml$/, ''), { ...(parse(text) as Record<string, unknown>), __text: text });
  }
  return out;
}

function bySource(ws: TempWorkspace, id: string, dir = '.incidents') {
  const r = [...records(ws, dir).values()].find((x) => (x.source as { id: string } | undefined)?.id === id);
  assert.ok(r, `a record imported from ${id}`);
  return r as Record<string, any> & { __text: string };
}

function lintClean(ws: TempWorkspace): string {
  const r = cli(ws.root, 'lint');
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, / 0 errors/);
  return r.stdout;
}

describe('import (real process, real files)', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace();
    ws.write('.incidents/INC-041.yaml', incidentYaml('INC-041'));
  });
  afterEach(() => ws.dispose());

  it('PagerDuty: incidents and their log entries; milestones; ids continue the numbering; lint clean', () => {
    const r = cli(ws.root, 'import', '--from', 'pagerduty', join(FIX, 'pagerduty', 'incidents.json'), join(FIX, 'pagerduty', 'log_entries.json'));
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /created +INC-042 +pagerduty #1234 The server is on fire\./);
    assert.match(r.stdout, /created +INC-043 +pagerduty #1235 Checkout latency above SLO/);
    const inc = bySource(ws, 'PRX4QZ7');
    assert.equal(inc.id, 'INC-043');
    assert.deepEqual(inc.source, { system: 'pagerduty', id: 'PRX4QZ7', url: 'https://subdomain.pagerduty.com/incidents/PRX4QZ7' });
    assert.equal(inc.status, 'active');
    assert.equal(inc.start, '2015-10-07T09:12:05Z');
    assert.equal(inc.impact.system, 'Checkout API');
    const milestones = (inc.timeline as Array<{ milestone?: string; at: string; author?: string }>).filter((e) => e.milestone);
    assert.deepEqual(
      milestones.map((e) => e.milestone),
      ['detected', 'acknowledged'],
    );
    assert.equal(milestones[1]!.author, 'Tomas Okafor');
    assert.ok(
      (inc.timeline as Array<{ kind: string; text: string }>).some((e) => e.kind === 'finding' && /rolling back/.test(e.text)),
      'a note becomes a finding',
    );
    const resolved = bySource(ws, 'PT4KHLK');
    assert.equal(resolved.status, 'resolved');
    assert.equal(resolved.resolution, '2015-10-06T21:38:23Z');
    lintClean(ws);
  });

  it('incident.io: status category, severity, roles, timestamps; follow-ups become action records', () => {
    const r = cli(ws.root, 'import', join(FIX, 'incidentio'));
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const closed = bySource(ws, '01FDAG4SAP5TYPT98WGR2N7W91');
    assert.equal(closed.title, 'Our database is sad');
    assert.equal(closed.status, 'closed');
    assert.equal(closed.roles.incidentLead, 'Lisa Karlin Curtis');
    assert.ok(closed.resolution, 'Resolved at → resolution');
    assert.match(closed.postmortem.summary, /Postmortem document: https:\/\/docs\.google\.com\/my_doc_id/);
    // "Minor" is not P1–P4: no priority invented, the file says why.
    assert.equal(closed.priority, undefined);
    assert.match(closed.__text, /^# priority: incident\.io severity "Minor" \(rank 1\) is not P1–P4; set one$/m);
    const actions = records(ws, '.incidents/actions');
    const mine = [...actions.values()].filter((a) => a.incident === closed.id);
    assert.ok(mine.length >= 1);
    assert.ok(mine.some((a) => a.title === 'Cat is stuck in the tree' && a.status === 'done' && a.owner === 'Lisa Karlin Curtis'));
    const lint = lintClean(ws);
    assert.match(lint, /warning priority: priority is not set: incident-io \(01FDAG4SAP5TYPT98WGR2N7W91\) gave none; set P1–P4/);
  });

  it('Statuspage: updates become status page communications, the postmortem body the postmortem', () => {
    const r = cli(ws.root, 'import', '--from', 'statuspage', join(FIX, 'statuspage', 'incidents.json'));
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const all = [...records(ws).values()].filter((x) => (x.source as { system?: string } | undefined)?.system === 'statuspage');
    assert.equal(all.length, 2);
    const withPm = all.find((x) => (x as any).postmortem?.summary) as any;
    assert.ok(withPm, 'one incident has a postmortem body');
    const email = bySource(ws, 'p0v7hw2kzq8d');
    assert.equal(email.priority, 'P3', 'impact minor → P3, with a note');
    assert.match(email.__text, /# priority: P3 from the Statuspage impact "minor"/);
    const updates = email.communications.statusPage as Array<{ at: string; text: string }>;
    assert.ok(updates.length >= 3);
    assert.ok(
      updates.every((u, i) => i === 0 || Date.parse(u.at) >= Date.parse(updates[i - 1]!.at)),
      'in time order',
    );
    assert.match(updates.at(-1)!.text, /^Resolved: Queued emails have been delivered/);
    assert.equal(email.impact.system, 'Email Notifications');
    lintClean(ws);
  });

  it('CSV (Jira export) with a mapping file: quoted commas and line breaks, value maps, the export zone', () => {
    const r = cli(ws.root, 'import', '--mapping', join(FIX, 'csv', 'mapping.yaml'), join(FIX, 'csv', 'jira.csv'));
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const first = bySource(ws, 'OPS-101');
    assert.equal(first.source.system, 'jira');
    assert.equal(first.priority, 'P1');
    assert.equal(first.start, '2018-06-21T11:04:00');
    assert.equal(first.timeZone, 'UTC');
    assert.match(first.postmortem.summary, /^Primary database stopped answering at 17:02 UTC\.\nWe failed over/);
    const third = bySource(ws, 'OPS-103');
    assert.equal(third.title, 'Search index stale after reindex job, results "frozen" for EU tenants');
    assert.equal(third.status, 'active');
    assert.equal(third.resolution, undefined);
    assert.equal(bySource(ws, 'OPS-104').status, 'closed');
    lintClean(ws);
  });

  it('--map on the command line; a row that cannot be read is skipped with its row and column, the others imported', () => {
    ws.write(
      'bad.csv',
      'Key,Summary,Status,Created\nA-1,Fine,Done,2024-01-02T10:00:00Z\nA-2,Bad status,Sleeping,2024-01-03T10:00:00Z\nA-3,"Bad, time",Done,yesterday\n',
    );
    const r = cli(ws.root, 'import', '--map', 'id=Key,title=Summary,status=Status,started=Created', 'bad.csv');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /created +INC-042 +csv A-1 Fine/);
    assert.match(r.stdout, /skipped +bad\.csv:3 \(row 3, column "Status"\): status "Sleeping" is not known/);
    assert.match(r.stdout, /skipped +bad\.csv:4 \(row 4, column "Created"\): "yesterday" is not a time I can read/);
    lintClean(ws);
  });

  it('a file that is not valid JSON fails with its line and column and nothing is written; an item without an id is skipped at its pointer', () => {
    ws.write('broken.json', '{"incidents": [\n  {"id": "P1", "title": "a", "status": "resolved"},\n  {"id": "P2", "title": "b" "status": "resolved"}\n]}\n');
    const r = cli(ws.root, 'import', '--from', 'pagerduty', 'broken.json');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /failed +broken\.json:3:\d+: not valid JSON: .*\(in \/incidents\/1\); nothing is imported from this file/);
    assert.deepEqual([...records(ws).keys()], ['INC-041']);
    ws.write(
      'partial.json',
      JSON.stringify(
        {
          incidents: [
            { id: 'P1', title: 'Fine', status: 'resolved', created_at: '2024-01-01T00:00:00Z' },
            { title: 'No id', status: 'resolved' },
          ],
        },
        null,
        2,
      ),
    );
    const p = cli(ws.root, 'import', '--from', 'pagerduty', 'partial.json');
    assert.equal(p.code, 0);
    assert.match(p.stdout, /skipped +partial\.json \/incidents\/1: an incident needs id and title \(id missing\); skipped/);
    assert.equal(records(ws).size, 2);
  });

  it('a big export streams with a progress line on stderr', () => {
    const incidents = Array.from({ length: 4000 }, (_, n) => ({
      id: `P${n}`,
      title: `Latency above SLO ${n}`,
      status: 'resolved',
      created_at: '2024-01-01T00:00:00Z',
      resolved_at: '2024-01-01T01:00:00Z',
      description: 'x'.repeat(1200),
    }));
    ws.write('big.json', JSON.stringify({ incidents }));
    const r = cli(ws.root, 'import', '--from', 'pagerduty', '--dry-run', 'big.json');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.split('\n').filter((l) => /^reading [\d.]+ \/ [\d.]+ MB \(\d+ %\)$/.test(l));
    assert.ok(lines.length >= 5, r.stderr);
    assert.match(lines.at(-1)!, /\(100 %\)$/);
    assert.match(r.stdout, /4000 to create/);
  });

  it('--dry-run prints the plan and writes nothing; --json reports every item', () => {
    const dry = cli(ws.root, 'import', '--dry-run', join(FIX, 'pagerduty'));
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /2 to create, 0 to update, 0 unchanged, 0 skipped \(dry run: nothing written\)/);
    assert.deepEqual([...records(ws).keys()], ['INC-041']);
    const j = JSON.parse(cli(ws.root, 'import', '--json', '--dry-run', join(FIX, 'pagerduty')).stdout) as {
      dryRun: boolean;
      items: Array<{ status: string; id: string; source: { system: string } }>;
    };
    assert.equal(j.dryRun, true);
    assert.deepEqual(
      j.items.map((i) => [i.status, i.id, i.source.system]),
      [
        ['create', 'INC-042', 'pagerduty'],
        ['create', 'INC-043', 'pagerduty'],
      ],
    );
  });

  it('re-import is idempotent; a local edit stays; new upstream timeline entries are appended once', () => {
    const dir = join(ws.root, 'export');
    cpSync(join(FIX, 'pagerduty'), dir, { recursive: true });
    assert.equal(cli(ws.root, 'import', 'export').code, 0);
    const again = cli(ws.root, 'import', 'export');
    assert.match(again.stdout, /0 to create, 0 to update, 2 unchanged/);
    // A responder edits the title and the priority locally.
    const file = `.incidents/${bySource(ws, 'PRX4QZ7').id}.yaml`;
    ws.write(
      file,
      ws
        .read(file)
        .replace('title: Checkout latency above SLO', '# our wording\ntitle: Checkout p95 over 2 s after v2.14')
        .replace('priority: P1', 'priority: P2'),
    );
    // Upstream gains a note and the resolution.
    const log = JSON.parse(readFileSync(join(dir, 'log_entries.json'), 'utf8')) as { log_entries: unknown[] };
    log.log_entries.push({
      id: 'RNEW1',
      type: 'annotate_log_entry',
      summary: 'Note added',
      created_at: '2015-10-07T09:40:00Z',
      agent: { summary: 'Tomas Okafor' },
      channel: { type: 'note', summary: 'Rollback of v2.14 finished; p95 back to 380 ms.' },
      incident: { id: 'PRX4QZ7' },
    });
    writeFileSync(join(dir, 'log_entries.json'), JSON.stringify(log, null, 2));
    const third = cli(ws.root, 'import', 'export');
    assert.match(third.stdout, /updated +INC-043 +pagerduty #1235 .* — timeline: 1 item appended/);
    const after = ws.read(file);
    assert.match(after, /# our wording\ntitle: Checkout p95 over 2 s after v2\.14/);
    assert.match(after, /priority: P2/);
    assert.equal(after.match(/Rollback of v2\.14 finished/g)?.length, 1);
    const fourth = cli(ws.root, 'import', 'export');
    assert.match(fourth.stdout, /0 to create, 0 to update, 2 unchanged/);
    assert.equal(ws.read(file), after);
    lintClean(ws);
  });

  it('refuses to update a record that has errors, naming where; the file stays byte for byte', () => {
    assert.equal(cli(ws.root, 'import', join(FIX, 'pagerduty')).code, 0);
    const file = `.incidents/${bySource(ws, 'PRX4QZ7').id}.yaml`;
    const broken = ws.read(file).replace('status: active', 'status: sleeping');
    ws.write(file, broken);
    const log = JSON.parse(readFileSync(join(FIX, 'pagerduty', 'log_entries.json'), 'utf8')) as { log_entries: unknown[] };
    log.log_entries.push({
      id: 'RNEW2',
      type: 'annotate_log_entry',
      created_at: '2015-10-07T09:45:00Z',
      channel: { summary: 'x' },
      incident: { id: 'PRX4QZ7' },
    });
    ws.write('log.json', JSON.stringify(log));
    ws.write('inc.json', readFileSync(join(FIX, 'pagerduty', 'incidents.json'), 'utf8'));
    const r = cli(ws.root, 'import', '--from', 'pagerduty', 'inc.json', 'log.json');
    // The broken record is not an incident the index knows: the item is planned as new, and ids never clash.
    assert.equal(ws.read(file), broken);
    assert.doesNotMatch(r.stdout, /updated/);
  });
});

describe('our own export, imported into another repository', function () {
  this.timeout(30000);
  it('INC-023 and its action records come back: same id, fields, action records in the postmortem plan; lint clean', () => {
    const demo = new TempWorkspace(true);
    const other = new TempWorkspace();
    try {
      other.write('.incidents/.keep', '');
      const out = join(other.root, 'INC-023.md');
      assert.equal(cli(demo.root, 'export', 'INC-023', '-o', out).code, 0);
      const r = cli(other.root, 'import', out);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const original = parse(demo.read('.incidents/INC-023.yaml')) as Record<string, any>;
      const back = bySource(other, 'INC-023');
      assert.equal(back.id, 'INC-023', 'the id is kept when it is free');
      assert.deepEqual(back.source, { system: 'incident-lens', id: 'INC-023' });
      for (const k of ['title', 'status', 'priority', 'start', 'resolution', 'detected', 'learning']) assert.deepEqual(back[k], original[k], k);
      // The export writes the users' estimate only when there is no text about them.
      assert.deepEqual(back.impact, { ...original.impact, users: { text: original.impact.users.text } });
      assert.deepEqual(back.rootCause, original.rootCause);
      assert.equal(back.timeline.length, original.timeline.length);
      const originalActions = [...records(demo, '.incidents/actions').values()].filter((a) => a.incident === 'INC-023');
      const actions = [...records(other, '.incidents/actions').values()];
      assert.equal(actions.length, originalActions.length);
      for (const a of originalActions) {
        const got = actions.find((x) => x.id === a.id);
        assert.ok(got, String(a.id));
        for (const k of ['title', 'owner', 'deadline', 'status', 'term', 'acceptanceCriteria']) assert.deepEqual(got[k], a[k], `${a.id} ${k}`);
      }
      assert.deepEqual([...(back.postmortem.actionPlan as string[])].sort(), [...(original.postmortem.actionPlan as string[])].sort());
      lintClean(other);
      // Once more: nothing new.
      assert.match(cli(other.root, 'import', out).stdout, /0 to create, 0 to update, \d+ unchanged/);
    } finally {
      demo.dispose();
      other.dispose();
    }
  });
});

describe('Markdown postmortems: real published documents, field by field', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  before(() => {
    ws = new TempWorkspace();
    ws.write('.incidents/.keep', '');
    const r = cli(ws.root, 'import', join(FIX, 'markdown'));
    assert.equal(r.code, 0, r.stderr + r.stdout);
  });
  after(() => ws.dispose());
  const expected = (name: string) => JSON.parse(readFileSync(join(FIX, 'markdown', `${name}.expected.json`), 'utf8')) as Record<string, any>;
  const plain = (s: string) => s.replace(/`/g, '').replace(/\s+/g, ' ').trim();

  it('Google SRE book, Example Postmortem: every labelled field, 34 timeline entries in UTC, action items', () => {
    const e = expected('google-sre-example-postmortem');
    const r = bySource(ws, 'google-sre-example-postmortem.md');
    assert.equal(r.title, e.title);
    assert.equal(r.source.url, e.source);
    assert.equal(r.start, e.start, 'OUTAGE BEGINS is the start');
    assert.equal(r.resolution, e.end, 'OUTAGE ENDS is the resolution');
    assert.equal(r.rootCause.confirmed, e.rootCause);
    assert.equal(r.rootCause.trigger.text, e.trigger);
    assert.equal(r.detected.source, e.detection);
    assert.equal(r.detected.how, 'monitoring');
    assert.equal(r.impact.users.text, e.impact);
    assert.match(r.postmortem.summary, new RegExp(`^${e.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.equal(r.timeline.length, e.timeline.length);
    (r.timeline as Array<{ at: string; text: string }>).forEach((t, i) => {
      assert.equal(t.at, `2015-10-21T${e.timeline[i].at}:00Z`);
      assert.equal(plain(t.text), plain(e.timeline[i].text));
    });
    assert.deepEqual(
      (r.timeline as Array<{ milestone?: string }>).filter((t) => t.milestone).map((t) => t.milestone),
      ['mitigated', 'resolved'],
    );
    for (const lesson of ['What went well', 'Monitoring quickly alerted us', 'Where we got lucky']) assert.ok(r.learning.lesson.includes(lesson), lesson);
    const actions = [...records(ws, '.incidents/actions').values()].filter((a) => a.incident === r.id);
    assert.equal(actions.length, e.actionItems.length);
    for (const a of e.actionItems as Array<{ title: string; owner: string; state: string }>) {
      const got = actions.find((x) => x.title === a.title);
      assert.ok(got, a.title);
      assert.equal(got.owner, a.owner);
      assert.equal(got.status, a.state === 'DONE' ? 'done' : 'open');
    }
    assert.equal(r.priority, undefined, 'the document gives no priority');
  });

  it('GitLab, database outage of January 31 2017: approximate "± 17:20 UTC" times on the document\'s day, the 5 Whys as root cause, issues as planned actions', () => {
    const e = expected('gitlab-2017-01-31-database-outage');
    const r = bySource(ws, 'gitlab-2017-01-31-database-outage.md');
    assert.equal(r.title, e.title);
    assert.equal(r.timeline.length, e.timeline.length);
    (r.timeline as Array<{ at: string; text: string }>).forEach((t, i) => {
      assert.equal(t.at, `~2017-01-31T${/(\d{2}:\d{2})/.exec(e.timeline[i].at)![1]}:00Z`);
      assert.ok(plain(t.text).startsWith(plain(e.timeline[i].text).replace(/\.$/, '')), `${t.text} / ${e.timeline[i].text}`);
    });
    assert.match(r.rootCause.confirmed, new RegExp(e.rootCause.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const plan = r.postmortem.actionPlan as Array<{ title: string }>;
    assert.equal(plan.length, e.actionItems.length, 'no state given: planned actions, not records');
    for (const a of e.actionItems as Array<{ title: string }>)
      assert.ok(
        plan.some((p) => p.title.startsWith(a.title)),
        a.title,
      );
    assert.match(r.__text, /# not imported \(no field holds them; see the source\): sections "Database Setup" \(line 11\)/);
  });

  it('Cloudflare, 18 November 2025: the timeline table found under another heading, UTC from "all times in this blog are UTC"', () => {
    const e = expected('cloudflare-2025-11-18-outage');
    const r = bySource(ws, 'cloudflare-2025-11-18-outage.md');
    assert.equal(r.title, e.title);
    assert.equal(r.timeline.length, e.timeline.length);
    (r.timeline as Array<{ at: string; text: string }>).forEach((t, i) => {
      assert.equal(t.at, `2025-11-18T${/(\d{2}:\d{2})/.exec(e.timeline[i].at)![1]}:00Z`);
      assert.ok(plain(t.text).includes(plain(e.timeline[i].text)), `${t.text} / ${e.timeline[i].text}`);
    });
    assert.equal(r.resolution, e.end);
    // The text says 11:20, the table's "Impact starts." row 11:28: the record follows the timeline it holds, and says so.
    assert.equal(r.start, '2025-11-18T11:28:00Z');
    assert.match(r.__text, /# start: "Impact starts\./);
  });

  it('all three lint clean of errors; missing priorities are warnings naming the source', () => {
    const out = lintClean(ws);
    assert.match(out, /warning priority: priority is not set: markdown \(google-sre-example-postmortem\.md\) gave none/);
  });
});

describe('import readers', () => {
  it('JSON items come out whole whatever the chunk boundaries (inside strings, escapes, numbers)', () => {
    const doc = JSON.stringify(
      {
        incidents: [
          { id: 'a', t: 'x "quoted" \\ [not] {an} array', n: [1, [2, 3]] },
          { id: 'b', u: 'é ✓' },
        ],
        log_entries: [{ id: 'l' }],
        more: false,
      },
      null,
      1,
    );
    for (const size of [1, 2, 3, 7, 64]) {
      const s = new JsonItemScanner(new Set(['incidents', 'log_entries']));
      const items = [];
      for (let i = 0; i < doc.length; i += size) items.push(...s.feed(doc.slice(i, i + size)));
      s.end();
      assert.deepEqual(
        items.map((i) => [i.pointer, (i.value as { id: string }).id]),
        [
          ['/incidents/0', 'a'],
          ['/incidents/1', 'b'],
          ['/log_entries/0', 'l'],
        ],
        `chunks of ${size}`,
      );
      assert.deepEqual((items[0]!.value as { n: unknown }).n, [1, [2, 3]]);
    }
    const top = new JsonItemScanner(new Set());
    assert.deepEqual(
      top.feed('[{"id":1},{"id":2}]').map((i) => i.pointer),
      ['/0', '/1'],
    );
    for (const [bad, where] of [
      ['{"incidents": [{"id": 1}', /open/],
      ['{"incidents": [1,]}', /in \/incidents\/1|unexpected/],
      ['{"a": 1}}', /after the end|closes/],
    ] as const) {
      assert.throws(
        () => {
          const s = new JsonItemScanner(new Set(['incidents']));
          s.feed(bad);
          s.end();
        },
        (err: unknown) => err instanceof JsonSyntaxError && where.test(err.message),
      );
    }
  });

  it('CSV rows: quotes, doubled quotes and line breaks across chunk boundaries; rows keep their first line', () => {
    const text = 'a,b\r\n"x, y","say ""hi""\nthere"\n3,4';
    for (const size of [1, 2, 5, 100]) {
      const r = new CsvRowReader();
      const rows = [];
      for (let i = 0; i < text.length; i += size) rows.push(...r.feed(text.slice(i, i + size)));
      const last = r.end();
      if (last && !('error' in last)) rows.push(last);
      assert.deepEqual(
        rows.map((x) => [x.line, ...x.cells]),
        [
          [1, 'a', 'b'],
          [2, 'x, y', 'say "hi"\nthere'],
          [4, '3', '4'],
        ],
        `chunks of ${size}`,
      );
    }
    const open = new CsvRowReader();
    open.feed('a\n"never closed');
    assert.deepEqual(open.end(), { error: 'the file ends inside a quoted field (a " was never closed)', line: 2 });
  });

  it('formats are told from names and first bytes', () => {
    assert.equal(detectFormat('x.md', ''), 'markdown');
    assert.equal(detectFormat('x.csv', ''), 'csv');
    for (const [dir, file, format] of [
      ['incidentio', 'incidents.json', 'incident-io'],
      ['incidentio', 'follow_ups.json', 'incident-io'],
      ['pagerduty', 'incidents.json', 'pagerduty'],
      ['pagerduty', 'log_entries.json', 'pagerduty'],
      ['statuspage', 'incidents.json', 'statuspage'],
    ] as const) {
      assert.equal(detectFormat(file, readFileSync(join(FIX, dir, file), 'utf8').slice(0, 65536)), format, `${dir}/${file}`);
    }
    assert.equal(detectFormat('x.json', '{"a": 1}'), undefined);
  });

  it('a postmortem with the usual timeline shapes and headings in another order and level', () => {
    const doc = [
      '# Checkout outage',
      '',
      '### Timeline (all times UTC)',
      '',
      '- 14:37 — Alert fired: checkout 5xx above 5%',
      '- **14:39** - On-call acknowledged',
      '',
      '| Time | Event |',
      '| --- | --- |',
      '| 14:52 | Rolled back the 14:15 deploy |',
      '',
      '**2024-03-18 15:10 UTC** Impact ends: error rate back to 0.2%',
      '',
      '#### Root Causes',
      '',
      'The webhook handler returned a `Decimal` where Stripe expects an integer.',
      '',
      '**Severity**: SEV2',
      '',
      '**Date**: 2024-03-18',
      '',
      '## Follow-ups',
      '',
      '- [x] Add input validation (Ali)',
      '- [ ] Document the rollback',
    ].join('\n');
    const { drafts, problems } = parseMarkdownPostmortem(doc, { file: 'checkout.md' });
    assert.deepEqual(problems, []);
    const r = drafts[0]!.record as Record<string, any>;
    assert.equal(r.title, 'Checkout outage');
    assert.deepEqual(
      (r.timeline as Array<{ at: string; text: string }>).map((t) => [t.at, t.text]),
      [
        ['2024-03-18T14:37:00Z', 'Alert fired: checkout 5xx above 5%'],
        ['2024-03-18T14:39:00Z', 'On-call acknowledged'],
        ['2024-03-18T14:52:00Z', 'Rolled back the 14:15 deploy'],
        ['2024-03-18T15:10:00Z', 'Impact ends: error rate back to 0.2%'],
      ],
    );
    assert.equal(r.resolution, '2024-03-18T15:10:00Z');
    assert.equal(r.start, '2024-03-18T14:37:00Z');
    assert.equal(r.priority, 'P2');
    assert.ok(drafts[0]!.notes.includes('priority: P2 read from "SEV2"'), drafts[0]!.notes.join('\n'));
    assert.equal(r.rootCause.confirmed, 'The webhook handler returned a `Decimal` where Stripe expects an integer.');
    assert.deepEqual(
      drafts[0]!.actions.map((a) => [a.title, a.status]),
      [
        ['Add input validation (Ali)', 'done'],
        ['Document the rollback', 'open'],
      ],
    );
  });

  it('inline Markdown to text: emphasis and links unwrapped, escapes undone, code kept', () => {
    assert.equal(
      inlineText('**OUTAGE BEGINS** — see _https://monitor_ and [runbook](https://x/rb)'),
      'OUTAGE BEGINS — see https://monitor and runbook (https://x/rb)',
    );
    assert.equal(
      inlineText('a regex \\`.\\*(?:.\\*=.\\*)\\` and `code_here` with snake_case_name'),
      'a regex `.*(?:.*=.*)` and `code_here` with snake_case_name',
    );
    assert.equal(inlineText('\\# not a heading, 1\\. not a list'), '# not a heading, 1. not a list');
  });
});
