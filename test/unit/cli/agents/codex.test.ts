/**
 * The real Codex CLI, offline (issue 30): the second agent driven for real.
 * The pinned devDependency @openai/codex 0.169.0 brings its native binary in
 * the npm package @openai/codex-<platform>-<arch> (no download at install or
 * run). It runs as `codex exec` against a local stand-in for the Responses API
 * (test/support/fakeOpenAIResponses.ts, a `model_providers` entry with
 * `base_url` in the user's config.toml) that answers with scripted tool calls,
 * in a copy of the demo with its git history after `init --agents --agent
 * codex`: Codex itself finds our MCP server in the project's
 * .codex/config.toml (read only once the user trusts the project) and the
 * AGENTS.md section we write.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_NOTICE, THIRD_PARTY_NOTICE } from '../../../../src/core/trust/dataBlock';
import { writeDemoHistory } from '../../../../src/node/git/demoHistory';
import { FakeResponsesApi, type FunctionCall, type ResponsesRequest } from '../../../support/fakeOpenAIResponses';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';
import { assertQuoted } from '../../core/trust/trustBoundary.test';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const CODEX = join(REPO_ROOT, 'node_modules', '@openai', 'codex', 'bin', 'codex.js');
const NATIVE = join(REPO_ROOT, 'node_modules', '@openai', `codex-${process.platform}-${process.arch}`);
const WEBHOOK = 'src/payments/stripeWebhook.ts';
const HOSTILE = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'agents');
// Codex names an MCP server's tool namespace `mcp__` + the server name with `-` as `_`.
const NAMESPACE = 'mcp__incident_lens';

/** Every text of the user messages in a request's input (where Codex puts AGENTS.md). */
function userTexts(request: ResponsesRequest): string[] {
  return (request.body.input ?? []).filter((i) => i.type === 'message' && i.role === 'user').flatMap((i) => (i.content ?? []).map((c) => c.text ?? ''));
}

describe('the real Codex CLI meets the incident through our MCP server and AGENTS.md (offline)', function () {
  this.timeout(180_000);
  let ws: TempWorkspace;
  let root: string;
  let home: string;
  let lastStderr = '';

  before(function () {
    if (!existsSync(NATIVE)) this.skip(); // npm installs only this platform's binary package; none for this one
    const version = spawnSync(process.execPath, [CODEX, '--version'], { encoding: 'utf8' });
    assert.match(version.stdout, /^codex-cli 0\.169\.\d+/);
    ws = new TempWorkspace(true);
    root = realpathSync(ws.root);
    writeDemoHistory(root);
    const init = spawnSync(process.execPath, [CLI, 'init', '--agents', '--agent', 'codex', '--command', CLI], { cwd: root, encoding: 'utf8' });
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout, /^wrote {4}\.codex\/config\.toml$/m);
    assert.match(init.stdout, /^wrote {4}AGENTS\.md$/m);
    home = mkdtempSync(join(tmpdir(), 'incident-lens-codex-home-'));
  });
  after(() => {
    ws?.dispose();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  /** `codex exec` in the demo copy; the user's config names the stand-in and, when `trusted`, trusts the project. */
  async function codex(script: readonly FunctionCall[], trusted: boolean, project = root): Promise<ResponsesRequest[]> {
    const fake = new FakeResponsesApi(script);
    const url = await fake.start();
    try {
      writeFileSync(
        join(home, 'config.toml'),
        [
          'model = "gpt-5-codex"',
          'model_provider = "standin"',
          '[model_providers.standin]',
          'name = "local Responses API stand-in"',
          `base_url = ${JSON.stringify(url)}`,
          'wire_api = "responses"',
          ...(trusted ? [`[projects.${JSON.stringify(project)}]`, 'trust_level = "trusted"'] : []),
          '',
        ].join('\n'),
      );
      const env = { PATH: process.env.PATH, HOME: home, CODEX_HOME: home, XDG_CACHE_HOME: join(home, 'cache') };
      // A loaded machine may start our server slowly: more than Codex's default 10 s to wait for it. (Only where the
      // project's table is read: on its own, the override would be a server without a command.)
      const wait = trusted ? ['-c', 'mcp_servers.incident-lens.startup_timeout_sec=60'] : [];
      const args = [CODEX, 'exec', '--sandbox', 'read-only', ...wait, 'Tidy up the code I point you to'];
      const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const cp = spawn(process.execPath, args, { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        cp.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        cp.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        cp.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      assert.equal(out.code, 0, out.stderr);
      lastStderr = out.stderr;
      return fake.mainRequests;
    } finally {
      await fake.stop();
    }
  }

  it('a trusted project: Codex starts our server from .codex/config.toml, and incidents_for_code returns INC-023 with the data boundary in the structured content the model reads', async () => {
    const requests = await codex([{ namespace: NAMESPACE, name: 'incidents_for_code', input: { files: [WEBHOOK] } }], true);
    assert.equal(requests.length, 2, 'the prompt, then the tool result');
    const namespace = requests[0]!.body.tools?.find((t) => t.type === 'namespace' && t.name === NAMESPACE);
    assert.ok(namespace, `our server is offered to the model; Codex said: ${lastStderr.slice(-2000)}`);
    assert.ok(namespace.tools?.some((t) => t.name === 'incidents_for_code'));
    const result = requests[1]!.body.input?.find((i) => i.type === 'function_call_output' && i.call_id === 'call_fake_1');
    assert.ok(result, 'the tool result reached the model');
    const text = typeof result.output === 'string' ? result.output : JSON.stringify(result.output);
    const json = text.slice(text.indexOf('{"notice":'));
    const answer = JSON.parse(json) as { notice: string; incidents: Array<{ id: string; provenance: { file: string; origin: string; notice: string } }> };
    assert.equal(answer.notice, DATA_NOTICE);
    assert.equal(answer.incidents[0]!.id, 'INC-023');
    assert.deepEqual(
      [answer.incidents[0]!.provenance.file, answer.incidents[0]!.provenance.origin, answer.incidents[0]!.provenance.notice],
      ['.incidents/INC-023.yaml', 'team', DATA_NOTICE],
    );
  });

  it("the AGENTS.md section reaches every model request: INC-023's lesson inside its data block", async () => {
    const requests = await codex([{ namespace: NAMESPACE, name: 'incidents_for_code', input: { files: [WEBHOOK] } }], true);
    for (const [n, request] of requests.entries()) {
      const agents = userTexts(request).find((t) => t.startsWith(`# AGENTS.md instructions for ${root}`));
      assert.ok(agents, `request ${n + 1} carries AGENTS.md`);
      assert.match(agents, /<<<INCIDENT-NOTES id="INC-023" file="\.incidents\/INC-023\.yaml" origin="team record">>>/);
      assert.match(agents, /^\| Lesson: When asking AI tools to write external service integrations/m);
      assertQuoted(agents, `Codex request ${n + 1}`, 'Stripe expects integer');
    }
  });

  it('an untrusted project: Codex does not read .codex/config.toml, so our server is not started (AGENTS.md still is read)', async () => {
    const requests = await codex([], false);
    assert.equal(requests.length, 1);
    assert.ok(!requests[0]!.body.tools?.some((t) => t.name === NAMESPACE), 'no server from an untrusted project');
    assert.match(lastStderr, /Untrusted project-local configuration is disabled/, 'and Codex says why');
    assert.ok(userTexts(requests[0]!).some((t) => t.includes('<<<INCIDENT-NOTES id="INC-023"')));
  });

  it('hostile records (test/fixtures/hostile/agents): in AGENTS.md and in the MCP answer Codex hands the model, record text stays data', async () => {
    const hostile = realpathSync(mkdtempSync(join(tmpdir(), 'incident-lens-codex-hostile-')));
    try {
      cpSync(HOSTILE, hostile, { recursive: true });
      execFileSync('git', ['init', '-q'], { cwd: hostile });
      const init = spawnSync(process.execPath, [CLI, 'init', '--agents', '--agent', 'codex', '--command', CLI], { cwd: hostile, encoding: 'utf8' });
      assert.equal(init.status, 0, init.stderr);
      const requests = await codex([{ namespace: NAMESPACE, name: 'incidents_for_code', input: { files: ['src/pay.ts'] } }], true, hostile);
      const agents = userTexts(requests[0]!).find((t) => t.startsWith(`# AGENTS.md instructions for ${hostile}`));
      assert.ok(agents, 'AGENTS.md reached the model');
      assert.match(agents, /CANARY/);
      assertQuoted(agents, 'Codex request, hostile AGENTS.md');
      assert.ok(!agents.includes('INC-954'), 'the unreviewed import is not in AGENTS.md');
      const result = requests[1]!.body.input?.find((i) => i.type === 'function_call_output');
      const text = typeof result?.output === 'string' ? result.output : JSON.stringify(result?.output);
      const answer = JSON.parse(text.slice(text.indexOf('{"notice":'))) as {
        notice: string;
        incidents: Array<{ id: string; provenance: { origin: string; notice: string }; data: Record<string, unknown> }>;
      };
      assert.equal(answer.notice, DATA_NOTICE);
      assert.ok(answer.incidents.length > 0);
      for (const incident of answer.incidents) {
        // The unreviewed import (INC-954) is labelled third-party; the team's records carry the data notice.
        assert.deepEqual(
          [incident.provenance.origin, incident.provenance.notice],
          incident.id === 'INC-954' ? ['imported', THIRD_PARTY_NOTICE] : ['team', DATA_NOTICE],
          incident.id,
        );
        // Record text only as values under `data`: never a key, an id or a provenance field.
        const { data, ...rest } = incident;
        assert.ok(!JSON.stringify(rest).includes('CANARY'), `${incident.id}: ${JSON.stringify(rest).slice(0, 300)}`);
        assert.ok(JSON.stringify(data).includes('CANARY') || incident.id === 'INC-953', incident.id);
      }
    } finally {
      rmSync(hostile, { recursive: true, force: true });
    }
  });
});
