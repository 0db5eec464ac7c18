/**
 * The Claude Code plugin in plugins/claude-code and its marketplace file
 * .claude-plugin/marketplace.json, checked against Claude Code's documented
 * plugin format (https://code.claude.com/docs/en/plugins-reference: the
 * manifest's keys, hooks/hooks.json, .mcp.json at the plugin root;
 * https://code.claude.com/docs/en/plugin-marketplaces: name, owner, plugins
 * with name and source), and against our CLI: the commands it runs exist,
 * and the hook command never blocks an edit when no CLI is installed. Then
 * in the real Claude Code (test/support/realClaude.ts): its own validator,
 * the marketplace install flow, the hook firing on an Edit and the MCP
 * server answering, and --plugin-dir.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAUDE_EDIT_TOOLS } from '../../../../src/core/ai/hookAnswer';
import { HOOK_AGENTS } from '../../../../src/cli/commands/hook';
import { DATA_NOTICE } from '../../../../src/core/trust/dataBlock';
import { writeDemoHistory } from '../../../../src/node/git/demoHistory';
import type { ToolCall } from '../../../support/fakeAnthropic';
import { CLAUDE, claudeAvailable, claudeEnv, editCall, lastUserTexts, readCall, runClaude, type ClaudeRun } from '../../../support/realClaude';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';
import { assertQuoted } from '../../core/trust/trustBoundary.test';

const read = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as Record<string, unknown>;
const PLUGIN = 'plugins/claude-code';
const WEBHOOK = 'src/payments/stripeWebhook.ts';
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

/**
 * The plugin in the real Claude Code, offline: installed the way a team would
 * (this repository added as a marketplace from its path, then `claude plugin
 * install`), or loaded for one session with `--plugin-dir`, in a demo copy
 * that has no Claude Code wiring of its own and the CLI in node_modules/.bin.
 */
describe('Claude Code plugin: installed in the real Claude Code (offline)', function () {
  this.timeout(180_000);
  let ws: TempWorkspace;
  let home: string;
  const claudeCli = (args: string[]) => spawnSync(CLAUDE, args, { cwd: REPO_ROOT, env: claudeEnv(home), encoding: 'utf8' });

  before(function () {
    if (!claudeAvailable()) this.skip(); // npm installs only this platform's Claude Code binary package; none for this one
    ws = new TempWorkspace(true);
    writeDemoHistory(ws.root);
    assert.ok(!existsSync(join(ws.root, '.claude')) && !existsSync(join(ws.root, '.mcp.json')), 'no project wiring: what answers is the plugin');
    mkdirSync(join(ws.root, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(
      join(ws.root, 'node_modules', '.bin', 'incident-lens'),
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(REPO_ROOT, 'dist', 'cli.js'))} "$@"\n`,
      { mode: 0o755 },
    );
    home = mkdtempSync(join(tmpdir(), 'incident-lens-plugin-home-'));
    // As a team would: this repository as a marketplace (from its path here), then the plugin from it.
    for (const args of [
      ['plugin', 'marketplace', 'add', REPO_ROOT],
      ['plugin', 'install', 'incident-lens@incident-lens'],
    ]) {
      const out = claudeCli(args);
      assert.equal(out.status, 0, out.stdout + out.stderr);
    }
  });
  after(() => {
    ws?.dispose();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const linkedEdit = (): ToolCall[] => [
    readCall(ws.root, WEBHOOK),
    editCall(
      ws.root,
      WEBHOOK,
      "  if (event.type !== 'payment_intent.succeeded') return undefined;",
      "  if (event.type !== 'payment_intent.succeeded') {\n    return undefined;\n  }",
    ),
  ];
  const hookContext = (run: ClaudeRun): string | undefined => lastUserTexts(run.main[2]!).find((t) => t.includes('PreToolUse:Edit hook additional context'));

  it("Claude Code's own validator passes the plugin and the marketplace (`claude plugin validate --strict`)", () => {
    for (const path of [PLUGIN, '.']) {
      const out = claudeCli(['plugin', 'validate', '--strict', path]);
      assert.equal(out.status, 0, out.stdout + out.stderr);
      assert.match(out.stdout, /Validation passed/);
    }
  });

  it('installed from this repository as a marketplace: enabled, with our MCP server', () => {
    const list = JSON.parse(claudeCli(['plugin', 'list', '--json']).stdout) as Array<{ id: string; enabled: boolean; mcpServers?: Record<string, unknown> }>;
    const plugin = list.find((p) => p.id === 'incident-lens@incident-lens');
    assert.ok(plugin?.enabled, JSON.stringify(list));
    assert.deepEqual(Object.keys(plugin.mcpServers ?? {}), ['incident-lens']);
  });

  it("the installed plugin's hook fires on an Edit of the linked handler: the next model request carries INC-023's lesson in its data block", async () => {
    const run = await runClaude(ws.root, home, linkedEdit());
    assert.equal(run.main.length, 3, 'prompt, after Read, after Edit');
    const context = hookContext(run);
    assert.ok(context, "the plugin hook's context reached the model");
    assert.match(context, /<<<INCIDENT-NOTES id="INC-023" file="\.incidents\/INC-023\.yaml" origin="team record">>>/);
    assert.match(context, /^\| Lesson: When asking AI tools to write external service integrations/m);
    assertQuoted(context, 'Claude Code request after the Edit (plugin)', 'Stripe expects integer');
    assert.deepEqual(run.result.permission_denials, []);
    execFileSync('git', ['checkout', '--', WEBHOOK], { cwd: ws.root });
  });

  it("the installed plugin's MCP server answers: incidents_for_code returns INC-023 with the notice in the structured content", async () => {
    const tool = 'mcp__plugin_incident-lens_incident-lens__incidents_for_code';
    const run = await runClaude(ws.root, home, [{ name: tool, input: { files: [WEBHOOK] } }], ['--allowedTools', tool]);
    const texts = lastUserTexts(run.main[1]!).join('\n');
    const structured = texts.match(/\{"notice":[\s\S]*\}/)?.[0];
    assert.ok(
      structured,
      `structured content reached the model: ${texts.slice(0, 1500)} ${JSON.stringify(run.main[0]!.body)
        .match(/mcp__[\w-]+/g)
        ?.join(' ')}`,
    );
    const answer = JSON.parse(structured) as { notice: string; incidents: Array<{ id: string; provenance: { file: string } }> };
    assert.equal(answer.notice, DATA_NOTICE);
    assert.deepEqual(
      answer.incidents.map((i) => [i.id, i.provenance.file]),
      [['INC-023', '.incidents/INC-023.yaml']],
    );
  });

  it('--plugin-dir loads the same plugin for one session, without installing it: the hook fires', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'incident-lens-plugin-dir-home-'));
    try {
      const run = await runClaude(ws.root, bare, linkedEdit(), ['--plugin-dir', join(REPO_ROOT, PLUGIN)]);
      assert.match(hookContext(run) ?? '', /<<<INCIDENT-NOTES id="INC-023"/);
      execFileSync('git', ['checkout', '--', WEBHOOK], { cwd: ws.root });
      const without = await runClaude(ws.root, bare, linkedEdit());
      assert.equal(hookContext(without), undefined, 'without the plugin, nothing');
      execFileSync('git', ['checkout', '--', WEBHOOK], { cwd: ws.root });
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
