/**
 * Ready to publish (issue 30), checked offline: the GitHub Action's metadata
 * (action.yml: https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions),
 * the MCP Registry entry (server.json: https://modelcontextprotocol.io/registry/package-types,
 * the npm package's mcpName), the release workflow (one .vsix to both
 * marketplaces, then npm) and the .vsix contents (`vsce ls`).
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../support/workspace';

const text = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const pkg = JSON.parse(text('package.json')) as { name: string; version: string; mcpName?: string };
const help = execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'risk', '--help'], { encoding: 'utf8' });

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

describe('publishing: the action, the MCP Registry entry, the release workflow, the .vsix', function () {
  this.timeout(120_000);

  it('action.yml: documented metadata, a composite action whose inputs reach scripts through env only', () => {
    const action = parse(text('action.yml')) as {
      name: string;
      description: string;
      branding: { icon: string; color: string };
      inputs: Record<string, { description: string; required?: boolean; default?: string }>;
      outputs: Record<string, { value: string }>;
      runs: { using: string; steps: Step[] };
    };
    assert.ok(action.name && action.description && action.description.length <= 125);
    assert.deepEqual(Object.keys(action.inputs).sort(), ['base', 'comment', 'fail-on', 'folder', 'sarif', 'token', 'version']);
    for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description, name);
    assert.equal(action.inputs.version!.default, pkg.version, 'runs the package released with it');
    assert.equal(action.runs.using, 'composite');
    for (const step of action.runs.steps) {
      if (step.run) {
        assert.equal(step.shell, 'bash', 'a composite run step names its shell');
        assert.doesNotMatch(step.run, /\$\{\{/, 'no expression inside a script');
      }
    }
    // The install step takes an exact version only, and runs no install scripts (real bash; npm stubbed on PATH).
    const install = action.runs.steps.find((s) => s.run?.includes('npm install'))!.run!;
    const bin = mkdtempSync(join(tmpdir(), 'incident-lens-npm-'));
    try {
      writeFileSync(join(bin, 'npm'), '#!/bin/sh\necho "npm $*"\n');
      chmodSync(join(bin, 'npm'), 0o755);
      const run = (version: string) =>
        spawnSync('bash', ['-c', install], {
          encoding: 'utf8',
          env: { ...process.env, VERSION: version, RUNNER_TEMP: bin, PATH: `${bin}:${process.env.PATH ?? ''}` },
        });
      for (const bad of ['latest', '^0.1.0', '0.1', '0.1.0 || curl x']) {
        const r = run(bad);
        assert.equal(r.status, 2, bad);
        assert.match(r.stdout, /::error::version must be an exact version/);
        assert.doesNotMatch(r.stdout, /^npm /m, bad);
      }
      const ok = run('0.1.0');
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /^npm install --no-save --no-audit --no-fund --ignore-scripts --prefix .*\/incident-lens incident-lens@0\.1\.0$/m);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
    const scripts = action.runs.steps.map((s) => s.run ?? '').join('\n');
    assert.match(scripts, /risk --diff "\$BASE" --folder "\$FOLDER" --format sarif/);
    assert.match(scripts, /--format markdown/);
    assert.match(scripts, /startswith\("<!-- incident-lens:risk -->"\)/, 'the sticky comment is found by the first line risk writes');
    assert.ok(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@') && s.with?.sarif_file));
    for (const option of ['--diff REV', '--fail-on', 'sarif', 'markdown  a pull request comment (starts <!-- incident-lens:risk -->)'])
      assert.ok(help.includes(option), option);
  });

  it('server.json: the MCP Registry fields, the npm package with mcpName, stdio and the mcp argument', () => {
    const server = JSON.parse(text('server.json')) as {
      $schema: string;
      name: string;
      description: string;
      version: string;
      repository: { url: string; source: string };
      packages: Array<{
        registryType: string;
        identifier: string;
        version: string;
        transport: { type: string };
        packageArguments: Array<{ type: string; value: string }>;
      }>;
    };
    assert.match(server.$schema, /^https:\/\/static\.modelcontextprotocol\.io\/schemas\/\d{4}-\d{2}-\d{2}\/server\.schema\.json$/);
    assert.match(server.name, /^io\.github\.[a-zA-Z0-9-]+\/[a-zA-Z0-9._-]+$/);
    assert.equal(pkg.mcpName, server.name, 'the registry verifies the npm package by its mcpName');
    assert.ok(server.description.length <= 100);
    assert.equal(server.version, pkg.version);
    assert.equal(server.repository.source, 'github');
    const [npm] = server.packages;
    assert.deepEqual([npm!.registryType, npm!.identifier, npm!.version, npm!.transport.type], ['npm', pkg.name, pkg.version, 'stdio']);
    assert.deepEqual(npm!.packageArguments, [{ type: 'positional', value: 'mcp' }]);
  });

  it('release workflow: on a tag, one .vsix to the VS Code Marketplace and Open VSX, then npm and the MCP Registry', () => {
    const wf = parse(text('.github/workflows/release.yml')) as { on: { push: { tags: string[] } }; jobs: { release: { steps: Step[] } } };
    assert.deepEqual(wf.on.push.tags, ['v*']);
    const runs = wf.jobs.release.steps.map((s) => s.run ?? '');
    const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
    assert.ok(at(/npm run package/) >= 0);
    assert.ok(at(/vsce publish --packagePath incident-lens\.vsix/) > at(/npm run package/));
    assert.ok(at(/ovsx@[\d.]+ publish incident-lens\.vsix/) > at(/npm run package/), 'the same file to Open VSX');
    assert.ok(at(/npm publish/) > 0 && at(/mcp-publisher publish/) > at(/npm publish/), 'the registry entry after its package');
    assert.equal(runs.filter((r) => /vsce package|npm run package/.test(r)).length, 1, 'packaged once');
  });

  it('vsce ls: the .vsix holds the bundles, schemas, media and the demo; no sources, tests or plugin', () => {
    const files = execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    for (const f of [
      'package.json',
      'dist/extension.js',
      'dist/cli.js',
      'dist/hook.js',
      'dist/hookFull.js',
      'dist/cliMain.js',
      'dist/parseWorker.js',
      'schemas/incident.schema.json',
    ])
      assert.ok(files.includes(f), f);
    assert.ok(!files.some((f) => /^(src|test|out|plugins|\.claude-plugin|\.github)\//.test(f) || f.endsWith('.map') || f === 'action.yml'), files.join(' '));
  });
});
