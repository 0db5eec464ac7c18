/**
 * The MCP server's first incidents_for_code before its load is in (issue 29):
 * answered from only the records that may bear on the files
 * (src/node/focusedRecords.ts), it must say exactly what the server says once
 * every record is read — on the demo and on the hostile records of
 * test/fixtures/hostile/focused-risk, through the real process and the SDK's
 * client.
 */
import { strict as assert } from 'node:assert';
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';
import { McpAgent as Agent } from '../../support/mcpAgent';

/** Waits (at most 5 s) for the server's stderr to say it: the pipe may deliver it after the answer. */
async function stderrSays(agent: Agent, said: RegExp): Promise<void> {
  for (let i = 0; i < 100 && !said.test(agent.stderr); i++) await new Promise((r) => setTimeout(r, 50));
  assert.match(agent.stderr, said);
}

describe('MCP server: incidents_for_code before the load is in', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  before(() => {
    ws = new TempWorkspace(true);
    const hostile = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'focused-risk');
    for (const f of readdirSync(hostile).filter((n) => n.endsWith('.yaml'))) cpSync(join(hostile, f), join(ws.root, '.incidents', f));
    ws.write('src/pay/charge.ts', 'export function chargeCard() {\n  return 1;\n}\n');
  });
  after(() => ws.dispose());

  const asks: Array<Record<string, unknown>> = [
    { files: ['src/payments/stripeWebhook.ts'] },
    { files: ['src/payments/stripeWebhook.ts'], symbol: 'toStripeAmount' },
    { files: ['src/payments/checkout.ts', 'src/payments/money.ts'] },
    { files: ['src/pay/charge.ts'] },
    { files: ['src/pay/charge.ts'], startLine: 1, endLine: 2 },
    { files: ['src/nothing/links/this.ts'] },
  ];

  for (const ask of asks) {
    it(`${JSON.stringify(ask)}: the early answer is the loaded one`, async () => {
      const agent = await new Agent().start(ws.root);
      try {
        const early = await agent.call('incidents_for_code', ask);
        // Said on stderr before the answer is sent, only when the early read answered (the server waits for nothing else).
        await stderrSays(agent, /answered from \d+ records that may bear on its files, before the full load/);
        // A question that needs every record waits for the load; the same question after it is answered from it.
        await agent.call('search_incidents', { query: 'payments' });
        await stderrSays(agent, /serving \d+ incidents/);
        const loaded = await agent.call('incidents_for_code', ask);
        assert.equal(early.isError, false);
        assert.equal(early.text, loaded.text);
        assert.deepEqual(early.structured, loaded.structured);
      } finally {
        await agent.stop();
      }
    });
  }

  it('the hostile records are all in the early answer for the charge code', async () => {
    const agent = await new Agent().start(ws.root);
    try {
      const a = await agent.call('incidents_for_code', { files: ['src/pay/charge.ts'] });
      const ids = (a.structured.incidents ?? []).map((i) => i.id);
      for (const id of ['INC-900', 'INC-901', 'INC-902', 'INC-903']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
      for (const rb of ['RB-quoted', 'RB-named-only', 'RB-plain-named']) assert.match(a.text, new RegExp(`id="${rb}"`));
      // An id outside the workspace is refused before anything is read.
      const out = await agent.call('incidents_for_code', { files: ['../outside.ts'] });
      assert.equal(out.isError, true);
    } finally {
      await agent.stop();
    }
  });
});
