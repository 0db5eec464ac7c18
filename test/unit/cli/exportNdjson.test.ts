/**
 * `export --all --format ndjson` into a warehouse: every line is a record in
 * the JSON Schema's shape (checked with ajv), and DuckDB, reading the file as
 * it is, finds the same incidents per month and the same median time to
 * resolve as `incident-lens metrics`.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { DuckDBInstance } from '@duckdb/node-api';
import { Writable } from 'node:stream';
import { exportAll } from '../../../src/cli/commands/exportAll';
import { run } from '../../../src/cli/main';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';

/** Deterministic variety: offsets that move the UTC month, resolution by milestone or by field, active ones. */
function incident(n: number): string {
  const offsets = ['+00:00', '-05:00', '+09:30', '+03:00'];
  const month = (n % 7) + 1;
  const day = n % 3 === 0 ? 28 : (n % 27) + 1;
  const hour = n % 5 === 0 ? 23 : 8 + (n % 10);
  const start = `2026-0${month}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String((n * 7) % 60).padStart(2, '0')}:00${offsets[n % 4]}`;
  const startMs = Date.parse(start);
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const resolvedMs = startMs + (30 + ((n * 37) % 600)) * 60_000;
  const active = n % 11 === 0;
  const byMilestone = n % 2 === 0;
  const lines = [
    `id: INC-${String(n).padStart(3, '0')}`,
    `title: "Incident ${n}: the queue's \\"retry\\" storm"`,
    `status: ${active ? 'active' : 'resolved'}`,
    `priority: P${(n % 4) + 1}`,
    `start: "${start}"`,
  ];
  if (!active) lines.push(`resolution: "${iso(byMilestone ? resolvedMs + 3_600_000 : resolvedMs)}"`);
  lines.push(
    'timeline:',
    `  - at: "${iso(startMs + 60_000)}"`,
    '    kind: event',
    '    milestone: detected',
    '    text: |',
    '      Alert fired.',
    '      Second line.',
  );
  if (!active && byMilestone) lines.push(`  - at: "${iso(resolvedMs)}"`, '    kind: action', '    milestone: resolved', '    text: Fixed.');
  lines.push('links:', `  - path: src/service${n % 5}.ts`);
  return `${lines.join('\n')}\n`;
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('export --all --format ndjson (CLI): every record for a warehouse', () => {
  const ws = new TempWorkspace();
  const COUNT = 120;
  before(() => {
    for (let n = 1; n <= COUNT; n++) ws.write(`.incidents/INC-${String(n).padStart(3, '0')}.yaml`, incident(n));
    ws.write('.incidents/INC-999.yaml', 'id: INC-999\ntitle: [broken\n');
  });

  it('streams one record a line, each valid against the JSON Schema, the broken one counted', async () => {
    const file = join(ws.root, 'incidents.ndjson');
    const r = await cli(['export', '--all', '--format', 'ndjson', '--root', ws.root, '-o', file]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /exported 120 incident records; 1 with errors left out/);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, COUNT);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'incident.schema.json'), 'utf8')) as object);
    for (const line of lines) assert.ok(validate(JSON.parse(line)), `${line.slice(0, 80)}: ${ajv.errorsText(validate.errors)}`);
    const first = JSON.parse(lines[0]!) as { id: string; timeline: Array<{ text: string }> };
    assert.equal(first.id, 'INC-001');
    assert.equal(first.timeline[0]!.text, 'Alert fired.\nSecond line.\n');
    // To stdout: the same lines.
    const chunks: string[] = [];
    const sink = new Writable({ write: (c: Buffer, _e, done) => (chunks.push(c.toString()), done()) });
    await exportAll({ root: ws.root, format: 'ndjson' }, { out: () => undefined, err: () => undefined }, sink);
    assert.equal(chunks.join(''), readFileSync(file, 'utf8'));
  });

  it('loaded into DuckDB: incidents per month and median time to resolve equal metrics', async function () {
    this.timeout(60_000);
    const file = join(ws.root, 'incidents.ndjson');
    await cli(['export', '--all', '--format', 'ndjson', '--root', ws.root, '-o', file]);
    const metrics = JSON.parse((await cli(['metrics', '--json', '--root', ws.root])).out) as {
      rows: Array<{ group: string; incidents: number; figures: { timeToResolve: { median?: number } } }>;
    };
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    // Month as the record writes its start (its own offset); resolved = the "resolved" milestone's time, else resolution.
    const sql = `
      WITH r AS (
        SELECT id, "start", resolution,
               (SELECT min(e."at") FROM unnest(timeline) AS t(e) WHERE e.milestone = 'resolved') AS resolved_at
        FROM read_json('${file.replace(/'/g, "''")}', format = 'newline_delimited', columns = {id: 'VARCHAR', "start": 'VARCHAR', resolution: 'VARCHAR', timeline: 'STRUCT("at" VARCHAR, milestone VARCHAR)[]'})
      )
      SELECT substr("start", 1, 7) AS month, count(*)::INTEGER AS incidents,
             median(round((epoch(coalesce(resolved_at, resolution)::TIMESTAMPTZ) - epoch("start"::TIMESTAMPTZ)) / 60))::DOUBLE AS ttr
      FROM r GROUP BY month ORDER BY month`;
    const rows = (await c.runAndReadAll(sql)).getRowObjects() as Array<{ month: string; incidents: number; ttr: number | null }>;
    c.closeSync();
    const expected = metrics.rows
      .filter((m) => m.incidents > 0)
      .map((m) => ({ month: m.group, incidents: m.incidents, ttr: m.figures.timeToResolve.median ?? null }));
    assert.equal(
      rows.reduce((s, r) => s + r.incidents, 0),
      COUNT,
    );
    assert.deepEqual(
      rows.map((r) => ({ month: r.month, incidents: r.incidents, ttr: r.ttr })),
      expected,
    );
  });
});
