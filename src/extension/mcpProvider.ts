/**
 * The MCP server (`incident-lens mcp`, dist/cli.js) offered to VS Code's
 * agent mode without configuration: one stdio server definition per
 * workspace folder that holds records, through
 * `vscode.lm.registerMcpServerDefinitionProvider` where this VS Code has it
 * (1.101 and later; the engine floor is older, so it is looked up at run
 * time). The `#incidents` language model tool stays (aiLearnings.ts).
 *
 * In Restricted Mode no definition is given: the server would run git in
 * the folder (check_diff). Writes (log_timeline_entry) need the setting
 * incidentLens.mcp.allowWrites.
 */
import * as vscode from 'vscode';
import { CONFIG } from './constants';
import { affects, settings } from './config';
import type { IncidentWorkspace } from './incidentWorkspace';
import type { Log } from './log';

export const MCP_PROVIDER_ID = 'incidentLens.mcp';

/** The shape of the API (typed here: @types/vscode is pinned to the engine floor). */
interface McpApi {
  registerMcpServerDefinitionProvider(
    id: string,
    provider: { onDidChangeMcpServerDefinitions?: vscode.Event<void>; provideMcpServerDefinitions(token: vscode.CancellationToken): unknown[] },
  ): vscode.Disposable;
}
type StdioDefinition = new (
  label: string,
  command: string,
  args?: string[],
  env?: Record<string, string | number | null>,
  version?: string,
) => { label: string; command: string; args: string[]; env: Record<string, string | number | null>; cwd?: vscode.Uri };

export interface McpDefinition {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | number | null>>;
  readonly cwd?: vscode.Uri;
}

export class McpServers implements vscode.Disposable {
  private readonly store: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** False when this VS Code has no MCP server definition API. */
  readonly available: boolean;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly workspace: IncidentWorkspace,
    log: Log,
  ) {
    const lm = (vscode as unknown as { lm?: Partial<McpApi> }).lm;
    const Definition = (vscode as unknown as { McpStdioServerDefinition?: StdioDefinition }).McpStdioServerDefinition;
    this.available = typeof lm?.registerMcpServerDefinitionProvider === 'function' && typeof Definition === 'function';
    if (!this.available) {
      log.info('this VS Code has no MCP server definition API; agents can still run `incident-lens mcp` (see docs/ai-and-agents.md)');
      return;
    }
    this.store.push(
      this.changed,
      lm!.registerMcpServerDefinitionProvider!(MCP_PROVIDER_ID, {
        onDidChangeMcpServerDefinitions: this.changed.event,
        provideMcpServerDefinitions: () =>
          this.definitions().map((d) => {
            const def = new Definition!(d.label, d.command, [...d.args], { ...d.env }, String(context.extension.packageJSON.version ?? ''));
            if (d.cwd) def.cwd = d.cwd;
            return def;
          }),
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => (affects(e, CONFIG.mcpAllowWrites) || affects(e, CONFIG.incidentsFolder)) && this.changed.fire()),
    );
    void workspace.ready.then(() => this.changed.fire());
  }

  /** One server per local workspace folder with records; none in Restricted Mode. */
  definitions(): McpDefinition[] {
    if (!vscode.workspace.isTrusted) return [];
    const cli = this.context.asAbsolutePath('dist/cli.js');
    const folders = this.workspace.folderIndexes().filter((f) => !f.source && f.folder.uri.scheme === 'file' && f.index.allFiles().length > 0);
    return folders.map((f) => {
      const s = settings(f.folder);
      const args = [cli, 'mcp', '--root', f.folder.uri.fsPath, '--folder', s.incidentsFolder];
      if (vscode.workspace.getConfiguration(CONFIG.section, f.folder).get<boolean>(CONFIG.mcpAllowWrites, false)) args.push('--allow-writes');
      // The extension host's own runtime: Node in a server, Electron (as Node) on the desktop.
      return {
        label: folders.length > 1 ? `Incident Lens (${f.folder.name})` : 'Incident Lens',
        command: process.execPath,
        args,
        env: { ELECTRON_RUN_AS_NODE: '1' },
        cwd: f.folder.uri,
      };
    });
  }

  dispose(): void {
    for (const d of this.store.splice(0)) d.dispose();
  }
}
