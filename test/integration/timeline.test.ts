import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, closeAllDiscarding, readFile, waitFor, workspaceRoot, writeFile } from './helpers';

describe('timeline webview', () => {
  afterEach(async () => {
    await closeAllDiscarding();
  });

  it('opens one panel per incident and reveals it when asked again', async () => {
    const { internals } = await api();
    const folder = workspaceRoot().toString();
    const panel = (await vscode.commands.executeCommand('incidentLens.showTimeline', { incident: 'INC-023' })) as vscode.WebviewPanel;
    assert.equal(panel.title, 'INC-023 Timeline');
    assert.equal(panel.viewType, 'incidentLens.timeline');
    assert.equal(internals.timelines.get(folder, 'INC-023'), panel);
    const again = await vscode.commands.executeCommand('incidentLens.showTimeline', { incident: 'inc-023' });
    assert.equal(again, panel, 'the same panel is revealed');
    const html = panel.webview.html;
    assert.match(
      html,
      /Content-Security-Policy" content="default-src 'none'; style-src [^;]+; font-src [^;]+; img-src [^;]+; script-src 'nonce-[A-Za-z0-9+/=]{24}'"/,
    );
    // Every resource is one of the extension's own files, through asWebviewUri.
    const extensionUri = vscode.extensions.getExtension('incident-lens.incident-lens')!.extensionUri;
    const own = ['dist/webview.js', 'dist/codicons/codicon.css', 'media/timeline.css'].map((p) =>
      panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p.split('/'))).toString(),
    );
    const used = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    assert.deepEqual(used.sort(), own.sort());
    assert.equal(panel.webview.options.enableScripts, true);
    assert.deepEqual(
      panel.webview.options.localResourceRoots?.map((u) => u.path.split('/').pop()),
      ['media', 'dist'],
    );
  });

  it('round-trips a message: an entry added from the webview lands in the YAML through the edit path', async () => {
    const { internals } = await api();
    const file = '.incidents/INC-031.yaml';
    const original = await readFile(file);
    const panel = (await vscode.commands.executeCommand('incidentLens.showTimeline', { incident: 'INC-031' })) as vscode.WebviewPanel;
    try {
      await internals.timelines.handleMessage(panel, { type: 'addEntry', kind: 'finding', text: 'Found from the timeline view.' });
      const after = await readFile(file);
      assert.match(after, /\n {4}author: Integration Test\n {4}kind: finding\n {4}text: Found from the timeline view\.\n/);
      await waitFor(() => internals.workspace.findIncident('INC-031')!.incident.timeline.length === 4, 'the index to follow');
      // Anything not in the protocol is rejected before it can act.
      for (const bad of [
        { type: 'addEntry', kind: 'event', text: '' },
        { type: 'runCommand', command: 'workbench.action.terminal.new' },
        { type: 'openEntry', path: 'x' },
      ]) {
        await internals.timelines.handleMessage(panel, bad);
      }
      assert.equal(await readFile(file), after, 'invalid messages changed nothing');
    } finally {
      await writeFile(file, original);
      await waitFor(() => internals.workspace.findIncident('INC-031')!.incident.timeline.length === 3, 'restore');
    }
  });

  it('survives a reload: the serializer restores a panel from its state', async () => {
    const { internals } = await api();
    const panel = vscode.window.createWebviewPanel('incidentLens.timeline', 'restoring', vscode.ViewColumn.Active, {});
    await internals.timelines.deserializeWebviewPanel(panel, { folder: workspaceRoot().toString(), incident: 'INC-027' });
    assert.equal(internals.timelines.get(workspaceRoot().toString(), 'INC-027'), panel);
    assert.match(panel.webview.html, /"incident":"INC-027"/);
    panel.dispose();
    assert.equal(internals.timelines.get(workspaceRoot().toString(), 'INC-027'), undefined, 'a closed panel is forgotten');
  });

  it('an active incident lists similar past incidents, alike in cause; one opens its timeline', async () => {
    const { internals } = await api();
    const folder = workspaceRoot().toString();
    // A past incident alike INC-031 (expiry compared in mixed units) in cause, on other code.
    const file = '.incidents/INC-012.yaml';
    await writeFile(
      file,
      `id: INC-012
title: API tokens rejected right after issue
status: closed
priority: P3
start: 2025-02-03T09:10:00Z
resolution: 2025-02-03T10:00:00Z
impact:
  system: API gateway
rootCause:
  confirmed: Token expiry compared in seconds against a clock read in milliseconds, so every token looked expired.
learning:
  lesson: Keep expiry units in the type (Seconds vs Millis); test expiry with real clocks.
links:
  - path: src/gateway/tokens.ts
`,
    );
    try {
      await waitFor(() => internals.workspace.findIncident('INC-012'), 'the new record indexed');
      const panel = (await vscode.commands.executeCommand('incidentLens.showTimeline', { incident: 'INC-031' })) as vscode.WebviewPanel;
      // Similar incidents arrive after the first paint (read in slices on big folders).
      const model = await waitFor(
        () => (internals.timelines.shownModel(folder, 'INC-031')?.similar.length ? internals.timelines.shownModel(folder, 'INC-031') : undefined),
        'similar incidents in the timeline',
      );
      assert.equal(model.status, 'active');
      assert.equal(model.similar[0]?.id, 'INC-012', JSON.stringify(model.similar));
      assert.match(model.similar[0]!.why, /root cause/);
      assert.match(model.similar[0]!.why, /expiry/);
      await internals.timelines.handleMessage(panel, { type: 'openIncident', id: 'INC-012' });
      await waitFor(() => internals.timelines.get(folder, 'INC-012'), 'INC-012 timeline opened from the list');
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), '.incidents', 'INC-012.yaml'));
      await waitFor(() => !internals.workspace.findIncident('INC-012'), 'the record removed');
    }
  });
});
