import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, closeAllDiscarding, waitFor, workspaceRoot } from './helpers';

/** The CLI bundled with the extension, run as a real process on the same folder. */
function cliJson(args: string[]): unknown {
  const ext = vscode.extensions.getExtension('incident-lens.incident-lens')!;
  const out = execFileSync('node', [join(ext.extensionPath, 'dist', 'cli.js'), ...args, '--root', workspaceRoot().fsPath], {
    encoding: 'utf8',
    env: { ...process.env },
  });
  return JSON.parse(out);
}

describe('Insights view', function () {
  this.timeout(60_000);
  afterEach(() => closeAllDiscarding());

  it('draws the numbers the CLI prints; filters change them; a hotspot opens its code; bad messages are refused', async () => {
    const { internals } = await api();
    const folder = workspaceRoot().toString();
    const panel = (await vscode.commands.executeCommand('incidentLens.showInsights', { folder })) as vscode.WebviewPanel;
    assert.equal(panel.viewType, 'incidentLens.insights');
    assert.match(
      panel.webview.html,
      /Content-Security-Policy" content="default-src 'none'; style-src [^;]+ 'nonce-[A-Za-z0-9+/=]{24}'; font-src [^;]+; img-src [^;]+; script-src 'nonce-[A-Za-z0-9+/=]{24}'"/,
    );
    await internals.insights.handleMessage(panel, { type: 'ready' });
    const data = internals.insights.shownData(folder)!;
    // The same rows as `incident-lens metrics --format json`, and the same hotspots as `hotspots`.
    const cli = cliJson(['metrics', '--format', 'json']) as { rows: unknown[]; counted: number };
    assert.deepEqual(JSON.parse(JSON.stringify(data.report.rows)), cli.rows);
    assert.equal(data.report.counted, cli.counted);
    const hot = cliJson(['hotspots', '--format', 'json', '--limit', '15']) as unknown[];
    assert.deepEqual(JSON.parse(JSON.stringify(data.hotspots)), hot);

    await internals.insights.handleMessage(panel, { type: 'setFilter', filter: { priorities: ['P1'] } });
    const p1 = internals.insights.shownData(folder)!;
    assert.ok(p1.kept < data.kept && p1.kept > 0, `${p1.kept} of ${data.kept}`);
    assert.ok(p1.report.rows.every((r) => r.byPriority.P2 === 0 && r.byPriority.P3 === 0 && r.byPriority.P4 === 0));
    const since = cliJson(['metrics', '--format', 'json', '--since', '2025-06-01']) as { rows: unknown[] };
    await internals.insights.handleMessage(panel, { type: 'setFilter', filter: { since: '2025-06-01' } });
    assert.deepEqual(JSON.parse(JSON.stringify(internals.insights.shownData(folder)!.report.rows)), since.rows);

    const file = data.hotspots.find((h) => h.kind === 'symbol')!;
    await internals.insights.handleMessage(panel, { type: 'openHotspot', target: file.target, kind: 'symbol' });
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.endsWith(file.target.split('#')[0]!), `the editor on ${file.target}`);

    for (const bad of [
      { type: 'setFilter', filter: { since: 'yesterday' } },
      { type: 'saveSvg', chart: 'incidents', svg: '<script>' },
      { type: 'runCommand' },
    ]) {
      await internals.insights.handleMessage(panel, bad);
    }
    assert.equal(internals.insights.shownData(folder)!.filter.since, '2025-06-01', 'refused messages changed nothing');
  });
});
