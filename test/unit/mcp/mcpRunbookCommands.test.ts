/**
 * Runbook commands as an agent meets them over MCP (issue 27, High #2): one
 * line each, a command a terminal would act on quoted with its characters
 * escaped and marked refused, and the note that commands are for the on-call
 * person, not the agent.
 */
import { strict as assert } from 'node:assert';
import { RUNBOOK_COMMANDS_NOTE } from '../../../src/core/present/summaries';
import { McpAgent } from '../../support/mcpAgent';
import { TempWorkspace } from '../../support/workspace';

const RB = '.incidents/runbooks/RB-payments-rollback.yaml';

describe('MCP: runbook commands are one quoted line, for the on-call person (real process)', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let agent: McpAgent;
  before(async () => {
    ws = new TempWorkspace(true);
    ws.write(
      RB,
      ws
        .read(RB)
        .replace(
          "command: git tag --list 'payments-*' --sort=-creatordate | head -n 5",
          'command: "git tag --list\\ntouch /tmp/incident-lens-PWNED-mcp \\u001b[2J"',
        ),
    );
    agent = await new McpAgent().start(ws.root);
  });
  after(async () => {
    await agent.stop();
    ws.dispose();
  });

  it('incidents_for_code: the hostile command on one escaped line, refused, with the note', async () => {
    const a = await agent.call('incidents_for_code', { files: ['src/payments/stripeWebhook.ts'] });
    assert.equal(a.isError, false, a.text);
    assert.ok(a.text.includes(RUNBOOK_COMMANDS_NOTE), a.text);
    const lines = a.text.split('\n').filter((l) => l.includes('PWNED'));
    assert.equal(lines.length, 1, 'the command is on one line');
    assert.match(lines[0]!, /\$ "git tag --list\\ntouch \/tmp\/incident-lens-PWNED-mcp \\u\{001B\}\[2J" {2}\(refused: holds control characters, see lint\)/);
    assert.doesNotMatch(a.text, /\u001b/);
    assert.match(a.text, /\$ \.\/scripts\/deploy\.sh payments --tag <last-good-tag>/, 'a plain command as written');
  });
});
