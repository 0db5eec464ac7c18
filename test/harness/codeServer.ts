/**
 * A real VS Code for tests on machines without a VS Code download: code-server
 * (VS Code 1.139 server + web workbench) on loopback, driven by Debian's
 * Chromium through playwright-core. See shared/guides/real-vscode-offline.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO = resolve(__dirname, '..', '..', '..');
export const TOOLS = process.env.INCIDENT_LENS_TOOLS ?? join(REPO, '.tools');
const NODE24 = join(TOOLS, 'node24', 'node_modules', 'node', 'bin', 'node');
const ENTRY = join(TOOLS, 'code-server', 'lib', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.INCIDENT_LENS_CHROMIUM ?? '/usr/bin/chromium';

export function checkTools(): void {
  const problems: string[] = [];
  if (!existsSync(NODE24) || !existsSync(ENTRY)) problems.push(`code-server is not installed in ${TOOLS}: run bash scripts/setup-code-server.sh`);
  if (!existsSync(CHROMIUM)) problems.push(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  if (problems.length) throw new Error(problems.join('\n'));
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => res(port));
    });
  });
}

export interface CodeServerOptions {
  /** Workspace folder to open. */
  workspace: string;
  /** .vsix files to install before start. */
  extensions: string[];
  /** Where logs go (kept for failure analysis). */
  logDir: string;
  trustWorkspace?: boolean;
  /** settings.json content for the user. */
  userSettings?: Record<string, unknown>;
  env?: Record<string, string>;
}

/**
 * The tests' clock: the demo's active incident (INC-031, started 2026-11-26
 * 09:12 +01:00) is two hours old, one action of INC-023 is long overdue and
 * INC-031's are not yet. The extension reads it from INCIDENT_LENS_NOW (see
 * src/core/time/clock.ts); time runs on from there at the real pace.
 */
export const TEST_NOW = '2026-11-26T11:30:00+01:00';

export class CodeServer {
  private process?: ChildProcess;
  readonly dataDir: string;
  readonly extensionsDir: string;
  port = 0;

  constructor(private readonly options: CodeServerOptions) {
    const base = mkdtempSync(join(tmpdir(), 'incident-lens-cs-'));
    this.dataDir = join(base, 'data');
    this.extensionsDir = join(base, 'extensions');
    mkdirSync(join(this.dataDir, 'User'), { recursive: true });
    mkdirSync(this.extensionsDir, { recursive: true });
    mkdirSync(options.logDir, { recursive: true });
  }

  private run(args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
    return spawn(NODE24, [ENTRY, ...args], {
      // Its own cache folder (the one the extension shares with the CLI, src/node/cacheDir.ts): each run starts cold, like a fresh profile.
      env: { ...process.env, XDG_CACHE_HOME: join(this.dataDir, 'cache'), INCIDENT_LENS_CACHE_DIR: '', ...extraEnv, ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  install(vsix: string): void {
    const r = spawnSync(NODE24, [ENTRY, '--extensions-dir', this.extensionsDir, '--user-data-dir', this.dataDir, '--install-extension', vsix], {
      encoding: 'utf8',
    });
    if (r.status !== 0 || !/was successfully installed/.test(r.stdout + r.stderr)) {
      throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
    }
  }

  private settings: Record<string, unknown> = {};

  /** Writes the user's settings.json; a running workbench picks changes up (e.g. the colour theme). */
  writeUserSettings(patch: Record<string, unknown>): void {
    this.settings = { ...this.settings, ...patch };
    writeFileSync(join(this.dataDir, 'User', 'settings.json'), JSON.stringify(this.settings, null, 2));
  }

  async start(): Promise<string> {
    checkTools();
    for (const vsix of this.options.extensions) this.install(vsix);
    this.writeUserSettings({
      'workbench.startupEditor': 'none',
      // The one-time merge driver offer would sit over the views the tests click; the command is tested instead.
      'incidentLens.mergeDriver.offer': false,
      'workbench.tips.enabled': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': this.options.trustWorkspace === false,
      // Untrusted runs open straight into Restricted Mode, no modal trust prompt.
      'security.workspace.trust.startupPrompt': 'never',
      'update.mode': 'none',
      'window.commandCenter': false,
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'workbench.layoutControl.enabled': false,
      'files.autoSave': 'off',
      ...this.options.userSettings,
    });
    this.port = await freePort();
    const args = [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${this.port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--user-data-dir',
      this.dataDir,
      '--extensions-dir',
      this.extensionsDir,
    ];
    if (this.options.trustWorkspace !== false) args.push('--disable-workspace-trust');
    args.push(this.options.workspace);
    const child = this.run(args);
    this.process = child;
    const log = createWriteStream(join(this.options.logDir, 'code-server.log'));
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${this.options.logDir}/code-server.log`);
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}/healthz`);
        if (res.ok) return this.url();
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('code-server did not start within 60 s');
  }

  /** Workbench URL for a folder, or for a .code-workspace file (multi-root). */
  url(target = this.options.workspace): string {
    const param = target.endsWith('.code-workspace') ? 'workspace' : 'folder';
    return `http://127.0.0.1:${this.port}/?${param}=${encodeURIComponent(target)}`;
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise<void>((res) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        res();
      }, 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        res();
      });
    });
  }

  dispose(): void {
    // The extension host may still be finishing a background cache write after the server stops (at 10,000 records
    // longer than these retries): a folder left in the temporary directory must not fail the run that measured.
    const dir = resolve(this.dataDir, '..');
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
    } catch (err) {
      console.error(`code-server: left ${dir} (${(err as Error).message})`);
    }
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Opens the workbench and waits until it is ready to use. */
export async function openWorkbench(browser: Browser, url: string, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  return page;
}
