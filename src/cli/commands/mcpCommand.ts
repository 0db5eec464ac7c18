/**
 * `incident-lens mcp`: starts the MCP server (src/mcp/) over stdio on this
 * workspace's records, read-only unless --allow-writes. Nothing but the
 * protocol goes to stdout: messages for people go to stderr.
 */
import { promises as fs } from 'node:fs';
import { DEFAULT_INCIDENTS_FOLDER } from '../../core/index/incidentIndex';
import { BoundedStdioTransport } from '../../mcp/boundedStdioTransport';
import { incidentServer } from '../../mcp/mcpServer';
import { McpWorkspace } from '../../mcp/mcpWorkspace';
import { focusedIndexes } from '../../node/focusedRecords';
import { cliCache, now, openWorkspace, parse, UsageError, workspaceRoot, type Io } from '../common';

export async function mcp(args: string[], io: Io, version: string): Promise<number> {
  const { values, positionals } = parse(args, {
    'allow-writes': { type: 'boolean' },
    'read-only': { type: 'boolean' },
    source: { type: 'string', multiple: true },
  });
  if (values['allow-writes'] && values['read-only']) throw new UsageError('--read-only and --allow-writes contradict each other (read-only is the default)');
  const root = workspaceRoot(values, positionals[0]);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new UsageError(`workspace folder "${root}" does not exist`);
  const folder = values.folder ?? DEFAULT_INCIDENTS_FOLDER;
  const sources = values.source ?? [];
  // Serving at once: incidents_for_code answers from the records that may bear on its files until the load is in.
  const ws = McpWorkspace.start(
    root,
    (watch) => openWorkspace(root, folder, { sources, io, watch, allowEmpty: true, headsOnly: true }),
    async (files) => {
      const early = await focusedIndexes(root, files, {
        folder,
        extraSources: sources.map((p) => ({ path: p, from: '--source' as const })),
        cache: cliCache(),
      });
      if (early)
        io.err(
          `incident-lens mcp: incidents_for_code answered from ${early.reduce((n, i) => n + i.allFiles().length, 0)} records that may bear on its files, before the full load`,
        );
      return early;
    },
  );
  const allowWrites = !!values['allow-writes'];
  const server = incidentServer(ws, { allowWrites, version, now });
  const transport = new BoundedStdioTransport(); // an oversized request is answered with an error, the server keeps serving
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.on('end', () => resolve());
  });
  await server.connect(transport);
  try {
    await ws.ready;
  } catch (err) {
    await server.close().catch(() => undefined);
    throw err;
  }
  io.err(`incident-lens mcp: serving ${ws.incidents().length} incidents of ${root} over stdio (${allowWrites ? 'writes allowed' : 'read-only'})`);
  await closed;
  await server.close().catch(() => undefined);
  return 0;
}
