/** A coding agent's side of the MCP server: the built CLI as a real process, driven by the official SDK client over stdio. */
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { REPO_ROOT } from './workspace';

export const CLI = join(REPO_ROOT, 'dist', 'cli.js');

export interface ToolAnswer {
  text: string;
  isError: boolean;
  structured: Record<string, unknown> & {
    incidents?: Array<Record<string, unknown>>;
    results?: Array<Record<string, unknown>>;
    data?: Record<string, unknown>;
  };
}

export class McpAgent {
  readonly client = new Client({ name: 'incident-lens-test', version: '1.0.0' });
  stderr = '';
  private transport?: StdioClientTransport;

  async start(root: string, ...flags: string[]): Promise<this> {
    this.transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', '--root', root, ...flags],
      cwd: root,
      stderr: 'pipe',
      env: { ...process.env, INCIDENT_LENS_NOW: '2025-11-02T10:00:00Z' } as Record<string, string>,
    });
    this.transport.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    await this.client.connect(this.transport);
    return this;
  }

  async call(name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
    const r = (await this.client.callTool({ name, arguments: args })) as {
      content: Array<{ type: string; text?: string }>;
      isError?: boolean;
      structuredContent?: Record<string, unknown>;
    };
    return { text: r.content.map((c) => c.text ?? '').join('\n'), isError: !!r.isError, structured: (r.structuredContent ?? {}) as ToolAnswer['structured'] };
  }

  async stop(): Promise<void> {
    await this.client.close();
  }
}
