/**
 * Stress for the palette race (issue 28): with a timeline webview as the active editor,
 * run "Incident Lens: Show Timeline" from the palette many times and count how often its
 * picker does not come, or comes and closes by itself. Not part of npm test (not *.test.ts):
 *   npm run package && node esbuild.mjs --tests && \
 *   INCIDENT_LENS_SUITE=e2e npx mocha --no-config --timeout 900000 out/test/e2e/paletteRace.stress.js
 * Measured (2026-12-07, loaded 2-core machine): before the fix in commands/pickIncident.ts the picker
 * closed by itself in 1 of 15 attempts with the timeline focused; after it, 0 of 40.
 */
import { cpSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO } from '../harness/codeServer';
import { openSession, type E2eSession, type Workbench } from './workbench';

const ROUNDS = Number(process.env.RACE_ROUNDS ?? 15);

describe('palette race stress', function () {
  this.timeout(900_000);
  let session: E2eSession | undefined;
  let wb: Workbench;
  let work: string;
  let workspace: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'incident-lens-race-'));
    workspace = join(work, 'payments-demo');
    cpSync(join(REPO, 'examples', 'payments-demo'), workspace, { recursive: true });
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: workspace });
    session = await openSession(workspace, 'race-logs', { 'workbench.colorTheme': 'Default Dark Modern', 'incidentLens.author': 'Deniz' });
    wb = session.wb;
  });

  after(async () => {
    await session?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function attempt(write: boolean, focusWebview: boolean): Promise<'ok' | 'no-picker' | 'closed'> {
    await wb.settle();
    if (focusWebview) {
      // Click into the timeline's content (a person reading it), so the webview holds the focus.
      await wb.page.mouse.click(900, 400);
      await wb.page.waitForTimeout(300);
    }
    if (write) setTimeout(() => appendFileSync(join(workspace, '.incidents', 'INC-019.yaml'), '# touched\n'), Math.random() * 600);
    await wb.page.keyboard.press('F1');
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('>Incident Lens: Show Timeline');
    await wb.pickFirst('Incident Lens: Show Timeline');
    const asked = wb.page.locator('.quick-input-widget input[placeholder="Show the timeline of…"]');
    const shown = await asked.waitFor({ state: 'visible', timeout: 8_000 }).then(
      () => true,
      () => false,
    );
    if (!shown) return 'no-picker';
    await wb.page.waitForTimeout(1500);
    const still = await asked.isVisible();
    const focused = await wb.page.evaluate(() => document.activeElement?.closest('.quick-input-widget') !== null);
    await wb.page.keyboard.press('Escape');
    return still && focused ? 'ok' : 'closed';
  }

  it('opens INC-023 timeline, then runs Show Timeline from the palette repeatedly', async () => {
    await wb.page.locator('.activitybar .action-item a[aria-label^="Incidents"]').click();
    await wb.until(async () => (await wb.sidebarText()).includes('INC-023'), 'tree');
    await wb.askAndPick('Incident Lens: Show Timeline', 'Show the timeline of…', 'INC-023');
    await wb.page.waitForTimeout(3000);
    const results: Record<string, Record<string, number>> = {};
    for (const [name, write, focus] of [
      ['webview focused', false, true],
      ['webview focused + record write', true, true],
      ['tree focused', false, false],
    ] as const) {
      results[name] = { ok: 0, 'no-picker': 0, closed: 0 };
      for (let i = 0; i < ROUNDS; i++) {
        if (!focus) await wb.runCommand('Focus on Incidents View');
        const r = await attempt(write, focus);
        results[name]![r]!++;
        if (r !== 'ok') await wb.shot(`race-${name.replace(/\W+/g, '-')}-${i}-${r}`);
      }
      console.log(name, JSON.stringify(results[name]));
    }
  });
});
