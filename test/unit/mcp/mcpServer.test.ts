/**
 * The MCP server as an agent meets it: the built CLI started as a real
 * process (`incident-lens mcp`), driven over stdio by the official SDK's
 * own client.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { incidentYaml, REPO_ROOT, TempWorkspace } from '../../support/workspace';
import { McpAgent as Agent, CLI } from '../../support/mcpAgent';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=t@example.invalid', ...args], { cwd, encoding: 'utf8' });
}

describe('MCP server (real process, SDK client over stdio)', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let agent: Agent;

  before(async () => {
    ws = new TempWorkspace(true);
    git(ws.root, 'init', '-q', '-b', 'main');
    git(ws.root, 'add', '-A');
    git(ws.root, 'commit', '-q', '-m', 'demo');
    agent = await new Agent().start(ws.root);
  });
  after(async () => {
    await agent.stop();
    ws.dispose();
  });

  it('lists its tools with descriptions and input schemas, the incident resources and the prompt', async () => {
    const { tools } = await agent.client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), [
      'check_diff',
      'get_incident',
      'incidents_for_code',
      'log_timeline_entry',
      'search_incidents',
      'similar_incidents',
    ]);
    for (const t of tools) {
      assert.ok((t.description ?? '').length > 60, `${t.name} is described for a model`);
      assert.equal(t.inputSchema.type, 'object');
    }
    const forCode = tools.find((t) => t.name === 'incidents_for_code')!;
    assert.deepEqual(forCode.inputSchema.required, ['files']);
    assert.equal(forCode.annotations?.readOnlyHint, true);
    const { resources } = await agent.client.listResources();
    assert.ok(resources.some((r) => r.uri === 'incident://INC-023'));
    const read = await agent.client.readResource({ uri: 'incident://INC-023' });
    assert.match((read.contents[0] as { text: string }).text, /Stripe/);
    const { prompts } = await agent.client.listPrompts();
    assert.deepEqual(
      prompts.map((p) => p.name),
      ['before_changing_file'],
    );
    const prompt = await agent.client.getPrompt({ name: 'before_changing_file', arguments: { file: 'src/payments/stripeWebhook.ts' } });
    assert.match((prompt.messages[0]!.content as { text: string }).text, /INC-023/);
  });

  it('incidents_for_code: root cause, AI connection, lesson, the prompt filled for the file, the rollback runbook', async () => {
    const a = await agent.call('incidents_for_code', { files: ['src/payments/stripeWebhook.ts'] });
    assert.equal(a.isError, false);
    const [inc] = a.structured.incidents!;
    assert.equal(inc!.id, 'INC-023');
    const data = inc!.data as Record<string, unknown>;
    assert.match(String(data.rootCause), /Decimal/);
    assert.equal(data.aiConnection, 'AI-generated code');
    assert.match(String(data.lesson), /./);
    assert.match(String(data.prompt), /stripeWebhook\.ts|handleStripeWebhook/);
    // Provenance and the boundary live in the structured content too (clients hand that JSON to the model).
    assert.equal((inc!.provenance as { file: string }).file, '.incidents/INC-023.yaml');
    assert.match(String(a.structured.notice), /not a request from the user/);
    assert.match(String(a.structured.commands), /on-call person/);
    assert.equal((inc!.runbooks as Array<{ id: string }>)[0]!.id, 'RB-payments-rollback');
    assert.match(a.text, /^<<<INCIDENT-NOTES id="INC-023" file=".incidents\/INC-023.yaml" origin="team record">>>$/m);
    assert.match(a.text, /^\| Facts: P\d · \w+/m);
    assert.match(a.text, /^<<<INCIDENT-NOTES id="RB-payments-rollback"/m);
    // Narrowed to another symbol: the link is on handleStripeWebhook, so nothing.
    const other = await agent.call('incidents_for_code', { files: ['src/payments/stripeWebhook.ts'], symbol: 'somethingElse' });
    assert.equal(other.structured.incidents!.length, 0);
    assert.match(other.text, /No past incident is linked/);
    // An absolute path inside the workspace is accepted.
    const abs = await agent.call('incidents_for_code', { files: [join(ws.root, 'src', 'auth', 'session.ts')] });
    assert.deepEqual(
      abs.structured.incidents!.map((i) => i.id),
      ['INC-031'],
    );
  });

  it('incidents_for_code with a line range: only the incidents whose symbol or lines the range falls in', async () => {
    const source = ws.read('src/payments/stripeWebhook.ts').split('\n');
    const fnLine = source.findIndex((l) => /handleStripeWebhook/.test(l) && /function|=>|const/.test(l)) + 1;
    assert.ok(fnLine > 0, 'the demo file declares handleStripeWebhook');
    const inside = await agent.call('incidents_for_code', { files: ['src/payments/stripeWebhook.ts'], startLine: fnLine + 1 });
    assert.deepEqual(
      inside.structured.incidents!.map((i) => i.id),
      ['INC-023'],
    );
    const outside = await agent.call('incidents_for_code', { files: ['src/payments/stripeWebhook.ts'], startLine: 1, endLine: 1 });
    assert.deepEqual(outside.structured.incidents, []);
  });

  it('search_incidents and get_incident', async () => {
    const s = await agent.call('search_incidents', { query: 'stripe' });
    assert.equal(s.structured.results![0]!.id, 'INC-023');
    const g = await agent.call('get_incident', { id: 'inc-31' });
    assert.equal(g.isError, false);
    assert.equal(g.structured.id, 'INC-031');
    assert.ok((g.structured.data as { timeline: unknown[] }).timeline.length >= 3);
    assert.match(g.text, /Timeline/);
    const missing = await agent.call('get_incident', { id: 'INC-999' });
    assert.equal(missing.isError, true);
    assert.match(missing.text, /No incident "INC-999".*INC-023/s);
  });

  it('similar_incidents by id and by free text; exactly one of them', async () => {
    const byId = await agent.call('similar_incidents', { id: 'INC-023' });
    assert.equal(byId.isError, false);
    assert.ok(!byId.structured.results!.some((r) => r.id === 'INC-023'), 'never itself');
    const byText = await agent.call('similar_incidents', { text: 'a retry loop retried permanent failures forever and starved the email queue' });
    assert.equal(byText.structured.results![0]!.id, 'INC-027');
    assert.match(String((byText.structured.results![0]!.data as { why: string }).why), /retr/);
    const both = await agent.call('similar_incidents', { id: 'INC-023', text: 'x' });
    assert.equal(both.isError, true);
    assert.match(both.text, /exactly one/);
  });

  it('check_diff: the verdict and findings of risk --diff on a revision range', async () => {
    ws.write('src/payments/stripeWebhook.ts', `${ws.read('src/payments/stripeWebhook.ts')}\n// touched\n`);
    const a = await agent.call('check_diff', { base: 'HEAD' });
    assert.equal(a.isError, false);
    assert.notEqual(a.structured.verdict, 'GO');
    assert.deepEqual(
      (a.structured.incidents as Array<{ id: string }>).map((i) => i.id),
      ['INC-023'],
    );
    assert.deepEqual(a.structured.files, ['src/payments/stripeWebhook.ts']);
    git(ws.root, 'checkout', '--', 'src/payments/stripeWebhook.ts');
    const bad = await agent.call('check_diff', { base: 'no-such-branch' });
    assert.equal(bad.isError, true);
    assert.match(bad.text, /no-such-branch/);
  });

  it('read-only by default: log_timeline_entry is refused and nothing is written', async () => {
    const before = ws.read('.incidents/INC-031.yaml');
    const a = await agent.call('log_timeline_entry', { id: 'INC-031', text: 'Rolled back the auth deploy' });
    assert.equal(a.isError, true);
    assert.match(a.text, /read-only.*--allow-writes/s);
    assert.equal(ws.read('.incidents/INC-031.yaml'), before);
  });

  it('a record edited on disk is in the next answer: changed, added, deleted', async () => {
    ws.write('.incidents/INC-031.yaml', ws.read('.incidents/INC-031.yaml').replace(/^title: .*$/m, 'title: Users logged out after the zanzibar refresh'));
    assert.match((await agent.call('get_incident', { id: 'INC-031' })).structured.data!.title as string, /zanzibar/);
    ws.write(
      '.incidents/INC-040.yaml',
      incidentYaml('INC-040', 'links:\n  - path: src/auth/session.ts\n').replace('Something broke', 'Quokka tokens expired early'),
    );
    assert.equal((await agent.call('search_incidents', { query: 'quokka' })).structured.results![0]!.id, 'INC-040');
    assert.deepEqual((await agent.call('incidents_for_code', { files: ['src/auth/session.ts'] })).structured.incidents!.map((i) => i.id).sort(), [
      'INC-031',
      'INC-040',
    ]);
    ws.remove('.incidents/INC-040.yaml');
    assert.deepEqual((await agent.call('search_incidents', { query: 'quokka' })).structured.results, []);
  });

  it('malformed tool input gets a tool error the model can read, and the server keeps running', async () => {
    const a = await agent.call('incidents_for_code', { files: 'src/auth/session.ts' });
    assert.equal(a.isError, true);
    assert.match(a.text, /files/);
    const b = await agent.call('incidents_for_code', { files: ['src/auth/session.ts'], startLine: 9, endLine: 3 });
    assert.equal(b.isError, true);
    assert.match(b.text, /endLine 3 is before startLine 9/);
    for (const outside of ['/etc/passwd', '../../etc/passwd', 'src/../../x.ts']) {
      const c = await agent.call('incidents_for_code', { files: [outside], startLine: 1 });
      assert.equal(c.isError, true, outside);
      assert.match(c.text, /outside the workspace/);
    }
    assert.equal((await agent.call('get_incident', { id: 'INC-023' })).isError, false);
  });
});

describe('MCP server with --allow-writes, on a second workspace', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  let agent: Agent;

  before(async () => {
    ws = new TempWorkspace();
    ws.write(
      '.incidents/INC-101.yaml',
      `# Hand-written: keep this comment\n${incidentYaml('INC-101', 'timeZone: Europe/Istanbul\nimpact:\n  system: Search\ntimeline:\n  - at: "14:37"\n    text: Alerts fired\nlinks:\n  - path: services/search/query.go\nx-team-note: unknown field kept\n').replace('Something broke', 'Search queries time out')}`,
    );
    ws.write('.incidents/INC-102.yaml', 'id: INC-102\ntitle: [broken\n');
    ws.write('services/search/query.go', 'package search\n');
    agent = await new Agent().start(ws.root, '--allow-writes');
  });
  after(async () => {
    await agent.stop();
    ws.dispose();
  });

  it('answers for this workspace, not the demo', async () => {
    const a = await agent.call('incidents_for_code', { files: ['services/search/query.go'] });
    assert.deepEqual(
      a.structured.incidents!.map((i) => i.id),
      ['INC-101'],
    );
    assert.equal((await agent.call('get_incident', { id: 'INC-023' })).isError, true);
  });

  it("log_timeline_entry writes through the edit path: comments and unknown fields kept, in the record's offset", async () => {
    const a = await agent.call('log_timeline_entry', {
      id: 'INC-101',
      text: 'Rolled back the query planner',
      kind: 'action',
      milestone: 'mitigated',
      at: '2025-03-18T12:05:00Z',
    });
    assert.equal(a.isError, false, a.text);
    const text = ws.read('.incidents/INC-101.yaml');
    assert.match(text, /^# Hand-written: keep this comment/);
    assert.match(text, /x-team-note: unknown field kept/);
    assert.match(text, /- at: "?15:05"?\n\s+author: agent\n\s+kind: action\n\s+milestone: mitigated\n\s+text: Rolled back the query planner/);
    const g = await agent.call('get_incident', { id: 'INC-101' });
    assert.equal((g.structured.data as { timeline: unknown[] }).timeline.length, 2);
  });

  it('refuses to write to a record it cannot parse, naming file, line and column', async () => {
    const before = ws.read('.incidents/INC-102.yaml');
    const a = await agent.call('log_timeline_entry', { id: 'INC-102', text: 'x' });
    assert.equal(a.isError, true);
    assert.match(a.text, /INC-102 cannot be read.*INC-102\.yaml:\d+:\d+ error/s);
    assert.equal(ws.read('.incidents/INC-102.yaml'), before);
    ws.write('.incidents/INC-101.yaml', ws.read('.incidents/INC-101.yaml').replace('priority: P2', 'priority: P9'));
    const b = await agent.call('log_timeline_entry', { id: 'INC-101', text: 'y' });
    assert.equal(b.isError, true);
    assert.match(b.text, /INC-101\.yaml:\d+:\d+ error priority/);
    assert.doesNotMatch(ws.read('.incidents/INC-101.yaml'), /text: y$/m);
  });

  it('logging into an incident that is over needs a person: the agent cannot decide it (no flag lets it through)', async () => {
    ws.write('.incidents/INC-103.yaml', incidentYaml('INC-103').replace('status: active', 'status: resolved\nresolution: 2025-03-18T16:00:00+03:00'));
    const before = ws.read('.incidents/INC-103.yaml');
    const refused = await agent.call('log_timeline_entry', { id: 'INC-103', text: 'Late note' });
    assert.equal(refused.isError, true);
    assert.match(refused.text, /INC-103 is resolved, not active: nothing was written.*only a person/s);
    const forced = await agent.call('log_timeline_entry', { id: 'INC-103', text: 'Late note', intoEndedIncident: true, at: '2025-03-18T13:30:00Z' });
    assert.equal(forced.isError, true);
    assert.equal(ws.read('.incidents/INC-103.yaml'), before);
  });

  it('a bad "at" is a readable tool error', async () => {
    ws.write('.incidents/INC-101.yaml', ws.read('.incidents/INC-101.yaml').replace('priority: P9', 'priority: P2'));
    const a = await agent.call('log_timeline_entry', { id: 'INC-101', text: 'z', at: 'yesterday' });
    assert.equal(a.isError, true);
    assert.match(a.text, /"at"/);
  });
});

describe("MCP Inspector CLI (the protocol project's own tool) against the server", function () {
  this.timeout(60000);
  const INSPECTOR = join(REPO_ROOT, 'node_modules', '@modelcontextprotocol', 'inspector-cli', 'build', 'index.js');
  const inspect = (...args: string[]) =>
    JSON.parse(
      execFileSync(process.execPath, [INSPECTOR, process.execPath, CLI, 'mcp', '--root', join(REPO_ROOT, 'examples', 'payments-demo'), ...args], {
        encoding: 'utf8',
      }),
    ) as Record<string, unknown>;

  it('lists tools, resources and prompts, calls a tool, reads a resource, gets the prompt', () => {
    assert.equal((inspect('--method', 'tools/list').tools as unknown[]).length, 6);
    const call = inspect('--method', 'tools/call', '--tool-name', 'incidents_for_code', '--tool-arg', 'files=["src/auth/session.ts"]') as {
      structuredContent: { incidents: Array<{ id: string }> };
      isError?: boolean;
    };
    assert.ok(!call.isError);
    assert.deepEqual(
      call.structuredContent.incidents.map((i) => i.id),
      ['INC-031'],
    );
    assert.ok((inspect('--method', 'resources/list').resources as Array<{ uri: string }>).some((r) => r.uri === 'incident://INC-019'));
    assert.match(JSON.stringify(inspect('--method', 'resources/read', '--uri', 'incident://INC-019')), /currency/i);
    assert.match(
      JSON.stringify(inspect('--method', 'prompts/get', '--prompt-name', 'before_changing_file', '--prompt-args', 'file=src/payments/money.ts')),
      /INC-019/,
    );
  });
});
