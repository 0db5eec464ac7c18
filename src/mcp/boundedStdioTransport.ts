/**
 * The MCP server's stdio transport: newline-delimited JSON-RPC, as the SDK's
 * StdioServerTransport reads it, with one difference. The SDK's buffer throws
 * on a message over 10 MB and closes the transport, so one oversized request
 * (an agent pasting a huge diff) ended the server without a word. Here an
 * oversized line is skipped as it streams in (never held in memory past the
 * limit), answered with a JSON-RPC error (for its id, when it can be read),
 * said on stderr, and the server keeps serving. Lines are gathered as chunks
 * and joined once, so a large message costs its size, not its size squared.
 */
import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export const MAX_MCP_MESSAGE_BYTES = 10 * 1024 * 1024;

/** JSON-RPC's codes for a line that is not JSON, and for a request that cannot be taken. */
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;

/** Enough of the start and end of a skipped line to find the request's id. */
const KEEP = 4096;

type Id = string | number | null;

/** The top-level id of a request line, from its start (`{"jsonrpc":"2.0","id":7,…`) or its end (`…,"id":7}`, the SDK's order). */
export function requestIdOf(head: string, tail: string): Id {
  const value = String.raw`(-?\d+|"(?:[^"\\]|\\.)*")`;
  const m =
    new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${value}`).exec(head) ??
    new RegExp(String.raw`[,{]\s*"id"\s*:\s*${value}\s*\}\s*$`).exec(tail);
  if (!m) return null;
  try {
    return JSON.parse(m[1]!) as string | number;
  } catch {
    return null;
  }
}

export class BoundedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private chunks: Buffer[] = [];
  private size = 0;
  /** The line being skipped: its first and last bytes (for the id) and its length so far. */
  private skipping?: { head: string; tail: Buffer; bytes: number };

  constructor(
    private readonly stdin: Readable = process.stdin,
    private readonly stdout: Writable = process.stdout,
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly maxBytes = MAX_MCP_MESSAGE_BYTES,
  ) {}

  private readonly onData = (chunk: Buffer | string): void => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (;;) {
      const nl = data.indexOf(10, start);
      this.take(nl < 0 ? data.subarray(start) : data.subarray(start, nl));
      if (nl < 0) return;
      this.endOfLine();
      start = nl + 1;
    }
  };

  private readonly onStreamError = (err: Error): void => this.onerror?.(err);

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onStreamError);
  }

  private take(piece: Buffer): void {
    if (!piece.length) return;
    if (this.skipping) {
      this.skipping.bytes += piece.length;
      this.skipping.tail = Buffer.concat([this.skipping.tail, piece]).subarray(-KEEP);
      return;
    }
    if (this.size + piece.length > this.maxBytes) {
      const all = Buffer.concat([...this.chunks, piece]);
      this.skipping = { head: all.subarray(0, KEEP).toString('utf8'), tail: Buffer.from(all.subarray(-KEEP)), bytes: all.length };
      this.chunks = [];
      this.size = 0;
      return;
    }
    this.chunks.push(piece);
    this.size += piece.length;
  }

  private endOfLine(): void {
    if (this.skipping) {
      const { head, tail, bytes } = this.skipping;
      this.skipping = undefined;
      const id = requestIdOf(head, tail.toString('utf8'));
      const message = `request of ${bytes} bytes ignored: the MCP server takes messages up to ${this.maxBytes} bytes (send less: a file path instead of its text, a smaller diff)`;
      this.log(`incident-lens mcp: ${message}${id === null ? '' : ` (request id ${JSON.stringify(id)})`}; still serving`);
      this.reply(id, INVALID_REQUEST, message);
      return;
    }
    const line = Buffer.concat(this.chunks, this.size).toString('utf8').replace(/\r$/, '');
    this.chunks = [];
    this.size = 0;
    if (!line.trim()) return;
    let message: JSONRPCMessage;
    try {
      message = JSONRPCMessageSchema.parse(JSON.parse(line));
    } catch (err) {
      this.onerror?.(err as Error);
      this.reply(requestIdOf(line.slice(0, KEEP), line.slice(-KEEP)), PARSE_ERROR, `not a JSON-RPC message: ${(err as Error).message.split('\n')[0]}`);
      return;
    }
    this.onmessage?.(message);
  }

  /** An error answer written directly: the SDK's message type has no error without an id. */
  private reply(id: Id, code: number, message: string): void {
    this.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } })}\n`);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onStreamError);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.chunks = [];
    this.size = 0;
    this.onclose?.();
  }
}
