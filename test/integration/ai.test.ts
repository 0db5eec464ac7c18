import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { aiFigures, aiFiguresLine } from '../../src/core/ai/learnings';
import { api, closeAllDiscarding, deleteFile, fileUri, readFile, waitFor, workspaceRoot, writeFile } from './helpers';

const TOOL = 'incidentLens_pastIncidents';

describe('learnings reach the AI tools', () => {
  afterEach(closeAllDiscarding);
  after(async () => {
    await vscode.workspace.getConfiguration('incidentLens').update('aiInstructions.autoUpdate', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(fileUri('.github'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('the language model tool answers "what went wrong here before?" for a file', async function () {
    const { internals } = await api();
    const input = { paths: ['src/payments/stripeWebhook.ts'], symbol: 'handleStripeWebhook' };
    let text: string;
    const registered = vscode.lm?.tools?.some((t) => t.name === TOOL);
    if (registered) {
      // Through VS Code, the way agent-mode chat calls it.
      const result = await vscode.lm.invokeTool(TOOL, { input, toolInvocationToken: undefined });
      text = result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
    } else {
      text = internals.ai.pastIncidents(input);
    }
    this.test!.title += registered ? ' [through vscode.lm.invokeTool]' : ' [handler called directly: no lm.tools in this host]';
    // The record quoted as data: a block naming its file, every record line behind "| ".
    assert.match(text, /^<<<INCIDENT-NOTES id="INC-023" file="\.incidents\/INC-023\.yaml" origin="team record">>>$/m);
    assert.match(text, /^\| Title: Payment page 500 error$/m);
    assert.match(text, /^\| Root cause: Webhook handler written with Claude returned Decimal/m);
    assert.match(text, /When writing \[service\] integration/);
    assert.match(text, /^\| Linked at: src\/payments\/stripeWebhook\.ts \(handleStripeWebhook\)/m);
    assert.match(internals.ai.pastIncidents({ paths: ['src/auth/session.ts'] }), /INC-031/);
    assert.equal(internals.ai.pastIncidents({ paths: ['README.md'] }), 'No past incident is linked to README.md.');
  });

  it('Write AI Instructions writes the scoped files once; a second run changes nothing', async () => {
    await api();
    await vscode.commands.executeCommand('incidentLens.writeAiInstructions');
    const text = await readFile('.github/instructions/incident-inc-023.instructions.md');
    assert.equal((parse(text.split('---\n')[1]!) as { applyTo: string }).applyTo, 'src/payments/checkout.ts,src/payments/stripeWebhook.ts');
    const mtime = (await vscode.workspace.fs.stat(fileUri('.github/instructions/incident-inc-023.instructions.md'))).mtime;
    const results = (await vscode.commands.executeCommand('incidentLens.writeAiInstructions')) as Array<{ written: string[]; unchanged: number }>;
    assert.deepEqual(results[0]!.written, []);
    assert.equal(results[0]!.unchanged, 3);
    assert.equal((await vscode.workspace.fs.stat(fileUri('.github/instructions/incident-inc-023.instructions.md'))).mtime, mtime, 'not touched');
  });

  it('keeps the files in sync when a record changes, with the setting on', async () => {
    const { internals } = await api();
    await vscode.workspace.getConfiguration('incidentLens').update('aiInstructions.autoUpdate', true, vscode.ConfigurationTarget.Workspace);
    const file = '.incidents/INC-031.yaml';
    const original = await readFile(file);
    try {
      await writeFile(file, `${original}learning:\n  lesson: Compare expiry in the same unit on both sides.\n`);
      const written = await waitFor(
        async () => (await readFile('.github/instructions/incident-inc-031.instructions.md').catch(() => '')).includes('Compare expiry in the same unit'),
        'the INC-031 instruction file',
        15_000,
      );
      assert.ok(written);
      await writeFile(file, original);
      await waitFor(
        async () =>
          !(await vscode.workspace.fs.stat(fileUri('.github/instructions/incident-inc-031.instructions.md')).then(
            () => true,
            () => false,
          )),
        'the stale file deleted',
        15_000,
      );
    } finally {
      await writeFile(file, original);
      await vscode.workspace.getConfiguration('incidentLens').update('aiInstructions.autoUpdate', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => internals.workspace.findIncident('INC-031')?.incident.record.learning === undefined, 'INC-031 restored');
    }
  });

  it('Copy Prompt Template fills the service, file and symbol from where it was asked', async () => {
    await api();
    const text = (await vscode.commands.executeCommand('incidentLens.copyPromptTemplate', {
      incident: 'INC-023',
      file: 'src/payments/stripeWebhook.ts',
      symbol: 'handleStripeWebhook',
    })) as string;
    assert.match(text, /^When writing Payment service integration/);
    assert.match(text, /- File: src\/payments\/stripeWebhook\.ts \(handleStripeWebhook\)/);
    assert.match(text, /- Still to fill in: \[type requirements\]/);
  });

  it('shows the AI connection figures in the Incidents view title', async () => {
    const { internals } = await api();
    await waitFor(() => internals.incidentsView.description, 'the figures');
    // Both fixture folders: the demo (INC-023, INC-027 AI-linked) and the second service.
    const all = internals.workspace.folderIndexes().flatMap((f) => f.index.incidents());
    assert.equal(internals.incidentsView.description, aiFiguresLine(aiFigures(all)));
    assert.match(internals.incidentsView.description!, /^AI-linked \d+% · resolve \d+h \d+m vs \d+h \d+m$/);
  });
});

describe('Add the CI Check', () => {
  it('writes the GitHub Actions workflow once and never overwrites an existing one', async () => {
    await api();
    const folder = vscode.workspace.workspaceFolders![0]!.uri.toString();
    const path = '.github/workflows/incident-lens.yml';
    try {
      const uri = (await vscode.commands.executeCommand('incidentLens.addCiCheck', { folder })) as vscode.Uri;
      assert.ok(uri.path.endsWith(path));
      const text = await readFile(path);
      // The CLI at the extension's own version, installed outside the checkout; never npx.
      const version = vscode.extensions.getExtension('incident-lens.incident-lens')!.packageJSON.version as string;
      assert.match(text, new RegExp(`VERSION: "${version.replace(/\./g, '\\.')}"\n`));
      assert.match(text, /--ignore-scripts --prefix "\$RUNNER_TEMP\/incident-lens" "incident-lens@\$VERSION"/);
      assert.match(text, /run: incident-lens lint\n/);
      assert.match(text, /run: incident-lens risk --diff \$\{\{ github\.event\.pull_request\.base\.sha \}\} --fail-on P1\n/);
      assert.doesNotMatch(text, /npx/);
      await writeFile(path, `${text}# edited by the team\n`);
      await vscode.commands.executeCommand('incidentLens.addCiCheck', { folder });
      assert.ok((await readFile(path)).endsWith('# edited by the team\n'), 'an existing workflow is left as it is');
    } finally {
      await deleteFile(path);
    }
  });
});

describe('the MCP server for agent mode', () => {
  it('is defined for VS Code through registerMcpServerDefinitionProvider, and the definition starts a working server', async function () {
    this.timeout(60000);
    const { internals } = await api();
    const lm = vscode.lm as unknown as { registerMcpServerDefinitionProvider?: unknown };
    if (!internals.mcp.available) {
      this.test!.title += ' [API absent in this VS Code: nothing registered]';
      assert.notEqual(typeof lm?.registerMcpServerDefinitionProvider, 'function');
      return;
    }
    this.test!.title += ` [VS Code ${vscode.version} has the API]`;
    const defs = internals.mcp.definitions();
    const withRecords = internals.workspace.folderIndexes().filter((f) => !f.source && f.index.allFiles().length > 0);
    assert.equal(defs.length, withRecords.length, 'one server per workspace folder with records');
    const def = defs.find((d) => d.args[3] === workspaceRoot().fsPath);
    assert.ok(def, defs.map((d) => d.args.join(' ')).join('\n'));
    assert.equal(def.label, defs.length > 1 ? `Incident Lens (${vscode.workspace.getWorkspaceFolder(workspaceRoot())!.name})` : 'Incident Lens');
    assert.deepEqual(def.args.slice(1, 3), ['mcp', '--root']);
    assert.ok(!def!.args.includes('--allow-writes'), 'read-only unless the setting allows writes');
    // Start it exactly as VS Code would, and talk to it with the SDK's client.
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
    const client = new Client({ name: 'integration', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: def!.command,
        args: [...def!.args],
        env: { ...process.env, ...def!.env } as Record<string, string>,
        cwd: def!.cwd?.fsPath,
        stderr: 'ignore',
      }),
    );
    try {
      const { tools } = await client.listTools();
      assert.equal(tools.length, 6);
      const r = (await client.callTool({ name: 'incidents_for_code', arguments: { files: ['src/payments/stripeWebhook.ts'] } })) as {
        structuredContent?: { incidents: Array<{ id: string }> };
      };
      assert.deepEqual(
        r.structuredContent!.incidents.map((i) => i.id),
        ['INC-023'],
      );
    } finally {
      await client.close();
    }
    // A repository's own .vscode/settings.json cannot let agents write (the setting is machine-scoped)…
    const settingsFile = join(workspaceRoot().fsPath, '.vscode', 'settings.json');
    const before = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined;
    mkdirSync(dirname(settingsFile), { recursive: true });
    // A resource setting beside it tells when VS Code has read the file (a machine setting there is dropped, so it cannot be waited for).
    writeFileSync(
      settingsFile,
      JSON.stringify(
        { ...(before ? (JSON.parse(before) as object) : {}), 'incidentLens.mcp.allowWrites': true, 'incidentLens.maxFileSize': 1_000_001 },
        null,
        2,
      ),
    );
    try {
      await waitFor(
        () => vscode.workspace.getConfiguration('incidentLens', workspaceRoot()).get('maxFileSize') === 1_000_001,
        'the committed settings file read by VS Code',
      );
      assert.equal(vscode.workspace.getConfiguration('incidentLens', workspaceRoot()).get('mcp.allowWrites'), false, 'ignored from the repository');
      assert.ok(
        !internals.mcp
          .definitions()
          .find((d) => d.args[3] === workspaceRoot().fsPath)
          ?.args.includes('--allow-writes'),
        'still read-only',
      );
    } finally {
      if (before === undefined) rmSync(settingsFile);
      else writeFileSync(settingsFile, before);
    }
    // …the person's own (user) setting can.
    await vscode.workspace.getConfiguration('incidentLens').update('mcp.allowWrites', true, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(
        () =>
          internals.mcp
            .definitions()
            .find((d) => d.args[3] === workspaceRoot().fsPath)
            ?.args.includes('--allow-writes'),
        'the setting read',
      );
    } finally {
      await vscode.workspace.getConfiguration('incidentLens').update('mcp.allowWrites', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
