/**
 * The CLI's machine-readable output on the demo and the real postmortem
 * fixtures, written one file per command, so a refactoring can prove it
 * changed no behaviour: run it before and after, then compare the folders.
 *
 *   node out/scripts/check/cliSnapshot.js OUT_DIR          write the snapshot
 *   node out/scripts/check/cliSnapshot.js --compare A B    exit 1 on any difference
 *
 * The clock is fixed (INCIDENT_LENS_NOW), the demo copied to a temporary folder
 * and given its real git history, so every run sees the same input.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeDemoHistory } from '../../src/node/git/demoHistory';

const REPO = join(__dirname, '..', '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const NOW = '2026-12-01T12:00:00Z';

function run(args: string[], cwd: string): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, INCIDENT_LENS_NOW: NOW, NO_COLOR: '1' } });
  // Temporary paths differ run to run: the workspace is written as <ws>, and this checkout (wherever it is) as <repo>.
  const clean = (text: string) => text.split(cwd).join('<ws>').split(relative(cwd, REPO)).join('<repo>').split(REPO).join('<repo>');
  return `exit ${r.status}\n--- stdout\n${clean(r.stdout)}\n--- stderr\n${clean(r.stderr)}`;
}

function snapshot(out: string): void {
  mkdirSync(out, { recursive: true });
  const base = mkdtempSync(join(tmpdir(), 'incident-lens-snapshot-'));
  try {
    const demo = join(base, 'demo');
    cpSync(join(REPO, 'examples', 'payments-demo'), demo, { recursive: true });
    writeDemoHistory(demo);
    const cases: Array<[string, string[]]> = [
      ['lint', ['lint', '--format', 'json']],
      ['list', ['list', '--json']],
      ['show-INC-023', ['show', 'INC-023', '--json']],
      ['show-INC-031', ['show', 'INC-031', '--json']],
      ['show-action', ['show', 'ACTION-INC023-1', '--json']],
      ['search', ['search', 'stripe webhook', '--json']],
      ['similar', ['similar', 'INC-023', '--json']],
      ['risk-file', ['risk', 'src/payments/stripeWebhook.ts', '--json']],
      ['risk-sarif', ['risk', 'src/payments/stripeWebhook.ts', '--format', 'sarif']],
      ['metrics', ['metrics', '--json']],
      ['metrics-csv', ['metrics', '--format', 'csv']],
      ['hotspots', ['hotspots', '--json']],
      ['runbooks', ['runbooks', '--json']],
      ['export', ['export', 'INC-023']],
      ['instructions-check', ['instructions', '--check', '--json']],
      ['suggest', ['suggest', 'INC-023', '--json']],
      ['review-list', ['review', '--list', '--json']],
    ];
    for (const [name, args] of cases) writeFileSync(join(out, `demo-${name}.txt`), run(args, demo));
    // Every Markdown postmortem fixture through the importer's preview.
    const importWs = join(base, 'import');
    mkdirSync(join(importWs, '.incidents'), { recursive: true });
    for (const dir of ['markdown', 'markdown-real']) {
      const folder = join(REPO, 'test', 'fixtures', 'import', dir);
      for (const f of readdirSync(folder)
        .filter((n) => n.endsWith('.md') && n !== 'SOURCES.md' && n !== 'README.md')
        .sort()) {
        writeFileSync(
          join(out, `import-${dir}-${f}.txt`),
          run(['import', '--from', 'markdown', '--dry-run', '--json', join(folder, f)], importWs)
            .split(REPO)
            .join('<repo>'),
        );
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

function compare(a: string, b: string): number {
  const names = [...new Set([...readdirSync(a), ...readdirSync(b)])].sort();
  let differ = 0;
  for (const n of names) {
    const x = (() => {
      try {
        return readFileSync(join(a, n), 'utf8');
      } catch {
        return undefined;
      }
    })();
    const y = (() => {
      try {
        return readFileSync(join(b, n), 'utf8');
      } catch {
        return undefined;
      }
    })();
    if (x !== y) {
      differ++;
      console.log(`differs: ${n}`);
    }
  }
  console.log(`${names.length} outputs compared, ${differ} differ`);
  return differ ? 1 : 0;
}

const args = process.argv.slice(2);
if (args[0] === '--compare') process.exitCode = compare(args[1]!, args[2]!);
else if (args[0]) snapshot(args[0]);
else {
  console.error('usage: cliSnapshot OUT_DIR | --compare A B');
  process.exitCode = 2;
}
