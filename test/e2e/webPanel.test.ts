import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { launchChromium } from '../helpers/browser.js';
import { startDaemon, TOKEN, type RunningDaemon } from '../helpers/daemon.js';

let browser: Browser;
let running: RunningDaemon;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  running = await startDaemon({ config: { credit: { ...DEFAULT_CONFIG.credit, balanceUssd: '*102#' } } });
  page = await browser.newPage();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

describe('the web panel in a real browser', () => {
  it('asksForTheTokenAndRefusesAWrongOne', async () => {
    await page.goto(running.baseUrl);
    expect(page.url()).toBe(`${running.baseUrl}/panel/`);
    await page.fill('#token', 'not-the-token');
    await page.click('#token-form button');
    await expect.poll(() => page.textContent('#token-error')).toBe('The box refused this token.');
    expect(await page.isVisible('#panel')).toBe(false);
  });

  it('showsTheBoxOnceTheTokenIsGiven', async () => {
    await page.fill('#token', TOKEN);
    await page.click('#token-form button');
    await page.waitForSelector('#panel', { state: 'visible' });
    await expect.poll(() => page.textContent('#status')).toContain('Vivacom (28403, home)');
    expect(await page.textContent('#status')).toContain('-71 dBm, 4/5');
    expect(await page.isVisible('#phone')).toBe(true);
  });

  it('aCardAddedInTheBrowserIsShownMaskedAndTheTopUpUsesIt', async () => {
    const pin = running.simulator.unusedVouchers()[0]!.pin;
    await page.fill('#card-pin', pin);
    await page.fill('#card-amount', '5.00');
    await page.fill('#card-currency', 'EUR');
    await page.fill('#card-expires', '31.12.2027');
    await page.fill('#card-reseller', 'Kiosk 7');
    await page.click('#card-form button');
    await expect.poll(() => page.textContent('#card-result')).toBe(`Card ***********${pin.slice(-4)} added.`);
    await expect.poll(() => page.textContent('#wallet tbody')).toContain(`***********${pin.slice(-4)}`);
    await expect.poll(() => page.textContent('#status')).toContain('1 card(s) ready, 5.00 EUR');

    await page.click('#top-up');
    await expect.poll(() => page.textContent('#top-up-result'), { timeout: 10_000 }).toMatch(/: Credit added: 5\.00 EUR\. Balance: 7\.50 EUR/);
    await expect.poll(() => page.textContent('#wallet tbody')).toContain('activated');
    await expect.poll(() => page.textContent('#balances tbody')).toContain('7.50 EUR');
    expect(await page.content()).not.toContain(pin);
  });

  it('theRechargeFormAnswersWithTheSeedTextsAndNeverShowsTheCode', async () => {
    await page.fill('#recharge-code', '12345');
    await page.click('#recharge-form button');
    await expect.poll(() => page.textContent('#recharge-result')).toBe('Invalid Security Code!');
    const pin = running.simulator.unusedVouchers()[0]!.pin;
    await page.fill('#recharge-code', pin);
    await page.click('#recharge-form button');
    await expect.poll(() => page.textContent('#recharge-result'), { timeout: 10_000 }).toMatch(/^Credit added: 5\.00 EUR\. Balance: 12\.50 EUR \(was 7\.50 EUR\)/);
    expect(await page.content()).not.toContain(pin);
  });

  it('aSimulatedPhoneTextsTheBoxAndTheMessageLogShowsItWithThePasswordHidden', async () => {
    await page.fill('#phone-from', '+359888650001');
    await page.fill('#phone-text', '*123456 STAT?');
    await page.click('#phone-form button');
    await page.fill('#inbox-number', '+359888650001');
    await expect.poll(async () => {
      await page.click('#inbox-form button');
      return page.textContent('#inbox');
    }, { timeout: 10_000 }).toMatch(/Signal -71dBm/);
    await page.click('#top-up'); // any action refreshes the panel
    await expect.poll(() => page.textContent('#messages tbody')).toContain('*•••••• STAT?');
    expect(await page.textContent('#messages tbody')).not.toContain('123456');
    // The reply's fate, not just "answered": the phone has it, so it was sent.
    await expect.poll(async () => {
      await page.click('#top-up');
      return page.textContent('#messages tbody tr:first-child td:last-child');
    }).toBe('sent');
  });

  it('forgettingTheTokenLocksThePanelAgain', async () => {
    await page.click('#sign-out');
    expect(await page.isVisible('#sign-in')).toBe(true);
    await page.reload();
    expect(await page.isVisible('#panel')).toBe(false);
  });
});
