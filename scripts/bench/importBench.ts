/**
 * npm run bench:import [-- --mb 50]
 *
 * A PagerDuty export of about 50 MB (incidents and their log entries, in
 * the documented shapes) is read as a stream, planned against an empty
 * workspace, and the first 2,000 records written; prints the time of each
 * step, the progress callbacks, and the peak memory (RSS and heap), against
 * a baseline that reads the same file whole with JSON.parse.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planImport } from '../../src/core/import/plan';
import { readImport } from '../../src/core/import/read';
import { importFile, writePlan } from '../../src/node/importFiles';

const mbAt = process.argv.indexOf('--mb');
const mb = mbAt >= 0 ? Number(process.argv[mbAt + 1]) : 50;
const dir = mkdtempSync(join(tmpdir(), 'il-import-bench-'));

function generate(): { file: string; incidents: number; bytes: number } {
  const file = join(dir, 'pagerduty.json');
  const parts: string[] = ['{"incidents": [\n'];
  let bytes = 0;
  let n = 0;
  const logs: string[] = [];
  while (bytes < mb * 1024 * 1024) {
    const id = `P${String(n).padStart(6, '0')}`;
    const created = new Date(Date.UTC(2020, 0, 1) + n * 3_600_000).toISOString().replace('.000', '');
    const inc = {
      id,
      type: 'incident',
      summary: `[#${n}] Checkout latency above SLO in region ${n % 17}`,
      self: `https://api.pagerduty.com/incidents/${id}`,
      html_url: `https://acme.pagerduty.com/incidents/${id}`,
      incident_number: n,
      title: `Checkout latency above SLO in region ${n % 17}`,
      description: 'p95 latency above 2 s for 10 minutes; the payment provider answered slowly after the 09:05 deploy of checkout v2.14.',
      created_at: created,
      status: n % 5 ? 'resolved' : 'acknowledged',
      incident_key: `key-${n}`,
      service: { id: 'PSVC1', type: 'service_reference', summary: 'Checkout API' },
      assignments: [{ at: created, assignee: { id: 'PU1', type: 'user_reference', summary: 'Tomas Okafor' } }],
      last_status_change_at: created,
      resolved_at: n % 5 ? created.replace(/T(\d\d)/, (_, h) => `T${String((Number(h) + 1) % 24).padStart(2, '0')}`) : null,
      urgency: 'high',
      priority: { id: 'PPRI1', type: 'priority_reference', summary: `P${(n % 4) + 1}` },
    };
    const text = `${n ? ',\n' : ''}${JSON.stringify(inc, null, 2)}`;
    parts.push(text);
    bytes += text.length;
    for (const [k, type] of ['trigger_log_entry', 'acknowledge_log_entry', 'annotate_log_entry', 'resolve_log_entry'].entries()) {
      const at = new Date(Date.parse(created) + k * 60_000).toISOString().replace('.000', '');
      const e = JSON.stringify(
        {
          id: `L${n}-${k}`,
          type,
          summary: type,
          created_at: at,
          agent: { summary: 'Tomas Okafor' },
          channel: { type: 'note', summary: 'Latency tracks the deploy; rolling back.' },
          incident: { id },
        },
        null,
        2,
      );
      logs.push(e);
      bytes += e.length + 2;
    }
    n++;
  }
  parts.push('\n], "log_entries": [\n', logs.join(',\n'), '\n], "limit": 100, "offset": 0, "more": false}\n');
  const all = parts.join('');
  writeFileSync(file, all);
  return { file, incidents: n, bytes: all.length };
}

async function main(): Promise<void> {
  const { file, incidents, bytes } = generate();
  global.gc?.();
  console.log(
    `\nImport benchmark: a PagerDuty export of ${(bytes / 1048576).toFixed(1)} MB (${incidents} incidents, ${incidents * 4} log entries), Node ${process.version}\n`,
  );
  let peakRss = 0;
  let peakHeap = 0;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const rss0 = process.memoryUsage().rss;
  let calls = 0;
  const t0 = performance.now();
  const r = await readImport([await importFile(file, 'pagerduty.json')], { format: 'pagerduty', onProgress: () => calls++ });
  const tRead = performance.now() - t0;
  const t1 = performance.now();
  const plan = planImport(r.drafts, { incidents: [], actions: [], ids: [] }, { folder: '.incidents', actionsFolder: '.incidents/actions' });
  const tPlan = performance.now() - t1;
  const ws = mkdtempSync(join(tmpdir(), 'il-import-ws-'));
  const t2 = performance.now();
  await writePlan(ws, plan.slice(0, 2000));
  const tWrite = performance.now() - t2;
  clearInterval(sample);
  const stream = { peakRss, peakHeap };
  // Baseline: the whole file read and parsed at once.
  global.gc?.();
  peakRss = 0;
  peakHeap = 0;
  const sample2 = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const t3 = performance.now();
  const whole = JSON.parse(await readFile(file, 'utf8')) as { incidents: unknown[] };
  const tWhole = performance.now() - t3;
  clearInterval(sample2);
  const row = (name: string, value: string) => console.log(`${name.padEnd(62)} ${value}`);
  row('read and map (streamed, 1 MB chunks)', `${tRead.toFixed(0)} ms`);
  row('  drafts / skipped / failed files', `${r.drafts.length} / ${r.problems.length} / ${r.failed.length}`);
  row('  progress callbacks', String(calls));
  row('plan (ids, texts, every new record parsed back)', `${tPlan.toFixed(0)} ms (${plan.length} records)`);
  row('write the first 2,000 records', `${tWrite.toFixed(0)} ms (${(tWrite / 2000).toFixed(2)} ms a record)`);
  row('peak RSS while importing (start of run)', `${(stream.peakRss / 1048576).toFixed(0)} MB (${(rss0 / 1048576).toFixed(0)} MB)`);
  row('peak heap while importing', `${(stream.peakHeap / 1048576).toFixed(0)} MB`);
  row(
    `baseline: JSON.parse of the whole file (${whole.incidents.length} incidents)`,
    `${tWhole.toFixed(0)} ms, peak heap ${(peakHeap / 1048576).toFixed(0)} MB`,
  );
  rmSync(dir, { recursive: true, force: true });
  rmSync(ws, { recursive: true, force: true });
}

void main();
