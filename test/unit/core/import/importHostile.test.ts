/**
 * Hostile inputs to the importers (issue 27, Low): linear-time reading of
 * Markdown, memory a small multiple of a CSV's size, and vendor items whose
 * values are prototype keys. Each goes through readImport, the path the CLI
 * and the extension use.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../support/workspace';
import { readImport, type ImportFile } from '../../../../src/core/import/read';

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'import');
const fixture = (name: string) => readFileSync(join(DIR, name), 'utf8');

function textFile(path: string, text: string, chunk = 65536): ImportFile {
  return {
    path,
    size: text.length,
    chunks: async function* () {
      for (let i = 0; i < text.length; i += chunk) yield text.slice(i, i + chunk);
    },
  };
}

describe('importers on hostile input (issue 27)', function () {
  this.timeout(60000);

  it('Markdown: 100 kB lines of spaces, backticks, asterisks, pipes, digits and brackets are read in linear time', async () => {
    const n = 100_000;
    const lines = [
      fixture('heading-100kb-spaces.md'),
      `# t\n\n## Timeline\n\n- ${'`'.repeat(n)}\n`,
      `# t\n\n${'**a '.repeat(n / 4)}\n`,
      `# t\n\n## Timeline\n\n| time | event |\n|---|---|\n|${' |'.repeat(n / 2)}\n`,
      `# t\n\n## Summary\n\nbetween ${'12:00 '.repeat(n / 6)}\n`,
      `# t\n\n## Timeline\n\n- **${'1'.repeat(n)}\n`,
      `# t\n\n[${'['.repeat(n)}](\n`,
      `# t\n\n${'_a '.repeat(n / 3)}\n`,
      `# ${'#'.repeat(5)}${' #'.repeat(n / 2)}x\n`,
      `# t\n\nAll times in ${'US/'.repeat(n / 3)}\n`,
      `# t\n\n${'<!--'.repeat(n / 4)}\n`,
      `# t\n\n## Timeline\n\n${'- 12:00 x\n'.repeat(n / 10)}`,
      `# t\n\n## Summary\n\n${'On 2025-01-01 at 10:00 UTC it went down. '.repeat(n / 40)}\n`,
    ];
    for (const [i, text] of lines.entries()) {
      const t0 = Date.now();
      const r = await readImport([textFile(`hostile-${i}.md`, text)], { format: 'markdown' });
      const ms = Date.now() - t0;
      assert.ok(ms < 1500, `case ${i} took ${ms} ms`);
      assert.ok(r.drafts.length + r.problems.length >= 1);
    }
  });

  it('CSV: a 20 MB cell costs memory a small multiple of its size', async () => {
    const head = fixture('csv-huge-cell.csv');
    const size = 20 * 1024 * 1024;
    const chunk = 'x'.repeat(65536);
    const file: ImportFile = {
      path: 'csv-huge-cell.csv',
      size: head.length + size + 2,
      chunks: async function* () {
        yield head;
        for (let i = 0; i < size; i += chunk.length) yield chunk;
        yield '"\n';
      },
    };
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const r = await readImport([file], { format: 'csv', csv: { columns: { id: 'Issue key', title: 'Summary', status: 'Status', summary: 'Description' } } });
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    assert.equal(r.drafts.length, 2);
    const cell = ((r.drafts[1]!.record.postmortem as { summary: string }).summary ?? '').length;
    assert.equal(cell, size);
    // A flat string of 20 MB is 20 MB (one byte a character); the old reader built a rope of ~835 MB.
    assert.ok(peak - before < 8 * size, `heap grew ${Math.round((peak - before) / 1048576)} MB for a 20 MB cell`);
  });

  it('Statuspage: statuses named constructor, __proto__ or toString are positioned problems, the rest is imported', async () => {
    const text = fixture('statuspage-prototype-status.json');
    const r = await readImport([textFile('statuspage-prototype-status.json', text)], { format: 'statuspage' });
    assert.deepEqual(r.failed, []);
    assert.deepEqual(
      r.drafts.map((d) => d.source.id),
      ['sp-ok'],
    );
    assert.deepEqual(
      r.problems.map((p) => p.where),
      ['statuspage-prototype-status.json /incidents/0', 'statuspage-prototype-status.json /incidents/1', 'statuspage-prototype-status.json /incidents/2'],
    );
    for (const p of r.problems) assert.match(p.message, /is not a Statuspage incident status; skipped/);
  });

  it('PagerDuty, incident.io and CSV value maps: prototype keys are unknown values, not crashes', async () => {
    const pd = JSON.stringify({
      incidents: [
        { id: 'P1', title: 'x', status: 'constructor', created_at: '2025-01-01T10:00:00Z' },
        { id: 'P2', title: 'y', status: 'resolved', created_at: '2025-01-01T10:00:00Z' },
      ],
    });
    const r1 = await readImport([textFile('pd.json', pd)], { format: 'pagerduty' });
    assert.deepEqual([r1.drafts.length, r1.problems.length], [1, 1]);
    const io = JSON.stringify({
      incidents: [{ id: 'I1', name: 'x', incident_status: { category: '__proto__' } }],
      follow_ups: [{ id: 'F1', title: 'f', incident_id: 'I1', status: 'toString' }],
    });
    const r2 = await readImport([textFile('io.json', io)], { format: 'incident-io' });
    assert.equal(r2.drafts.length, 0);
    assert.ok(r2.problems.length >= 2);
    const csv = 'Key,Summary,Status,Priority\nA,x,constructor,__proto__\nB,y,Resolved,P2\n';
    const r3 = await readImport([textFile('x.csv', csv)], {
      format: 'csv',
      csv: { columns: { id: 'Key', title: 'Summary', status: 'Status', priority: 'Priority' }, statuses: {}, priorities: {} },
    });
    assert.deepEqual(
      r3.drafts.map((d) => d.source.id),
      ['B'],
    );
    assert.match(r3.problems[0]!.message, /status "constructor" is not known/);
  });
});
