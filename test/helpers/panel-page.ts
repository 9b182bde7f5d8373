import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './processes.js';
import { TOKEN } from './daemon.js';

/** The sizes the panel is tried at: a phone held upright, and a laptop. */
export const SIZES = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

export const PAGES = ['status', 'recharge', 'cards', 'messages', 'settings'] as const;
export type PanelPage = (typeof PAGES)[number];

/** Where the tests keep their screenshots (in .gitignore): test-artifacts/panel/<size>-<page>.png. */
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'panel');

/** Opens the panel at `baseUrl` and gives it the token; resolves once the panel shows. */
export async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await page.fill('#token', TOKEN);
  await page.click('#token-form button');
  await page.waitForSelector('#panel', { state: 'visible' });
}

/** Shows one page of the panel from its menu, as a person would, and waits for its data. */
export async function openPage(page: Page, name: PanelPage): Promise<void> {
  await page.click(`nav a[data-page="${name}"]`);
  await page.waitForSelector(`#page-${name}`, { state: 'visible' });
  await page.waitForSelector(`body[data-shown="${name}"]`, { state: 'attached' });
}

/**
 * Every element drawn outside the viewport's width (left of 0 or right of its edge), described by
 * tag, id and class with where it lies; and whether the page itself scrolls sideways.
 */
export async function horizontalOverflow(page: Page): Promise<{ viewport: number; scrollWidth: number; outside: string[] }> {
  // Run in the page, which has the DOM this program is not compiled with.
  return page.evaluate(`(() => {
    const viewport = document.documentElement.clientWidth;
    const outside = [];
    for (const node of document.querySelectorAll('body *')) {
      const box = node.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left < -0.5 || box.right > viewport + 0.5) {
        const classes = typeof node.className === 'string' && node.className ? '.' + node.className.split(' ').join('.') : '';
        outside.push(node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') + classes + ' [' + Math.round(box.left) + ', ' + Math.round(box.right) + ']');
      }
    }
    return { viewport, scrollWidth: document.documentElement.scrollWidth, outside };
  })()`);
}

/** The colour an element's text is drawn in, as the browser computed it. */
export async function colourOf(page: Page, selector: string): Promise<string> {
  return page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).color`);
}

/** A full-page screenshot kept as a test artefact. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
