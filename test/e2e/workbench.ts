/** Driving the VS Code workbench in Chromium the way a person does: clicks, keys, reading the screen. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CodeServer, launchBrowser, openWorkbench, REPO, TEST_NOW } from '../harness/codeServer';

export const SHOTS = join(REPO, '.test-results', 'e2e');

export class Workbench {
  private step = 0;

  constructor(readonly page: Page) {
    mkdirSync(SHOTS, { recursive: true });
  }

  /** Saves a numbered screenshot of the whole window. */
  async shot(name: string): Promise<string> {
    const path = join(SHOTS, `${String(++this.step).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Closes whatever transient widget (quick pick, hover, menu) a previous step left open. */
  async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) await this.page.keyboard.press('Escape');
    await this.page
      .locator('.quick-input-widget')
      .waitFor({ state: 'hidden' })
      .catch(() => undefined);
  }

  /**
   * Runs a command from the palette by typing its title; the first row must be that command.
   * With `thenAsks`, waits for the command's own picker (its placeholder) to be on screen, and
   * fails with a screenshot when it does not come. No retry: the picker that lost the focus to
   * a webview right after the palette closed is the product's to handle (pickIncident.ts).
   */
  async runCommand(title: string, thenAsks?: string): Promise<void> {
    await this.settle();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await this.pickFirst(title);
    if (!thenAsks) return;
    await this.until(
      async () => this.page.locator(`.quick-input-widget input[placeholder="${thenAsks}"]`).isVisible(),
      `"${title}" to ask "${thenAsks}"`,
      10_000,
    );
  }

  /** Runs a command that asks with a picker, types `typed` into it and accepts the first row showing `pick`. */
  async askAndPick(title: string, thenAsks: string, typed: string, pick = typed): Promise<void> {
    await this.runCommand(title, thenAsks);
    await this.page.locator(`.quick-input-widget input[placeholder="${thenAsks}"]`).fill(typed, { timeout: 10_000 });
    await this.pickFirst(pick);
  }

  /** Switches the colour theme with Ctrl+K Ctrl+T, as a person does; `css` is the workbench class it sets (vs, vs-dark, hc-black). */
  async setTheme(theme: string, css: string): Promise<void> {
    await this.settle();
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+T');
    await this.page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await this.page.locator('.quick-input-widget input').fill(theme);
    await this.pickFirst(theme);
    await this.until(async () => (await this.page.locator(`.monaco-workbench.${css}`).count()) > 0, `the ${theme} theme`);
    await this.page.waitForTimeout(800);
  }

  /** Waits until the first row of the open quick pick shows `text` and is focused, then accepts it. */
  async pickFirst(text: string): Promise<void> {
    // The first row must show it and hold the focus (the list updates before the focus does).
    const first = this.page.locator('.quick-input-list .monaco-list-row.focused[data-index="0"]');
    const shows = async () => ((await first.innerText().catch(() => '')) || '').includes(text);
    await this.until(shows, `"${text}" first in the picker`);
    // A person reads before pressing Enter; the list may still be replaced by the extension's ranking.
    await this.page.waitForTimeout(500);
    await this.until(shows, `"${text}" still first in the picker`);
    if (process.env.E2E_DEBUG) await this.shot(`pick-${text.replace(/\W+/g, '-')}`);
    await this.page.keyboard.press('Enter');
  }

  /** Opens a file with Ctrl+P. */
  async openFile(name: string): Promise<void> {
    await this.settle();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    await this.pickFirst(name.split('/').pop()!);
    await this.page.locator('.tab.active', { hasText: name.split('/').pop()! }).waitFor();
  }

  /** Expands a tree row by clicking its twistie (a click on the label runs the item's command). */
  async expandRow(text: string): Promise<void> {
    const row = () => this.page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
    await row().waitFor();
    // The tree may re-render (a refresh after an edit) between reading the row and clicking it:
    // wait for the state asked for, expanded, clicking again only while it is not.
    await this.until(async () => {
      if (
        (await row()
          .getAttribute('aria-expanded')
          .catch(() => null)) === 'true'
      )
        return true;
      await row()
        .locator('.monaco-tl-twistie')
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await this.page.waitForTimeout(400);
      return (
        (await row()
          .getAttribute('aria-expanded')
          .catch(() => null)) === 'true'
      );
    }, `"${text}" expanded in the tree`);
  }

  async sidebarText(): Promise<string> {
    return (await this.page.locator('.part.sidebar').innerText()).replace(/\s+/g, ' ');
  }

  /** Waits until `check` holds, polling the page. */
  async until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) {
        await this.shot(`timeout-${what.replace(/\W+/g, '-')}`);
        throw new Error(`timed out waiting for ${what}`);
      }
      await this.page.waitForTimeout(250);
    }
  }
}

/** A code-server with the packaged .vsix, on the tests' clock, opened in Chromium; close() ends all of it. */
export interface E2eSession {
  readonly wb: Workbench;
  close(): Promise<void>;
}

export async function openSession(workspace: string, logName: string, userSettings: Record<string, unknown>): Promise<E2eSession> {
  const vsix = join(REPO, 'incident-lens.vsix');
  if (!existsSync(vsix)) throw new Error('incident-lens.vsix is missing: run npm run package');
  const server = new CodeServer({
    workspace,
    extensions: [vsix],
    logDir: join(REPO, '.test-results', logName),
    env: { INCIDENT_LENS_NOW: TEST_NOW },
    userSettings,
  });
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server.stop();
    server.dispose();
  };
  try {
    await server.start();
    browser = await launchBrowser();
    return { wb: new Workbench(await openWorkbench(browser, server.url())), close };
  } catch (err) {
    await close();
    throw err;
  }
}
