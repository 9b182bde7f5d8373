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
    // The reply's fate, not just "answered": the simulated network's status report says the phone has it.
    await expect.poll(async () => {
      await page.click('#top-up');
      return page.textContent('#messages tbody tr:first-child td:last-child');
    }, { timeout: 10_000 }).toBe('delivered');
  });

  it('forgettingTheTokenLocksThePanelAgain', async () => {
    await page.click('#sign-out');
    expect(await page.isVisible('#sign-in')).toBe(true);
    await page.reload();
    expect(await page.isVisible('#panel')).toBe(false);
  });
});

describe('the web panel of a box of two lines, live', () => {
  let box: RunningDaemon;
  let tab: Page;

  beforeAll(async () => {
    box = await startDaemon({ lines: [{ name: 'main' }, { name: 'a1', carrier: 'a1' }] });
    tab = await browser.newPage();
    await tab.goto(box.baseUrl);
    await tab.fill('#token', TOKEN);
    await tab.click('#token-form button');
    await tab.waitForSelector('#panel', { state: 'visible' });
  }, 30_000);

  afterAll(async () => {
    await tab?.close();
    await box?.stop();
  });

  it('showsEachLineWithItsOwnCarrierSignalBalanceAndWallet', async () => {
    await expect.poll(() => tab.locator('#status tbody tr').count()).toBe(2);
    const rows = await tab.locator('#status tbody tr').allTextContents();
    expect(rows[0]).toMatch(/^mainreadyVivacom \(28403, home\)-71 dBm, 4\/5.*no card ready\+359881000001$/);
    expect(rows[1]).toMatch(/^a1readyA1 Bulgaria \(28401, home\)-71 dBm, 4\/5.*no card ready\+359882000001$/);
    expect(await tab.isVisible('#line-choice')).toBe(true);
  });

  it('whatHappensOnALineAppearsWithoutAReload', async () => {
    // A phone texts a1 from outside the panel: the message log and a1's balance update by themselves.
    const pin = box.simulators.get('a1')!.unusedVouchers()[0]!.pin;
    box.simulators.get('a1')!.sendSmsFromPhone('+359888650101', `*123456 CREDIT ${pin}`);
    await expect.poll(() => tab.textContent('#messages tbody'), { timeout: 10_000 }).toContain(`*•••••• CREDIT **********${pin.slice(-4)}`);
    await expect.poll(async () => (await tab.locator('#status tbody tr').nth(1).textContent()) ?? '', { timeout: 10_000 }).toContain('7.50 EUR');
    expect(await tab.textContent('#live')).toBe('● live');
    expect(await tab.content()).not.toContain(pin);
  });

  it('theChosenLineIsWhatTheRechargeAndTheSimulatedPhoneAreFor', async () => {
    await tab.selectOption('#line', 'a1');
    await expect.poll(() => tab.textContent('h2 .line-name')).toBe('(a1)');
    const pin = box.simulators.get('a1')!.unusedVouchers()[0]!.pin;
    await tab.fill('#recharge-code', pin);
    await tab.click('#recharge-form button');
    await expect.poll(() => tab.textContent('#recharge-result'), { timeout: 10_000 }).toMatch(/^Credit added: 5\.00 EUR\. Balance: 12\.50 EUR \(was 7\.50 EUR\)/);
    expect(box.simulators.get('main')!.dialLog().filter((d) => d.outcome !== 'balance')).toEqual([]);
    await tab.fill('#phone-from', '+359888650102');
    await tab.fill('#phone-text', '*123456 CREDIT?');
    await tab.click('#phone-form button');
    await expect.poll(() => box.simulators.get('a1')!.phoneMessages('+359888650102').map((m) => m.text), { timeout: 10_000 }).toEqual([expect.stringMatching(/^Balance: 12\.50 EUR/)]);
  });
});
