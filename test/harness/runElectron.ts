/**
 * Runner 1: the standard way, with @vscode/test-electron. It downloads a VS
 * Code build, so it works on a connected machine (contributors, other CI) and
 * not on the offline machines this project's own CI uses (runIntegration.ts).
 * Same test files: out/integration/tests/*.test.js through electronEntry.ts.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO } from './codeServer';

async function main(): Promise<void> {
  execFileSync(process.execPath, [join(REPO, 'esbuild.mjs')], { cwd: REPO, stdio: 'inherit' });
  const workspace = join(mkdtempSync(join(tmpdir(), 'incident-lens-electron-')), 'payments-demo');
  cpSync(join(REPO, 'examples', 'payments-demo'), workspace, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: workspace });
  execFileSync('git', ['-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.invalid', 'add', '-A'], { cwd: workspace });
  execFileSync('git', ['-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.invalid', 'commit', '-qm', 'fixture'], { cwd: workspace });
  await runTests({
    extensionDevelopmentPath: REPO,
    extensionTestsPath: join(REPO, 'out', 'integration', 'tests', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((err: unknown) => {
  console.error(`test-electron: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
