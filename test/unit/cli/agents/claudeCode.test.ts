/**
 * The real Claude Code, offline (issue 30). Its native binary comes with the
 * pinned devDependency @anthropic-ai/claude-agent-sdk (0.3.328 ships Claude
 * Code 2.1.328 as @anthropic-ai/claude-agent-sdk-<platform>/claude, byte for
 * byte the binary of @anthropic-ai/claude-code 2.1.328). It runs as
 * `claude -p … --output-format json` against a local stand-in for the Messages
 * API (test/support/fakeAnthropic.ts) that answers with scripted tool calls,
 * in a copy of the demo with its git history after `init --agents`: the hook
 * and the MCP server are found by Claude Code itself in the project's
 * .claude/settings.json and .mcp.json.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_NOTICE } from '../../../../src/core/trust/dataBlock';
import { writeDemoHistory } from '../../../../src/node/git/demoHistory';
import type { ToolCall } from '../../../support/fakeAnthropic';
import { claudeAvailable, editCall, lastUserTexts, readCall, runClaude, type ClaudeRun } from '../../../support/realClaude';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';
import { assertQuoted } from '../../core/trust/trustBoundary.test';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const WEBHOOK = 'src/payments/stripeWebhook.ts';

describe('the real Claude Code meets the incident where it edits (offline)', function () {
  this.timeout(180_000);
  let ws: TempWorkspace;
  let home: string;

  before(function () {
    if (!claudeAvailable()) this.skip(); // the platform has no Claude Code binary package (npm installs only the one for this platform)
    ws = new TempWorkspace(true);
    writeDemoHistory(ws.root);
    const env = { ...process.env, INCIDENT_LENS_NOW: '2026-11-26T11:30:00+01:00' };
    assert.equal(spawnSync(process.execPath, [CLI, 'suggest', 'INC-023', '--apply'], { cwd: ws.root, env }).status, 0);
    execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'commit', '-qam', 'INC-023: commits'], { cwd: ws.root });
    const init = spawnSync(process.execPath, [CLI, 'init', '--agents', '--agent', 'claude-code', '--command', CLI], { cwd: ws.root, encoding: 'utf8' });
    assert.equal(init.status, 0, init.stderr);
    home = mkdtempSync(join(tmpdir(), 'incident-lens-claude-home-'));
  });
  after(() => {
    ws?.dispose();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const claude = (script: readonly ToolCall[], extra: string[] = []): Promise<ClaudeRun> => runClaude(ws.root, home, script, extra);
  const read = (file: string): ToolCall => readCall(ws.root, file);
  const edit = (file: string, old: string, next: string): ToolCall => editCall(ws.root, file, old, next);

  it("an Edit of the linked handler: the next model request carries INC-023's lesson as context, inside its data block", async () => {
    const before = ws.read(WEBHOOK);
    const run = await claude([
      read(WEBHOOK),
      edit(
        WEBHOOK,
        "  if (event.type !== 'payment_intent.succeeded') return undefined;",
        "  if (event.type !== 'payment_intent.succeeded') {\n    return undefined;\n  }",
      ),
    ]);
    assert.equal(run.main.length, 3, 'prompt, after Read, after Edit');
    const context = lastUserTexts(run.main[2]!).find((t) => t.includes('PreToolUse:Edit hook additional context'));
    assert.ok(context, "the hook's context reached the model");
    assert.match(context, /<<<INCIDENT-NOTES id="INC-023" file="\.incidents\/INC-023\.yaml" origin="team record">>>/);
    assert.match(context, /^\| Lesson: When asking AI tools to write external service integrations/m);
    assertQuoted(context, 'Claude Code request after the Edit', 'Stripe expects integer');
    assert.ok(!lastUserTexts(run.main[1]!).some((t) => t.includes('INCIDENT-NOTES')), 'a Read carries nothing');
    assert.notEqual(ws.read(WEBHOOK), before, 'the edit went ahead');
    assert.deepEqual(run.result.permission_denials, []);
    execFileSync('git', ['checkout', '--', WEBHOOK], { cwd: ws.root });
  });

  it("an Edit that rewrites the fix's lines is asked about: in -p mode Claude Code denies it and the model reads why", async () => {
    const before = ws.read(WEBHOOK);
    const run = await claude([read(WEBHOOK), edit(WEBHOOK, '  if (!Number.isSafeInteger(minor) || minor <= 0) {', '  if (minor < 0) {')]);
    assert.deepEqual(
      run.result.permission_denials.map((d) => d.tool_name),
      ['Edit'],
    );
    assert.equal(ws.read(WEBHOOK), before, 'the fix is still there');
    const texts = lastUserTexts(run.main[2]!);
    assert.ok(
      texts.some((t) => /^Incident Lens: This edit removes or rewrites a line that INC-023's fix [0-9a-f]{7} added/.test(t)),
      texts.join('\n---\n').slice(0, 2000),
    );
  });

  it('an Edit of a file no incident links carries nothing', async () => {
    const file = 'src/auth/session.ts';
    const text = ws.read(file);
    const line = text.split('\n').find((l) => l.trim().length > 10)!;
    const run = await claude([read(file), edit(file, line, `${line} `)]);
    assert.equal(run.main.length, 3);
    assert.ok(!lastUserTexts(run.main[2]!).some((t) => t.includes('INCIDENT-NOTES') || t.includes('Incident Lens')));
    execFileSync('git', ['checkout', '--', file], { cwd: ws.root });
  });

  it("the MCP tool through the project's own .mcp.json returns INC-023, with provenance and the notice in the structured content", async () => {
    const run = await claude(
      [{ name: 'mcp__incident-lens__incidents_for_code', input: { files: [WEBHOOK] } }],
      ['--allowedTools', 'mcp__incident-lens__incidents_for_code'],
    );
    const texts = lastUserTexts(run.main[1]!).join('\n');
    assert.match(texts, /INC-023/);
    const structured = texts.match(/\{"notice":[\s\S]*\}/)?.[0];
    assert.ok(structured, `structured content reached the model: ${texts.slice(0, 1500)}`);
    const answer = JSON.parse(structured) as { notice: string; incidents: Array<{ id: string; provenance: { file: string; origin: string; notice: string } }> };
    assert.equal(answer.notice, DATA_NOTICE);
    assert.equal(answer.incidents[0]!.id, 'INC-023');
    assert.deepEqual([answer.incidents[0]!.provenance.file, answer.incidents[0]!.provenance.origin], ['.incidents/INC-023.yaml', 'team']);
  });
});
