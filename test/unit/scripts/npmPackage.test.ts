/**
 * Ready to publish (issue 30): `npx incident-lens` works from the npm tarball
 * alone. `npm pack` of this repository, installed offline into an empty
 * folder (the package has no dependencies: the bundles carry them), then the
 * installed bin run for --help, risk on the demo, and the MCP server listing
 * its tools to the SDK's own client over stdio.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { DEMO, REPO_ROOT } from '../../support/workspace';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm package: the tarball alone', function () {
  this.timeout(240_000);
  let base: string;
  let bin: string;
  let files: string[];
  before(() => {
    base = mkdtempSync(join(tmpdir(), 'incident-lens-npm-'));
    const packed = JSON.parse(
      execFileSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', base], { cwd: REPO_ROOT, encoding: 'utf8' }),
    ) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = packed[0]!.files.map((f) => f.path).sort();
    const app = join(base, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    const tarball = join(
      base,
      readdirSync(base).find((f) => f.endsWith('.tgz'))!,
    );
    execFileSync(NPM, ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball], {
      cwd: app,
      stdio: 'pipe',
      env: { ...process.env, npm_config_cache: join(base, 'npm-cache') },
    });
    bin = join(app, 'node_modules', '.bin', 'incident-lens');
    cpSync(DEMO, join(base, 'demo'), { recursive: true, filter: (src) => !src.includes('node_modules') });
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('holds the CLI bundles, the schemas and the documents, nothing else (no sources, tests, extension)', () => {
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'SECURITY.md',
      'dist/cli.js',
      'dist/cliMain.js',
      'dist/hook.js',
      'dist/hookFull.js',
      'dist/parseWorker.js',
      'package.json',
      'schemas/action.schema.json',
      'schemas/incident.schema.json',
      'schemas/runbook.schema.json',
    ]);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies?: object; bin: Record<string, string> };
    assert.equal(pkg.dependencies, undefined, 'nothing to fetch: installs offline from the tarball');
    assert.equal(pkg.bin['incident-lens'], 'dist/cli.js');
  });

  it('--help and risk run from the installed package (npm exec, as npx does)', () => {
    const help = spawnSync(NPM, ['exec', '--offline', '--', 'incident-lens', '--help'], { cwd: join(base, 'app'), encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /hook claude-code/);
    const risk = spawnSync(bin, ['risk', 'src/payments/stripeWebhook.ts'], { cwd: join(base, 'demo'), encoding: 'utf8' });
    assert.equal(risk.status, 0, risk.stderr);
    assert.match(risk.stdout, /^CAUTION: touches code of INC-023/);
  });

  it('mcp: the SDK client lists the read-only tools over stdio', async () => {
    const client = new Client({ name: 'npm-package-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: bin, args: ['mcp', '-r', join(base, 'demo')], stderr: 'pipe' }));
    try {
      const { tools } = await client.listTools();
      const names = tools.map((t) => t.name);
      assert.ok(names.includes('incidents_for_code'), names.join(', '));
      assert.equal(tools.find((t) => t.name === 'incidents_for_code')?.annotations?.readOnlyHint, true);
    } finally {
      await client.close();
    }
  });
});
