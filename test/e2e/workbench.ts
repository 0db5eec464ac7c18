/** Driving the VS Code workbench in Chromium the way a person does: clicks, keys, reading the screen. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO } from '../harness/codeServer';

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

  /** Runs a command from the palette by typing its title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Opens a file with Ctrl+P. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name.split('/').pop()! }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: name.split('/').pop()! }).waitFor();
  }

  /** Expands a tree row by clicking its twistie (a click on the label runs the item's command). */
  async expandRow(text: string): Promise<void> {
    const row = this.page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
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
