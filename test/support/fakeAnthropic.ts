/**
 * A small local stand-in for the Anthropic Messages API, for driving the real
 * Claude Code offline (ANTHROPIC_BASE_URL): it records every request and
 * answers the agent's main conversation (requests that offer tools) with
 * scripted tool calls, one per turn, as streamed server-sent events (or JSON
 * when the request does not stream); any side request (titles, summaries) gets
 * a short text.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ToolCall {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

export interface RecordedRequest {
  readonly path: string;
  readonly body: { model?: string; stream?: boolean; tools?: Array<{ name: string }>; messages?: Array<{ role: string; content: unknown }>; system?: unknown };
}

function sse(res: ServerResponse, events: Array<Record<string, unknown>>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const e of events) res.write(`event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`);
  res.end();
}

function message(model: string, n: number, content: Array<Record<string, unknown>>, stop: string): Record<string, unknown> {
  return {
    id: `msg_fake_${n}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5 },
  };
}

export class FakeAnthropic {
  readonly requests: RecordedRequest[] = [];
  private server?: Server;
  private turn = 0;
  private count = 0;

  /** `script`: the tool calls of the main conversation, one per turn; after the last, a closing text. */
  constructor(private readonly script: readonly ToolCall[]) {}

  /** Requests of the main conversation (those that offer tools), in order. */
  get mainRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/v1/messages') && !r.path.includes('count_tokens') && (r.body.tools?.length ?? 0) > 0);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const path = (req.url ?? '/').split('?')[0]!;
    let body: RecordedRequest['body'] = {};
    try {
      body = text ? (JSON.parse(text) as RecordedRequest['body']) : {};
    } catch {
      /* not JSON: recorded empty */
    }
    this.requests.push({ path, body });
    if (path.endsWith('/count_tokens')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ input_tokens: 100 }));
      return;
    }
    if (!path.startsWith('/v1/messages')) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'not here' } }));
      return;
    }
    const model = body.model ?? 'claude-sonnet-4-5';
    const n = ++this.count;
    const main = (body.tools?.length ?? 0) > 0;
    const call = main ? this.script[this.turn++] : undefined;
    const block = call
      ? { type: 'tool_use', id: `toolu_fake_${n}`, name: call.name, input: call.input }
      : { type: 'text', text: main ? 'Done.' : 'Fake title' };
    const stop = call ? 'tool_use' : 'end_turn';
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(message(model, n, [block], stop)));
      return;
    }
    const start = call ? { ...block, input: {} } : { type: 'text', text: '' };
    const delta = call
      ? { type: 'input_json_delta', partial_json: JSON.stringify(call.input) }
      : { type: 'text_delta', text: (block as { text: string }).text };
    sse(res, [
      { type: 'message_start', message: { ...message(model, n, [], stop), stop_reason: null } },
      { type: 'content_block_start', index: 0, content_block: start },
      { type: 'content_block_delta', index: 0, delta },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 5 } },
      { type: 'message_stop' },
    ]);
  }
}
