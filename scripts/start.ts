/**
 * npm start: open the demo workspace in a VS Code with the extension loaded.
 *   1. the `code` CLI, when present (Extension Development Host);
 *   2. otherwise a VS Code downloaded by @vscode/test-electron;
 *   3. otherwise (offline machines) code-server on 127.0.0.1, URL printed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode } from '@vscode/test-electron';
import { CodeServer, TOOLS } from '../test/harness/codeServer';
import { recentDemoRecord } from '../src/core/time/demoShift';
import { writeDemoHistory } from '../src/node/git/demoHistory';

const REPO = resolve(__dirname, '..', '..');
const SOURCE = join(REPO, 'examples', 'payments-demo');
/** A copy (git-ignored), made once: what you try in it never changes the repository's example. */
const DEMO = join(REPO, '.demo', 'payments-demo');

/** Copies the demo on first use, its active incident moved to the last day (see src/core/time/demoShift.ts). */
function prepareDemo(): void {
  if (existsSync(DEMO)) return;
  cpSync(SOURCE, DEMO, { recursive: true });
  const records = join(DEMO, '.incidents');
  for (const name of readdirSync(records).filter((n) => /\.ya?ml$/.test(n))) {
    const text = readFileSync(join(records, name), 'utf8');
    const recent = recentDemoRecord(text, Date.now());
    if (recent !== text) writeFileSync(join(records, name), recent);
  }
  // A real history: INC-023's 14:15 deploy, its revert and the fix (Suggest Code Links from Git History… reads it).
  writeDemoHistory(DEMO);
  console.log(`Demo workspace copied to ${DEMO} (delete it to start over).`);
}

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function devHost(executable: string): void {
  console.log(`Opening ${DEMO} in ${executable} with the extension from ${REPO}`);
  spawn(executable, [`--extensionDevelopmentPath=${REPO}`, DEMO], { stdio: 'inherit', detached: true }).unref();
}

async function downloadedVsCode(): Promise<string | undefined> {
  try {
    const timeout = new Promise<undefined>((r) => setTimeout(() => r(undefined), 30_000));
    return await Promise.race([downloadAndUnzipVSCode('stable'), timeout]);
  } catch (err) {
    console.log(`No VS Code download (${err instanceof Error ? err.message.split('\n')[0] : String(err)}).`);
    return undefined;
  }
}

async function codeServer(): Promise<boolean> {
  // Offline machines: set code-server up on first use (idempotent; the prerequisites were checked by npm start).
  const setup = spawnSync('bash', [join(REPO, 'scripts', 'setup-code-server.sh')], { stdio: 'inherit' });
  if (setup.status !== 0 || !existsSync(join(TOOLS, 'code-server'))) return false;
  const vsix = join(REPO, 'incident-lens.vsix');
  const server = new CodeServer({ workspace: DEMO, extensions: [vsix], logDir: join(REPO, '.test-results', 'start') });
  const url = await server.start();
  console.log(`\nIncident Lens is running in code-server (VS Code in the browser):\n\n  ${url}\n\nOpen that URL in a browser. Ctrl+C stops it.`);
  const stop = () => {
    void server.stop().then(() => {
      server.dispose();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => undefined);
  return true;
}

async function main(): Promise<void> {
  prepareDemo();
  if (onPath('code')) return devHost('code');
  const downloaded = await downloadedVsCode();
  if (downloaded) return devHost(downloaded);
  if (await codeServer()) return;
  console.error(
    'Nothing can run VS Code here: install VS Code (the `code` command), allow @vscode/test-electron to download it, ' +
      'or let scripts/setup-code-server.sh install code-server (its output above says what failed).',
  );
  process.exit(1);
}

void main();
