/**
 * The Claude Code plugin in plugins/claude-code and its marketplace file
 * .claude-plugin/marketplace.json, checked against Claude Code's documented
 * plugin format (https://code.claude.com/docs/en/plugins-reference: the
 * manifest's keys, hooks/hooks.json, .mcp.json at the plugin root;
 * https://code.claude.com/docs/en/plugin-marketplaces: name, owner, plugins
 * with name and source), and against our CLI: the commands it runs exist,
 * and the hook command never blocks an edit when no CLI is installed.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAUDE_EDIT_TOOLS } from '../../../../src/core/ai/hookAnswer';
import { HOOK_AGENTS } from '../../../../src/cli/commands/hook';
import { REPO_ROOT } from '../../../support/workspace';

const read = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as Record<string, unknown>;
const PLUGIN = 'plugins/claude-code';
const MANIFEST_KEYS = [
  'name',
  'version',
  'description',
  'author',
  'homepage',
  'repository',
  'license',
  'keywords',
  'commands',
  'agents',
  'skills',
  'hooks',
  'mcpServers',
  'outputStyles',
  'lspServers',
];
const HOOK_EVENTS = ['PreToolUse', 'PostToolUse', 'UserPromptSubmit', 'Notification', 'Stop', 'SubagentStop', 'SessionStart', 'SessionEnd', 'PreCompact'];
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('Claude Code plugin: the documented format, and commands the CLI has', () => {
  const pkg = read('package.json') as { version: string };
  const manifest = read(`${PLUGIN}/.claude-plugin/plugin.json`);
  const hooks = read(`${PLUGIN}/hooks/hooks.json`) as {
    hooks: Record<string, Array<{ matcher: string; hooks: Array<{ type: string; command: string; timeout?: number }> }>>;
  };
  const mcp = read(`${PLUGIN}/.mcp.json`) as { mcpServers: Record<string, { command: string; args: string[] }> };

  it('plugin.json: a kebab-case name, only documented keys, the package version, author as an object with a name', () => {
    assert.match(String(manifest.name), KEBAB);
    for (const key of Object.keys(manifest)) assert.ok(MANIFEST_KEYS.includes(key), `undocumented key ${key}`);
    assert.equal(manifest.version, pkg.version);
    assert.equal(typeof (manifest.author as { name?: unknown }).name, 'string');
    assert.ok(Array.isArray(manifest.keywords));
    // Components at the default places (the manifest names no custom paths), nothing inside .claude-plugin/ but the manifest.
    for (const key of ['commands', 'agents', 'skills', 'hooks', 'mcpServers']) assert.equal(manifest[key], undefined, key);
  });

  it('marketplace.json: name, owner, and a plugin entry whose source holds this plugin', () => {
    const market = read('.claude-plugin/marketplace.json') as {
      name: string;
      owner: { name: string };
      plugins: Array<{ name: string; source: string; version?: string }>;
    };
    assert.match(market.name, KEBAB);
    assert.equal(typeof market.owner.name, 'string');
    assert.equal(market.plugins.length, 1);
    const entry = market.plugins[0]!;
    assert.equal(entry.name, manifest.name);
    assert.match(entry.source, /^\.\//, 'a relative source starts with ./');
    assert.ok(existsSync(join(REPO_ROOT, entry.source, '.claude-plugin', 'plugin.json')));
    assert.equal(entry.version, pkg.version);
  });

  it('hooks/hooks.json: one PreToolUse command hook on the edit tools, running `hook claude-code`', () => {
    for (const event of Object.keys(hooks.hooks)) assert.ok(HOOK_EVENTS.includes(event), event);
    const [group] = hooks.hooks.PreToolUse!;
    assert.equal(group!.matcher, CLAUDE_EDIT_TOOLS.join('|'));
    assert.equal(group!.hooks.length, 1);
    const hook = group!.hooks[0]!;
    assert.equal(hook.type, 'command');
    assert.match(hook.command, /incident-lens" hook claude-code;/);
    assert.ok((HOOK_AGENTS as readonly string[]).includes('claude-code'));
    assert.doesNotMatch(hook.command, /npx|npm exec/, 'never downloads the CLI');
  });

  it('.mcp.json: the read-only server (`mcp`, never --allow-writes)', () => {
    const server = mcp.mcpServers['incident-lens']!;
    assert.equal(server.command, 'sh');
    assert.match(server.args.join(' '), /incident-lens" mcp; fi; exec incident-lens mcp$/);
    assert.doesNotMatch(server.args.join(' '), /allow-writes|npx/);
  });

  it('the CLI has the commands the plugin names', () => {
    const help = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), '--help'], { encoding: 'utf8' });
    assert.match(help.stdout, /^ {2}hook claude-code /m);
    assert.match(help.stdout, /^ {2}mcp \[--allow-writes\] /m);
  });

  it("the hook command runs the project's CLI and, with no CLI at all, prints nothing and exits 0 (an edit is never blocked)", function () {
    this.timeout(60_000);
    const project = mkdtempSync(join(tmpdir(), 'incident-lens-plugin-'));
    try {
      const input = JSON.stringify({ hook_event_name: 'PreToolUse', cwd: project, tool_name: 'Bash', tool_input: { command: 'ls' } });
      const env = { PATH: '/usr/bin:/bin', CLAUDE_PROJECT_DIR: project };
      const none = spawnSync('sh', ['-c', hooks.hooks.PreToolUse![0]!.hooks[0]!.command], { input, encoding: 'utf8', env });
      assert.deepEqual([none.status, none.stdout], [0, '']);
      mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
      // What npm install puts there: an executable that starts the CLI.
      writeFileSync(
        join(project, 'node_modules', '.bin', 'incident-lens'),
        `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(REPO_ROOT, 'dist', 'cli.js'))} "$@"\n`,
        { mode: 0o755 },
      );
      const bad = spawnSync('sh', ['-c', hooks.hooks.PreToolUse![0]!.hooks[0]!.command], { input: '{not json', encoding: 'utf8', env: env });
      assert.equal(bad.status, 0, bad.stderr);
      assert.match(bad.stderr, /incident-lens hook: the hook input is not JSON/, 'the project CLI answered');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
