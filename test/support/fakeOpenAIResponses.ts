/**
 * A small local stand-in for the OpenAI Responses API (`POST /v1/responses`,
 * streamed), for driving the real Codex CLI offline: a `model_providers` entry
 * with `base_url` pointing here and `wire_api = "responses"`
 * (https://developers.openai.com/codex/config-reference). It records every
 * request and answers each one that offers tools with the next scripted
 * function call (an MCP tool is a function inside the tool namespace Codex
 * gives its server, `mcp__<server>`), then with a closing message, as the
 * server-sent events Codex reads: response.created, response.output_item.added,
 * response.output_item.done, response.completed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FunctionCall {
  /** The tool namespace, for an MCP tool `mcp__<server name with _ for ->`. */
  readonly namespace?: string;
  readonly name: string;
  readonly input: Record<string, unknown>;
}

export interface ResponsesItem {
  readonly type: string;
  readonly role?: string;
  readonly content?: Array<{ type: string; text?: string }>;
  readonly name?: string;
  readonly namespace?: string;
  readonly call_id?: string;
  readonly output?: unknown;
}

export interface ResponsesRequest {
  readonly path: string;
  readonly body: {
    model?: string;
    stream?: boolean;
    input?: ResponsesItem[];
    tools?: Array<{ type: string; name?: string; tools?: Array<{ name: string }> }>;
  };
}

export class FakeResponsesApi {
  readonly requests: ResponsesRequest[] = [];
  private server?: Server;
  private turn = 0;
  private count = 0;

  /** `script`: the function calls of the conversation, one per turn; after the last, a closing message. */
  constructor(private readonly script: readonly FunctionCall[]) {}

  /** Requests of the agent's conversation (those that offer tools), in order. */
  get mainRequests(): ResponsesRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/responses') && (r.body.tools?.length ?? 0) > 0);
  }

  /** The base URL for the provider's `base_url` (Codex appends `/responses`). */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const path = (req.url ?? '/').split('?')[0]!;
    let body: ResponsesRequest['body'] = {};
    try {
      body = text ? (JSON.parse(text) as ResponsesRequest['body']) : {};
    } catch {
      /* not JSON: recorded empty */
    }
    this.requests.push({ path, body });
    if (req.method !== 'POST' || !path.endsWith('/responses')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not here', type: 'invalid_request_error' } }));
      return;
    }
    const n = ++this.count;
    const call = (body.tools?.length ?? 0) > 0 ? this.script[this.turn++] : undefined;
    const item = call
      ? {
          type: 'function_call',
          id: `fc_fake_${n}`,
          call_id: `call_fake_${n}`,
          ...(call.namespace ? { namespace: call.namespace } : {}),
          name: call.name,
          arguments: JSON.stringify(call.input),
          status: 'completed',
        }
      : { type: 'message', id: `msg_fake_${n}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Done.', annotations: [] }] };
    const id = `resp_fake_${n}`;
    const usage = {
      input_tokens: 10,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 15,
    };
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const events = [
      { type: 'response.created', response: { id, object: 'response', status: 'in_progress', model: body.model, output: [] } },
      { type: 'response.output_item.added', output_index: 0, item },
      { type: 'response.output_item.done', output_index: 0, item },
      { type: 'response.completed', response: { id, object: 'response', status: 'completed', model: body.model, output: [item], usage } },
    ];
    for (const e of events) res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
    res.end();
  }
}
