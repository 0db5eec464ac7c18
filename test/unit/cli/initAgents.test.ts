/**
 * `incident-lens init --agents` (issue 30): each agent's files in the shape
 * its documentation gives, merged into what the team has (permissions and
 * other hooks kept, our entry replaced, never duplicated), idempotent,
 * `--check` for CI, never through a link, never over a file it cannot parse;
 * record text only in Markdown bodies inside data blocks.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AgentConfigError, parseJsonObject, withClaudeHook, withCodexServer, type CliCommand } from '../../../src/core/ai/agentConfig';
import { detectAgents } from '../../../src/core/ai/agentWiring';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';
import { assertQuoted } from '../core/trust/trustBoundary.test';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const HOSTILE = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'agents');
const cli: CliCommand = { command: 'incident-lens', args: [], shell: 'incident-lens' };
const run = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, [CLI, 'init', '--agents', '--command', 'incident-lens', ...args], { cwd: root, encoding: 'utf8' });

describe('init --agents: formats and merges (core)', () => {
  it("Claude Code settings: the team's permissions and hooks kept, our PreToolUse entry replaced in place, never duplicated", () => {
    const before = JSON.stringify(
      {
        permissions: { allow: ['Bash(npm test)'], deny: ['Read(./.env)'] },
        hooks: {
          PreToolUse: [
            { matcher: 'Bash', hooks: [{ type: 'command', command: './check.sh' }] },
            { matcher: 'Edit', hooks: [{ type: 'command', command: 'old/incident-lens hook claude-code' }] },
          ],
          Stop: [{ hooks: [{ type: 'command', command: 'notify' }] }],
        },
      },
      null,
      4,
    );
    const once = JSON.parse(withClaudeHook('s.json', before, cli, 'Edit|MultiEdit|Write|NotebookEdit').text!);
    assert.deepEqual(once.permissions, { allow: ['Bash(npm test)'], deny: ['Read(./.env)'] });
    assert.deepEqual(once.hooks.Stop, [{ hooks: [{ type: 'command', command: 'notify' }] }]);
    assert.equal(once.hooks.PreToolUse.length, 2);
    assert.equal(once.hooks.PreToolUse[0].matcher, 'Bash');
    assert.deepEqual(once.hooks.PreToolUse[1], {
      matcher: 'Edit|MultiEdit|Write|NotebookEdit',
      hooks: [{ type: 'command', command: 'incident-lens hook claude-code', timeout: 10 }],
    });
    const again = withClaudeHook('s.json', JSON.stringify(once, null, 4), cli, 'Edit|MultiEdit|Write|NotebookEdit');
    assert.equal(again.text, undefined, 'the same content in another layout is left alone');
  });

  it('a JSON file that does not parse is an error naming file, line and column', () => {
    assert.throws(
      () => parseJsonObject('.claude/settings.json', '{\n  "permissions": {,\n}'),
      (e: Error) => e instanceof AgentConfigError && /^\.claude\/settings\.json:2:19: not valid JSON/.test(e.message),
    );
    assert.throws(() => parseJsonObject('.mcp.json', '[]'), /expected a JSON object/);
  });

  it("Codex: a marked table appended to the team's config.toml, replaced on the next run; a hand-written table of our name left alone", () => {
    const team = 'model = "o4"\n\n[mcp_servers.docs]\ncommand = "docs"\n';
    const once = withCodexServer('c.toml', team, cli).text!;
    assert.ok(once.startsWith(team.trimEnd()));
    assert.match(once, /\[mcp_servers\.incident-lens\]\ncommand = "incident-lens"\nargs = \["mcp"\]/);
    assert.equal(withCodexServer('c.toml', once, cli).text, undefined);
    const moved = withCodexServer('c.toml', once, { command: 'node', args: ['/x/cli.js'], shell: 'node /x/cli.js' }).text!;
    assert.equal(moved.split('[mcp_servers.incident-lens]').length, 2, 'replaced, not added');
    assert.throws(() => withCodexServer('c.toml', '[mcp_servers.incident-lens]\ncommand = "x"\n', cli), /written by hand/);
  });

  it('the agents a repository shows, else all', () => {
    assert.deepEqual(
      detectAgents((p) => p === '.cursor'),
      ['cursor'],
    );
    assert.deepEqual(
      detectAgents((p) => p === '.mcp.json' || p === 'GEMINI.md'),
      ['claude-code', 'gemini'],
    );
    assert.equal(detectAgents(() => false).length, 5);
  });
});

describe('init --agents: a real process on the demo', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  beforeEach(() => (ws = new TempWorkspace(true)));
  afterEach(() => ws.dispose());

  it("writes every agent's files; a second run changes nothing; --check fails once a record changes", () => {
    const first = run(ws.root);
    assert.equal(first.status, 0, first.stderr);
    for (const f of [
      '.claude/settings.json',
      '.mcp.json',
      '.cursor/mcp.json',
      '.cursor/rules/incident-inc-023.mdc',
      '.codex/config.toml',
      '.gemini/settings.json',
      'AGENTS.md',
      '.github/instructions/incident-inc-023.instructions.md',
    ])
      assert.ok(existsSync(join(ws.root, f)), f);
    const second = run(ws.root);
    assert.match(second.stdout, /0 files written or deleted/);
    assert.equal(run(ws.root, '--check').status, 0);
    ws.write('.incidents/INC-023.yaml', ws.read('.incidents/INC-023.yaml').replace('lesson: >-', 'lesson: >-\n    Changed.'));
    const check = run(ws.root, '--check');
    assert.equal(check.status, 1);
    assert.match(check.stdout, /outdated \.cursor\/rules\/incident-inc-023\.mdc/);
  });

  it("the files follow each agent's documented shape", () => {
    run(ws.root);
    const settings = JSON.parse(ws.read('.claude/settings.json'));
    assert.equal(settings.hooks.PreToolUse[0].hooks[0].command, 'incident-lens hook claude-code');
    assert.deepEqual(JSON.parse(ws.read('.mcp.json')).mcpServers['incident-lens'], { command: 'incident-lens', args: ['mcp'] });
    assert.deepEqual(JSON.parse(ws.read('.cursor/mcp.json')).mcpServers['incident-lens'], { command: 'incident-lens', args: ['mcp'] });
    const gemini = JSON.parse(ws.read('.gemini/settings.json'));
    assert.deepEqual(gemini.context.fileName, ['AGENTS.md', 'GEMINI.md']);
    const rule = ws.read('.cursor/rules/incident-inc-023.mdc');
    const front = parseYaml(rule.split('---\n')[1]!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(front), ['description', 'globs', 'alwaysApply']);
    assert.equal(front.alwaysApply, false);
    assert.equal(front.globs, 'src/payments/checkout.ts,src/payments/stripeWebhook.ts');
    assertQuoted(rule, 'cursor rule', 'Stripe expects integer');
  });

  it('only the agents asked for (--agent), and by default those the repository shows', () => {
    mkdirSync(join(ws.root, '.cursor'));
    run(ws.root);
    assert.ok(existsSync(join(ws.root, '.cursor/mcp.json')));
    assert.ok(!existsSync(join(ws.root, '.mcp.json')), 'no Claude Code files in a Cursor repository');
    run(ws.root, '--agent', 'codex');
    assert.ok(existsSync(join(ws.root, '.codex/config.toml')));
  });

  it('a settings file it cannot parse is left as it is (exit 1, file:line:column); a link is never written through', () => {
    ws.write('.claude/settings.json', '{ "permissions": }\n');
    const outside = mkdtempSync(join(tmpdir(), 'incident-lens-outside-'));
    try {
      symlinkSync(outside, join(ws.root, '.cursor'));
      const r = run(ws.root, '--agent', 'claude-code', '--agent', 'cursor');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /left as is {2}\.claude\/settings\.json:1:\d+: not valid JSON/);
      assert.match(r.stderr, /refused {2}\.cursor.*symbolic link/);
      assert.equal(ws.read('.claude/settings.json'), '{ "permissions": }\n');
      assert.ok(!existsSync(join(outside, 'mcp.json')) && !existsSync(join(outside, 'rules')));
      assert.ok(existsSync(join(ws.root, '.mcp.json')), 'the rest of the plan still runs');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('init --agents: hostile records', function () {
  this.timeout(60_000);
  it('rules carry record text only inside data blocks; no imported record becomes a rule; front matter and JSON hold our values only', () => {
    const root = mkdtempSync(join(tmpdir(), 'incident-lens-hostile-'));
    try {
      cpSync(HOSTILE, root, { recursive: true });
      writeFileSync(join(root, '.claude-placeholder'), '');
      const r = run(root);
      assert.equal(r.status, 0, r.stderr);
      const rules = ['951', '952', '953'].map((n) => readFileSync(join(root, `.cursor/rules/incident-inc-${n}.mdc`), 'utf8'));
      for (const rule of rules) {
        assertQuoted(rule, 'hostile cursor rule');
        const front = rule.split('---\n')[1]!;
        assert.ok(!front.includes('CANARY') && !/alwaysApply: true/.test(front), front);
      }
      assert.ok(!existsSync(join(root, '.cursor/rules/incident-inc-954.mdc')), 'the unreviewed import is no rule');
      for (const f of ['.claude/settings.json', '.mcp.json', '.cursor/mcp.json', '.gemini/settings.json', '.codex/config.toml'])
        assert.ok(!readFileSync(join(root, f), 'utf8').includes('CANARY'), f);
      assertQuoted(readFileSync(join(root, 'AGENTS.md'), 'utf8'), 'AGENTS.md');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
