/**
 * Benchmark pass (runIntegration.js --bench): opens a linked file as soon as
 * the suite starts and measures, inside the real extension host, how long
 * activate() took and when the first CodeLens of that file was available,
 * both from the start of activate(). Writes the figures for the driver.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maxBlock, timed } from '../../../scripts/bench/measure';
import * as vscode from 'vscode';
import type { IncidentLensApi } from '../../../src/extension/extension';
import { EXTENSION_ID } from '../../../src/extension/constants';

describe('benchmark: activation and first CodeLens', function () {
  this.timeout(600_000);

  it('measures activate() and the first CodeLens of a linked file', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    const target = readFileSync(join(root.fsPath, '.bench-target'), 'utf8').trim();
    const uri = vscode.Uri.joinPath(root, ...target.split('/'));
    const ext = vscode.extensions.getExtension<IncidentLensApi>(EXTENSION_ID)!;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // The extension activates on workspaceContains, usually before this suite runs: when the file was shown, from activate().
    const shownAt = performance.now();
    const api = await ext.activate();
    const { timing } = api.internals;
    const openedMs = shownAt - timing.activateStart;
    let firstLensMs: number | undefined;
    for (;;) {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
      if (lenses.some((l) => l.command?.title.startsWith('⚠'))) {
        firstLensMs = performance.now() - timing.activateStart;
        break;
      }
      if (performance.now() - timing.activateStart > 550_000) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await api.ready;
    const indexes = api.internals.workspace.folderIndexes().map((f) => f.index);
    const files = indexes.reduce((n, index) => n + index.allFiles().length, 0);
    // Heads first: the full read behind the heads (diagnostics, search, the cache), from the start of activate().
    await Promise.all(indexes.map((index) => index.fullRead));
    const fullReadMs = performance.now() - timing.activateStart;
    // A warm start in this extension host: the cache in the extension's storage, written after
    // the first load, serves a reload (what the next window on this workspace does).
    await Promise.all(indexes.map((index) => index.cacheWrite));
    const reload = await maxBlock(() => timed(() => api.internals.workspace.reload()));
    await Promise.all(indexes.map((index) => index.searchBuild));
    // The Insights view: from the command to its charts painted in the webview.
    const folder = root.toString();
    const t0 = performance.now();
    await vscode.commands.executeCommand('incidentLens.showInsights', { folder });
    while (api.internals.insights.paintedAt(folder) === undefined && performance.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 10));
    const insightsPaintMs = (api.internals.insights.paintedAt(folder) ?? NaN) - t0;
    const insightsIncidents = api.internals.insights.shownData(folder)?.total;
    writeFileSync(
      join(root.fsPath, '.bench-result.json'),
      JSON.stringify({
        files,
        activateMs: timing.activateMs,
        readyMs: api.internals.timing.readyMs,
        fullReadMs,
        firstLensMs,
        openedMs,
        warmReloadMs: reload.value.ms,
        warmReloadLongestBlockMs: reload.blockedMs,
        warmReloadLongestGcMs: reload.gcMs,
        insightsPaintMs,
        insightsIncidents,
      }),
    );
    assert.ok(firstLensMs !== undefined, `no CodeLens on ${target}`);
  });
});
