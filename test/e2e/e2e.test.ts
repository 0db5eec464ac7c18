/**
 * End to end, as a person would: a fresh code-server with the packaged
 * incident-lens.vsix installed, the demo workspace opened in Chromium, and
 * only clicks, keys and what the screen shows. Each step saves a screenshot
 * under .test-results/e2e/ (the README's screenshots come from this run).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { REPO } from '../harness/codeServer';
import { openSession, SHOTS, type E2eSession, type Workbench } from './workbench';

describe('Incident Lens in a real VS Code (code-server + Chromium)', function () {
  this.timeout(180_000);
  let session: E2eSession | undefined;
  let wb: Workbench;
  let work: string;
  let workspace: string;

  before(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    work = mkdtempSync(join(tmpdir(), 'incident-lens-e2e-'));
    workspace = join(work, 'payments-demo');
    cpSync(join(REPO, 'examples', 'payments-demo'), workspace, { recursive: true });
    // A real multi-day postmortem beside the demo's (GitHub, 21-22 October 2018).
    cpSync(join(REPO, 'test', 'fixtures', 'real-postmortems', '.incidents', 'INC-102.yaml'), join(workspace, '.incidents', 'INC-102.yaml'));
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: workspace });
    session = await openSession(workspace, 'e2e-logs', { 'workbench.colorTheme': 'Default Dark Modern', 'incidentLens.author': 'Deniz' });
    wb = session.wb;
  });

  after(async () => {
    await session?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  beforeEach(async () => {
    if (wb) await wb.settle();
  });

  it('shows INC-023 under Closed in the Incidents view', async () => {
    await wb.page.locator('.activitybar .action-item a[aria-label^="Incidents"]').click();
    await wb.until(async () => (await wb.sidebarText()).includes('INC-023 Payment page 500 error'), 'INC-023 in the sidebar');
    const text = await wb.sidebarText();
    assert.match(
      text,
      /Active.*INC-031 Users logged out after session refresh.*Postmortem pending.*INC-027.*Resolved.*INC-019.*Closed.*INC-023 Payment page 500 error/,
    );
    assert.match(text, /OPEN ACTIONS/i);
    await wb.shot('sidebar');
  });

  it('expands INC-023 to its sections', async () => {
    // A click on the label opens the record (keeping the focus in the tree); the twistie expands it.
    await wb.page.locator('.part.sidebar .monaco-list-row', { hasText: 'INC-023 Payment page 500 error' }).click();
    await wb.expandRow('INC-023 Payment page 500 error');
    await wb.until(async () => (await wb.sidebarText()).includes('Timeline (14)'), 'INC-023 sections');
    const text = await wb.sidebarText();
    for (const section of ['Impact', 'Timeline (14)', 'Actions (0 open / 7)', 'Root cause', 'Postmortem', 'Learning', 'Linked code'])
      assert.ok(text.includes(section), section);
    // Clicking the incident also opened its record.
    await wb.page.locator('.tab.active', { hasText: 'INC-023.yaml' }).waitFor();
    await wb.shot('incident-sections');
  });

  it('shows the active incident in the status bar', async () => {
    const status = wb.page.locator('.statusbar-item', { hasText: '1 active P2' });
    await status.waitFor();
    assert.match(await status.innerText(), /1 active P2/);
  });

  it('searches incidents from the palette: "stripe" finds INC-023', async () => {
    await wb.runCommand('Incident Lens: Search Incidents');
    const input = wb.page.locator('.quick-input-widget input');
    await input.fill('stripe');
    const first = wb.page.locator('.quick-input-list .monaco-list-row').first();
    await wb.until(async () => (await first.innerText()).includes('INC-023'), 'INC-023 as the first hit');
    assert.match(await first.innerText(), /keywords: stripe/);
    await wb.shot('search');
    await wb.page.keyboard.press('Escape');
  });

  it('logs a timeline entry by typing in the command palette; it lands in the YAML on disk', async () => {
    const file = join(workspace, '.incidents', 'INC-031.yaml');
    const before = readFileSync(file, 'utf8');
    await wb.runCommand('Incident Lens: Log Timeline Entry');
    const input = wb.page.locator('.quick-input-widget input');
    // The only active incident is preselected: Enter takes it.
    await wb.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'INC-031' }).waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Decision' }).waitFor();
    await input.fill('decision');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-widget', { hasText: 'decision entry, time now' }).waitFor();
    await input.fill('Roll back the auth refactor; Burak starts now.');
    await wb.shot('log-timeline-entry');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'No milestone' }).waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.until(async () => readFileSync(file, 'utf8') !== before, 'INC-031.yaml to change on disk');
    const after = readFileSync(file, 'utf8');
    // Exactly one block was inserted after the last timeline entry; every other byte is as it was.
    const anchor = '    text: refreshSession compares expiry in seconds with Date.now() in milliseconds.\n';
    const at = before.indexOf(anchor) + anchor.length;
    assert.equal(after.slice(0, at), before.slice(0, at));
    assert.ok(after.endsWith(before.slice(at)));
    const inserted = after.slice(at, after.length - (before.length - at));
    assert.match(inserted, /^ {2}- at: .+\n {4}author: Deniz\n {4}kind: decision\n {4}text: Roll back the auth refactor; Burak starts now\.\n$/);
    // The tree follows: INC-031's timeline now has four entries.
    await wb.expandRow('INC-031 Users logged out');
    await wb.until(async () => (await wb.sidebarText()).includes('Timeline (4)'), 'Timeline (4) in the tree');
    await wb.shot('timeline-entry-logged');
  });

  it('asks before logging into a closed incident, and writes nothing when told no', async () => {
    const file = join(workspace, '.incidents', 'INC-023.yaml');
    const before = readFileSync(file, 'utf8');
    await wb.runCommand('Incident Lens: Log Timeline Entry');
    const input = wb.page.locator('.quick-input-widget input');
    await input.fill('INC-023');
    await wb.pickFirst('INC-023 Payment page 500 error');
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'INC-023 is closed, resolved' });
    await dialog.waitFor();
    assert.match(
      (await dialog.innerText()).replace(/\s+/g, ' '),
      /INC-023 is closed, resolved \d+ (months?|years?) ago\. Log a timeline entry into it anyway\?/,
    );
    await wb.shot('log-into-closed-incident');
    await dialog.locator('a.monaco-button, button', { hasText: 'Cancel' }).first().click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(readFileSync(file, 'utf8'), before, 'nothing written');
  });

  it('shows the CodeLens of INC-023 above the webhook handler', async () => {
    await wb.openFile('src/payments/stripeWebhook.ts');
    const lens = wb.page.locator('.codelens-decoration', { hasText: 'INC-023 (P1) Payment page 500 error' });
    await lens.first().waitFor({ timeout: 60_000 });
    assert.equal(await lens.count(), 2, 'one lens above toStripeAmount, one above handleStripeWebhook');
    assert.match(await lens.first().innerText(), /⚠ INC-023 \(P1\) Payment page 500 error · \d+ (months?|years?) ago/);
    await wb.shot('codelens');
  });

  it('hovering the symbol shows the root cause and the prompt template', async () => {
    const name = wb.page.locator('.view-line span', { hasText: /^handleStripeWebhook$/ }).first();
    await name.waitFor();
    await name.hover();
    const hover = wb.page.locator('.monaco-hover', { hasText: 'Root cause' });
    await wb.until(async () => (await hover.count()) > 0 && (await hover.first().isVisible()), 'the incident hover', 30_000);
    const text = (await hover.first().innerText()).replace(/\s+/g, ' ');
    assert.match(text, /P1 INC-023 — Payment page 500 error/);
    assert.match(text, /Root cause: Webhook handler written with Claude returned Decimal for amount field where Stripe expects integer/);
    assert.match(text, /When writing \[service\] integration, the following constraints apply/);
    assert.match(text, /Copy prompt template/);
    await wb.shot('hover');
  });

  /** The frame of the timeline webview that shows `text` (webviews are nested iframes). */
  async function timelineFrame(text: string): Promise<Frame> {
    let found: Frame | undefined;
    await wb.until(
      async () => {
        for (const frame of wb.page.frames()) {
          // A frame that is navigating may never answer: give each look a deadline.
          const body = await Promise.race([
            // Only the timeline page has main#root; the workbench itself also shows incident titles.
            frame.evaluate(() => (document.querySelector('main#root') as HTMLElement | null)?.innerText ?? '').catch(() => ''),
            new Promise<string>((r) => setTimeout(() => r(''), 2000)),
          ]);
          if (body.includes(text)) {
            found = frame;
            return true;
          }
        }
        return false;
      },
      `a webview showing "${text}"`,
      60_000,
    );
    return found!;
  }

  it('shows INC-023 as a timeline: figures, gaps, entries, learning (dark and light themes)', async () => {
    await wb.askAndPick('Incident Lens: Show Timeline', 'Show the timeline of…', 'INC-023');
    const frame = await timelineFrame('Time to mitigate');
    const text = (await frame.evaluate(() => document.body.innerText)).replace(/\s+/g, ' ');
    assert.match(text, /P1 INC-023 Payment page 500 error/);
    assert.match(text, /34m Time to mitigate/);
    assert.match(text, /First decision at 15:02 came 7m after the last finding \(14:55\)/);
    assert.match(text, /15:11 .*Rollback complete\. Error rate dropped to 0\.2% — returned to normal\./);
    assert.match(text, /Copy prompt template/);
    assert.match(text, /Rollback: RB-payments-rollback/, 'the rollback procedure is one click away');
    assert.equal(await frame.locator('.item').count(), 26);
    await wb.shot('timeline-dark');
    for (const [theme, css, name] of [
      ['Light Modern', 'vs', 'timeline-light'],
      ['High Contrast', 'hc-black', 'timeline-high-contrast'],
      ['Dark Modern', 'vs-dark', ''],
    ] as const) {
      // Ctrl+K Ctrl+T opens the theme picker (the palette lists "Browse Color Themes" first).
      await wb.setTheme(theme, css);
      if (name) await wb.shot(name);
    }
  });

  it('lists the runbooks: the stale rollback procedure and its steps', async () => {
    await wb.runCommand('Focus on Runbooks View');
    await wb.until(async () => (await wb.sidebarText()).includes('RB-payments-rollback'), 'the runbook in the sidebar');
    await wb.expandRow('RB-payments-rollback');
    await wb.until(async () => (await wb.sidebarText()).includes('3. Deploy the last good release'), 'the steps');
    const text = await wb.sidebarText();
    assert.match(text, /RB-payments-rollback Roll back the payment service to the previous deploy/);
    assert.match(text, /\$ \.\/scripts\/deploy\.sh payments --tag <last-good-tag>/);
    await wb.shot('runbooks');
    // Collapsed again (its default), so the Incidents view keeps its room.
    await wb.page.locator('.part.sidebar .pane-header', { hasText: 'Runbooks' }).click();
  });

  it("shows the entry logged from the palette in INC-031's timeline", async () => {
    await wb.askAndPick('Incident Lens: Show Timeline', 'Show the timeline of…', 'INC-031');
    const frame = await timelineFrame('Roll back the auth refactor; Burak starts now.');
    assert.match(await frame.evaluate(() => document.body.innerText), /Deniz · decision|decision/);
  });

  it("shows a multi-day incident's timeline with a separator for each day", async () => {
    await wb.askAndPick('Incident Lens: Show Timeline', 'Show the timeline of…', 'INC-102');
    const frame = await timelineFrame('24h 11m');
    const separators = await frame.locator('.day-separator').allInnerTexts();
    assert.deepEqual(
      separators.map((t) => t.trim()),
      ['2018-10-21', '2018-10-22'],
    );
    const text = (await frame.evaluate(() => document.body.innerText)).replace(/\s+/g, ' ');
    assert.match(text, /2018-10-22 .*16:24 .*Replicas in sync/);
    await frame.locator('.day-separator', { hasText: '2018-10-22' }).scrollIntoViewIfNeeded();
    await wb.shot('timeline-multi-day');
  });

  it('shows Insights: charts drawn under the strict CSP, a filter redraws them, a hotspot opens its code (three themes)', async () => {
    const refused: string[] = [];
    const onConsole = (m: { text(): string }) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    };
    wb.page.on('console', onConsole);
    try {
      await wb.runCommand('Incident Lens: Show Insights');
      const frame = await timelineFrame('Incidents per month by priority');
      await wb.until(async () => (await frame.locator('section.chart svg').count()) >= 5, 'five charts drawn');
      const summary = async () => frame.locator('.summary').innerText();
      const all = await summary();
      assert.match(all, /^(\d+) of \1 incidents kept by the filters\.$/);
      // A chart's style came from Plot's <style> (allowed by the nonce): its text is not the browser's default serif.
      const font = await frame
        .locator('section.chart svg')
        .first()
        .evaluate((svg) => getComputedStyle(svg).fontFamily);
      assert.ok(font.length > 0 && font !== 'serif', font);
      await wb.shot('insights-dark');
      await frame.locator('label[for="Priority-P1"]').click();
      await wb.until(async () => (await summary()) !== all, 'the filter to redraw');
      assert.match(await summary(), /^\d+ of \d+ incidents kept by the filters\.$/);
      await frame.locator('label[for="Priority-P1"]').click();
      await wb.until(async () => (await summary()) === all, 'all incidents again');
      for (const [theme, css, name] of [
        ['Light Modern', 'vs', 'insights-light'],
        ['High Contrast', 'hc-black', 'insights-high-contrast'],
        ['Dark Modern', 'vs-dark', ''],
      ] as const) {
        await wb.setTheme(theme, css);
        if (name) await wb.shot(name);
      }
      const first = frame.locator('button.hotspot').first();
      const target = (await first.innerText()).trim();
      await first.click();
      const fileName = target.split('#')[0]!.split('/').pop()!;
      await wb.until(
        async () =>
          (
            await wb.page
              .locator('.tab.active')
              .innerText()
              .catch(() => '')
          ).includes(fileName),
        `the editor on ${fileName}`,
      );
      assert.deepEqual(refused, [], 'nothing was refused by the CSP');
    } finally {
      wb.page.off('console', onConsole);
    }
  });

  it('renders injected markup in a record as text; nothing executes', async () => {
    let dialogs = 0;
    wb.page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    writeFileSync(
      join(workspace, '.incidents', 'INC-099.yaml'),
      'id: INC-099\ntitle: "<img src=x onerror=alert(1)><script>alert(2)</script>"\nstatus: resolved\npriority: P4\nstart: 2025-01-01T10:00:00Z\nresolution: 2025-01-01T11:00:00Z\ntimeline:\n  - at: "10:00"\n    text: "<b onmouseover=alert(3)>bold?</b> [link](command:workbench.action.terminal.new)"\n',
    );
    // The Incidents view in the sidebar (the test before may have left the Explorer there).
    await wb.runCommand('Focus on Incidents View');
    await wb.until(async () => (await wb.sidebarText()).includes('INC-099'), 'INC-099 in the tree');
    await wb.askAndPick('Incident Lens: Show Timeline', 'Show the timeline of…', 'INC-099');
    const frame = await timelineFrame('onerror=alert(1)');
    const h1 = await frame.locator('h1').innerText();
    assert.match(h1, /<img src=x onerror=alert\(1\)><script>alert\(2\)<\/script>/, 'the title shows literally');
    assert.equal(await frame.locator('main#root img, main#root script, main#root b, main#root a').count(), 0, 'no element was created from record text');
    assert.match(await frame.locator('main#root').innerText(), /<b onmouseover=alert\(3\)>bold\?<\/b> \[link\]\(command:workbench\.action\.terminal\.new\)/);
    await frame.locator('.item .text').first().hover();
    await wb.page.waitForTimeout(500);
    assert.equal(dialogs, 0, 'no script ran');
    await wb.shot('timeline-injected-markup');
  });

  it('imports a PagerDuty export through the file dialog and the preview: the new incidents appear in the tree', async () => {
    // The export saved into the repository, as a person would download it.
    const exportDir = join(workspace, 'exports');
    cpSync(join(REPO, 'test', 'fixtures', 'import', 'pagerduty'), exportDir, { recursive: true });
    await wb.runCommand('Focus on Incidents View');
    await wb.runCommand('Incident Lens: Import Incidents…');
    // code-server's own file dialog: a path box in the quick input.
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    // The dialog fills in its starting folder asynchronously (slowly on a loaded machine) and would
    // replace what was typed before: wait for it, then type, and check the path is still there.
    await wb.until(async () => (await input.inputValue()).endsWith('/'), "the file dialog's starting folder");
    const path = join(exportDir, 'incidents.json');
    await wb.until(async () => {
      await input.fill(path);
      await wb.page.waitForTimeout(500);
      return (await input.inputValue()) === path;
    }, 'the export path in the file dialog');
    await wb.page.keyboard.press('Enter');
    // The preview: both incidents checked, the title counting what will happen.
    const title = wb.page.locator('.quick-input-widget .quick-input-title');
    await wb.until(async () => /Import from PagerDuty/.test(await title.innerText().catch(() => '')), 'the import preview');
    assert.match(await title.innerText(), /2 new, 0 to update, 0 unchanged, 0 skipped/);
    const list = await wb.page.locator('.quick-input-list').innerText();
    assert.match(list, /INC-103/);
    assert.match(list, /Checkout latency above SLO/);
    await wb.shot('import-preview');
    await wb.page.keyboard.press('Enter');
    await wb.until(async () => {
      try {
        return readFileSync(join(workspace, '.incidents', 'INC-104.yaml'), 'utf8').includes('source:');
      } catch {
        return false;
      }
    }, 'the imported record on disk');
    assert.match(readFileSync(join(workspace, '.incidents', 'INC-103.yaml'), 'utf8'), /^# Imported from pagerduty \(PT4KHLK\)/);
    await wb.until(async () => (await wb.sidebarText()).includes('INC-104'), 'INC-104 in the tree');
    await wb.shot('import-done');
  });
});
