/**
 * End to end, as a person would: a fresh code-server with the packaged
 * incident-lens.vsix installed, the demo workspace opened in Chromium, and
 * only clicks, keys and what the screen shows. Each step saves a screenshot
 * under .test-results/e2e/ (the README's screenshots come from this run).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { CodeServer, launchBrowser, openWorkbench, REPO } from '../harness/codeServer';
import { SHOTS, Workbench } from './workbench';

describe('Incident Lens in a real VS Code (code-server + Chromium)', function () {
  this.timeout(180_000);
  let server: CodeServer;
  let browser: Browser;
  let wb: Workbench;
  let work: string;
  let workspace: string;

  before(async () => {
    const vsix = join(REPO, 'incident-lens.vsix');
    assert.ok(existsSync(vsix), 'incident-lens.vsix is missing: run npm run package');
    rmSync(SHOTS, { recursive: true, force: true });
    work = mkdtempSync(join(tmpdir(), 'incident-lens-e2e-'));
    workspace = join(work, 'payments-demo');
    cpSync(join(REPO, 'examples', 'payments-demo'), workspace, { recursive: true });
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: workspace });
    server = new CodeServer({
      workspace,
      extensions: [vsix],
      logDir: join(REPO, '.test-results', 'e2e-logs'),
      userSettings: { 'workbench.colorTheme': 'Default Dark Modern', 'incidentLens.author': 'Deniz' },
    });
    await server.start();
    browser = await launchBrowser();
    wb = new Workbench(await openWorkbench(browser, server.url()));
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    server?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('shows INC-023 under Closed in the Incidents view', async () => {
    await wb.page.locator('.activitybar .action-item a[aria-label^="Incidents"]').click();
    await wb.until(async () => (await wb.sidebarText()).includes('INC-023 Payment page 500 error'), 'INC-023 in the sidebar');
    const text = await wb.sidebarText();
    assert.match(text, /Active.*INC-031 Users logged out after session refresh.*Postmortem pending.*INC-027.*Resolved.*INC-019.*Closed.*INC-023 Payment page 500 error/);
    assert.match(text, /OPEN ACTIONS/i);
    await wb.shot('sidebar');
  });

  it('expands INC-023 to its sections', async () => {
    // A click on the label opens the record (keeping the focus in the tree); the twistie expands it.
    await wb.page.locator('.part.sidebar .monaco-list-row', { hasText: 'INC-023 Payment page 500 error' }).click();
    await wb.expandRow('INC-023 Payment page 500 error');
    await wb.until(async () => (await wb.sidebarText()).includes('Timeline (14)'), 'INC-023 sections');
    const text = await wb.sidebarText();
    for (const section of ['Impact', 'Timeline (14)', 'Actions (0 open / 7)', 'Root cause', 'Postmortem', 'Learning', 'Linked code']) assert.ok(text.includes(section), section);
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
});
