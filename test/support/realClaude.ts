/**
 * Runs the real Claude Code offline: its native binary from the pinned
 * devDependency @anthropic-ai/claude-agent-sdk (the platform package
 * @anthropic-ai/claude-agent-sdk-<platform>-<arch>), `claude -p … --output-format
 * json` against the local Messages API stand-in (fakeAnthropic.ts) that answers
 * with scripted tool calls, in a HOME of the test's own.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FakeAnthropic, type RecordedRequest, type ToolCall } from './fakeAnthropic';
import { REPO_ROOT } from './workspace';

export const CLAUDE = join(REPO_ROOT, 'node_modules', '@anthropic-ai', `claude-agent-sdk-${process.platform}-${process.arch}`, 'claude');

/** False where npm installed no Claude Code binary (it installs only this platform's package). */
export function claudeAvailable(): boolean {
  if (!existsSync(CLAUDE)) return false;
  assert.match(spawnSync(CLAUDE, ['--version'], { encoding: 'utf8' }).stdout, /^2\.1\.\d+ \(Claude Code\)/);
  return true;
}

export interface ClaudeRun {
  readonly result: { permission_denials: Array<{ tool_name: string }>; is_error: boolean; result: string };
  /** Requests of the main conversation, in order. */
  readonly main: RecordedRequest[];
}

/** The environment for Claude Code: the test's HOME, the stand-in, no telemetry or updates. */
export function claudeEnv(home: string, baseUrl?: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    ...(baseUrl ? { ANTHROPIC_BASE_URL: baseUrl, ANTHROPIC_API_KEY: 'sk-ant-offline-test' } : {}),
    DISABLE_TELEMETRY: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    // A loaded machine may start our MCP server slowly: a minute to wait for it (https://code.claude.com/docs/en/mcp, MCP_TIMEOUT).
    MCP_TIMEOUT: '60000',
    XDG_CACHE_HOME: join(home, 'cache'),
  };
}

/** `claude -p` in `cwd` with the scripted tool calls; fails the test unless it exits 0. */
export async function runClaude(cwd: string, home: string, script: readonly ToolCall[], extra: readonly string[] = []): Promise<ClaudeRun> {
  const fake = new FakeAnthropic(script);
  const url = await fake.start();
  try {
    const args = [
      '-p',
      'Tidy up the code I point you to',
      '--output-format',
      'json',
      '--permission-mode',
      'acceptEdits',
      '--model',
      'claude-sonnet-4-5',
      ...extra,
    ];
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const cp = spawn(CLAUDE, args, { cwd, env: claudeEnv(home, url), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      cp.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      cp.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      cp.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    assert.equal(out.code, 0, out.stderr);
    return { result: JSON.parse(out.stdout) as ClaudeRun['result'], main: fake.mainRequests };
  } finally {
    await fake.stop();
  }
}

/** Every string in the last user message of a request (tool results and the text blocks beside them). */
export function lastUserTexts(request: RecordedRequest): string[] {
  const last = request.body.messages?.at(-1);
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(last?.content);
  return out;
}

export const readCall = (root: string, file: string): ToolCall => ({ name: 'Read', input: { file_path: join(root, file) } });
export const editCall = (root: string, file: string, old: string, next: string): ToolCall => ({
  name: 'Edit',
  input: { file_path: join(root, file), old_string: old, new_string: next },
});
