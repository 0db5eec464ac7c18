/**
 * `incident-lens hook claude-code` (issue 30) as Claude Code runs it: a real
 * process, the hook input on stdin, the answer on stdout. On the demo with
 * its real git history (INC-023's fix), and on the hostile corpus
 * (test/fixtures/hostile/agents): record text reaches the model only inside
 * its data block, the permission reason carries none, and any failure lets
 * the edit through (exit 0, nothing on stdout).
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreToolUseHookInput, SyncHookJSONOutput } from '@anthropic-ai/claude-agent-sdk';
import { fixLinesTouched, readEditIntent, type ClaudePreToolUseInput, type ClaudePreToolUseOutput } from '../../../src/core/ai/editHook';
import { writeDemoHistory } from '../../../src/node/git/demoHistory';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';
import { assertQuoted } from '../core/trust/trustBoundary.test';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const HOSTILE = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'agents');

// Our types are Claude Code's own: the Agent SDK's hook types accept them both ways.
const _input: ClaudePreToolUseInput = {} as PreToolUseHookInput as ClaudePreToolUseInput;
const _output: SyncHookJSONOutput = {} as ClaudePreToolUseOutput;
void _input;
void _output;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  answer?: ClaudePreToolUseOutput;
}

function hook(root: string, input: unknown, env: NodeJS.ProcessEnv = {}): Run {
  const cache = mkdtempSync(join(tmpdir(), 'incident-lens-cache-'));
  try {
    const r = spawnSync(process.execPath, [CLI, 'hook', 'claude-code'], {
      cwd: root,
      input: typeof input === 'string' ? input : JSON.stringify(input),
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: cache, INCIDENT_LENS_NOW: '2026-12-07T10:00:00Z', ...env },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, ...(r.stdout.trim() ? { answer: JSON.parse(r.stdout) as ClaudePreToolUseOutput } : {}) };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

function edit(root: string, file: string, old: string, next: string): PreToolUseHookInput {
  return {
    hook_event_name: 'PreToolUse',
    session_id: 's',
    transcript_path: join(root, 't.jsonl'),
    cwd: root,
    tool_name: 'Edit',
    tool_use_id: 'toolu_1',
    tool_input: { file_path: join(root, file), old_string: old, new_string: next },
  };
}

describe('edit hook: the edit intent and the fix lines (core)', () => {
  it('reads Edit, MultiEdit, Write and NotebookEdit; anything else is no edit', () => {
    assert.deepEqual(readEditIntent({ tool_name: 'Edit', tool_input: { file_path: '/a.ts', old_string: 'x', new_string: 'y' } })?.changes, [
      { old: 'x', new: 'y' },
    ]);
    assert.equal(
      readEditIntent({ tool_name: 'MultiEdit', tool_input: { file_path: '/a.ts', edits: [{ old_string: 'a', new_string: 'b' }, null] } })?.changes.length,
      1,
    );
    assert.equal(readEditIntent({ tool_name: 'Write', tool_input: { file_path: '/a.ts', content: 'z' } })?.wholeFile, true);
    assert.equal(readEditIntent({ tool_name: 'NotebookEdit', tool_input: { notebook_path: '/n.ipynb', new_source: 'z' } })?.file, '/n.ipynb');
    assert.equal(readEditIntent({ tool_name: 'Bash', tool_input: { command: 'ls' } }), undefined);
    assert.equal(readEditIntent({ tool_name: 'Edit', tool_input: { old_string: 'x' } }), undefined);
    assert.equal(readEditIntent('nonsense'), undefined);
  });

  it('a fix line removed or rewritten counts; one kept, moved or trivial does not', () => {
    const fixes = [{ incidentId: 'INC-1', fixSha: 'a'.repeat(40), lines: ['  if (!Number.isSafeInteger(minor)) {', '  }', 'return minor;'] }];
    assert.deepEqual(fixLinesTouched(fixes, [{ old: '  if (!Number.isSafeInteger(minor)) {\n  }', new: '  if (minor < 0) {\n  }' }])[0]!.lines, [
      'if (!Number.isSafeInteger(minor)) {',
    ]);
    assert.deepEqual(fixLinesTouched(fixes, [{ old: 'if (!Number.isSafeInteger(minor)) {', new: '// checked\n    if (!Number.isSafeInteger(minor)) {' }]), []);
    assert.deepEqual(fixLinesTouched(fixes, [{ old: '  }', new: '' }]), [], 'a lone brace says nothing');
  });
});

describe('edit hook: a real process on the demo with its history', function () {
  this.timeout(90_000);
  let ws: TempWorkspace;
  before(() => {
    ws = new TempWorkspace(true);
    writeDemoHistory(ws.root);
    const cli = spawnSync(process.execPath, [CLI, 'suggest', 'INC-023', '--apply'], {
      cwd: ws.root,
      encoding: 'utf8',
      env: { ...process.env, INCIDENT_LENS_NOW: '2026-11-26T11:30:00+01:00' },
    });
    assert.equal(cli.status, 0, cli.stderr);
    execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'commit', '-qam', 'INC-023: commits'], { cwd: ws.root });
  });
  after(() => ws.dispose());

  it('an edit of the linked handler carries INC-023 (root cause, lesson, template, rollback runbook) as data, and asks nothing', () => {
    const r = hook(
      ws.root,
      edit(
        ws.root,
        'src/payments/stripeWebhook.ts',
        "  if (event.type !== 'payment_intent.succeeded') return undefined;",
        "  if (event.type !== 'payment_intent.succeeded') {\n    return undefined;\n  }",
      ),
    );
    assert.equal(r.status, 0, r.stderr);
    const out = r.answer!.hookSpecificOutput;
    assert.equal(out.hookEventName, 'PreToolUse');
    assert.equal(out.permissionDecision, undefined);
    const ctx = out.additionalContext!;
    assert.match(ctx, /<<<INCIDENT-NOTES id="INC-023"/);
    assert.match(ctx, /^\| Lesson: When asking AI tools to write external service integrations/m);
    assert.match(ctx, /^\| Root cause: Webhook handler written with Claude/m);
    assert.match(ctx, /^\| {3}When writing \[service\] integration/m);
    assert.match(ctx, /Rollback runbook RB-payments-rollback/);
    assertQuoted(ctx, 'hook context', 'Stripe expects integer');
  });

  it('an edit that rewrites lines the fix added is asked about, with the reason in words', () => {
    const r = hook(ws.root, edit(ws.root, 'src/payments/stripeWebhook.ts', '  if (!Number.isSafeInteger(minor) || minor <= 0) {', '  if (minor < 0) {'));
    const out = r.answer!.hookSpecificOutput;
    assert.equal(out.permissionDecision, 'ask');
    assert.match(
      out.permissionDecisionReason!,
      /^Incident Lens: This edit removes or rewrites a line that INC-023's fix [0-9a-f]{7} added \("if \(!Number\.isSafeInteger\(minor\) \|\| minor <= 0\) \{"\): make sure it does not undo the fix\.$/,
    );
    assert.match(out.additionalContext!, /lines its fix [0-9a-f]{7} added/);
  });

  it('an edit of a file no incident links prints nothing', () => {
    const r = hook(ws.root, edit(ws.root, 'src/auth/session.ts', 'export', 'export'));
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
  });

  it('a tool that is not an edit prints nothing', () => {
    const r = hook(ws.root, { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' }, cwd: ws.root });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
  });

  it('any failure lets the edit through: bad JSON, a broken records folder, a wrong agent name (exit 0, stdout empty, why on stderr)', () => {
    const bad = hook(ws.root, '{not json');
    assert.deepEqual([bad.status, bad.stdout], [0, '']);
    assert.match(bad.stderr, /not JSON.*the edit goes ahead/);
    const wrong = spawnSync(process.execPath, [CLI, 'hook', 'cursor'], { cwd: ws.root, input: '{}', encoding: 'utf8' });
    assert.deepEqual([wrong.status, wrong.stdout], [0, '']);
    assert.match(wrong.stderr, /hook needs the agent/);
    const unreadable = hook(ws.root, edit(ws.root, 'src/payments/stripeWebhook.ts', 'a', 'b'), { XDG_CACHE_HOME: '/dev/null/x', HOME: '/dev/null' });
    assert.equal(unreadable.status, 0, 'an unusable cache folder is no reason to stop');
  });
});

describe('edit hook: hostile records reach the model only as data', function () {
  this.timeout(60_000);
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'incident-lens-hostile-'));
    cpSync(HOSTILE, root, { recursive: true });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('every record quoted, the import labelled third-party, hidden characters shown, the reason free of record text', () => {
    const r = hook(root, edit(root, 'src/pay.ts', "  if (!Number.isSafeInteger(amount)) throw new Error('amount must be an integer');", '  return amount;'));
    assert.equal(r.status, 0, r.stderr);
    const out = r.answer!.hookSpecificOutput;
    assertQuoted(out.additionalContext!, 'hook context (hostile)');
    assert.match(out.additionalContext!, /origin="imported from statuspage p31zjtct2jer, NOT reviewed by the team">>>\nQuoted third-party text/);
    assert.equal(out.permissionDecision, 'ask', 'INC-951 is active');
    assert.match(out.permissionDecisionReason!, /active incident INC-951 \(P1\)/);
    assert.ok(!out.permissionDecisionReason!.includes('CANARY'), out.permissionDecisionReason);
  });

  it('a symbol link concerns edits inside that symbol only: an edit of refund() meets INC-953 and not INC-951', () => {
    const r = hook(root, edit(root, 'src/pay.ts', '  return -amount;', '  return 0 - amount;'));
    const ctx = r.answer!.hookSpecificOutput.additionalContext!;
    assertQuoted(ctx, 'hook context (refund)');
    assert.match(ctx, /id="INC-953"/);
    assert.ok(!ctx.includes('id="INC-951"'));
    assert.match(ctx, /\\u\{200B\}/, 'hidden characters shown escaped');
  });
});
