import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { BoundedStdioTransport, requestIdOf } from '../../../src/mcp/boundedStdioTransport';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';

/** The MCP server as a real process, spoken to in raw JSON-RPC lines over stdio. */
class RawServer {
  readonly proc: ChildProcessWithoutNullStreams;
  stderr = '';
  private buffer = '';
  private readonly waiting: Array<(m: Record<string, unknown>) => void> = [];
  private readonly queued: Array<Record<string, unknown>> = [];
  exited = false;

  constructor(root: string) {
    this.proc = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'mcp', '--root', root]);
    this.proc.stderr.on('data', (c: Buffer) => (this.stderr += c.toString()));
    this.proc.on('exit', () => (this.exited = true));
    this.proc.stdout.on('data', (c: Buffer) => {
      this.buffer += c.toString();
      let nl;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const m = JSON.parse(this.buffer.slice(0, nl)) as Record<string, unknown>;
        this.buffer = this.buffer.slice(nl + 1);
        const w = this.waiting.shift();
        if (w) w(m);
        else this.queued.push(m);
      }
    });
  }

  next(): Promise<Record<string, unknown>> {
    const q = this.queued.shift();
    return q ? Promise.resolve(q) : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Writes a line in pieces, as a pipe delivers a large one. */
  async send(line: string): Promise<void> {
    for (let i = 0; i < line.length; i += 1 << 20) {
      if (!this.proc.stdin.write(line.slice(i, i + (1 << 20)))) await new Promise((r) => this.proc.stdin.once('drain', r));
    }
    this.proc.stdin.write('\n');
  }

  stop(): void {
    this.proc.kill();
  }
}

describe('MCP server: a request over 10 MB (test/fixtures/hostile/large-files)', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  let server: RawServer;
  before(() => {
    ws = new TempWorkspace(true);
    server = new RawServer(ws.root);
  });
  after(() => {
    server.stop();
    ws.dispose();
  });

  it('answers a JSON-RPC error for that request, says so on stderr, and keeps serving', async () => {
    await server.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } },
      }),
    );
    assert.equal((await server.next()).id, 1);
    await server.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    // The SDK client's order: method, params, then jsonrpc and id last.
    const huge = JSON.stringify({
      method: 'tools/call',
      params: { name: 'search_incidents', arguments: { query: 'x'.repeat(12 * 1024 * 1024) } },
      jsonrpc: '2.0',
      id: 2,
    });
    await server.send(huge);
    const refused = await server.next();
    assert.equal(refused.id, 2);
    assert.equal((refused.error as { code: number }).code, -32600);
    assert.match((refused.error as { message: string }).message, /request of \d+ bytes ignored: the MCP server takes messages up to 10485760 bytes/);
    assert.match(server.stderr, /incident-lens mcp: request of \d+ bytes ignored.*\(request id 2\); still serving/);
    await server.send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'search_incidents', arguments: { query: 'stripe' } } }));
    const after = await server.next();
    assert.equal(after.id, 3);
    assert.match(JSON.stringify(after.result), /INC-023/);
    assert.equal(server.exited, false, 'the server is still running');
  });

  it('a line that is not JSON gets a parse error, and the server keeps serving', async () => {
    await server.send('{"jsonrpc":"2.0","id":4,"method":');
    const bad = await server.next();
    assert.equal((bad.error as { code: number }).code, -32700);
    assert.equal(bad.id, 4);
    await server.send(JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/list' }));
    assert.equal((await server.next()).id, 5);
  });

  it('the transport holds at most the limit of a skipped line, and reads ids from either end', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const logged: string[] = [];
    const t = new BoundedStdioTransport(stdin, stdout, (l) => logged.push(l), 1000);
    const got: unknown[] = [];
    t.onmessage = (m) => got.push(m);
    await t.start();
    stdin.write(`{"jsonrpc":"2.0","id":"a","method":"x","params":{"s":"${'y'.repeat(5000)}"}}\n{"jsonrpc":"2.0","id":9,"method":"ping"}\n`);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(got, [{ jsonrpc: '2.0', id: 9, method: 'ping' }]);
    assert.match(String(stdout.read()), /^\{"jsonrpc":"2.0","id":"a","error":\{"code":-32600,/);
    assert.equal(logged.length, 1);
    assert.equal(requestIdOf('{"method":"x","params":{"id":1}', ',"params":{"id":1}}'), null, 'a nested id is not the request id');
    assert.equal(requestIdOf('{"method":"x"', '"x","jsonrpc":"2.0","id":12}'), 12);
  });
});
