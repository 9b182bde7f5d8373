import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { launchChromium } from '../helpers/browser.js';
import { api, startDaemon, TOKEN, type RunningDaemon } from '../helpers/daemon.js';
import { colourOf, horizontalOverflow, keepScreenshot, openPage, PAGES, signIn, SIZES } from '../helpers/panel-page.js';

let browser: Browser;
let running: RunningDaemon;
let page: Page;
/** Script errors the panel threw: none may happen. */
const scriptErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  running = await startDaemon({ config: { credit: { ...DEFAULT_CONFIG.credit, balanceUssd: '*102#' } } });
  page = await browser.newPage({ viewport: SIZES.phone });
  page.on('pageerror', (err) => scriptErrors.push(err.message));
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

const masked = (pin: string) => `***********${pin.slice(-4)}`;

/** Generates a series on the simulator from the cards page, as a person fills the form, until the panel says it was done. */
async function generateSeries(on: Page, fields: { quantity: number; series: string; pinLength?: number }): Promise<void> {
  await on.fill('#gen-quantity', String(fields.quantity));
  await on.fill('#gen-series', fields.series);
  if (fields.pinLength) await on.fill('#gen-pin-length', String(fields.pinLength));
  await on.fill('#gen-expires', '31.12.2027');
  await on.click('#generate-form button');
  await expect.poll(() => on.textContent('#generate-result')).toBe(`${fields.quantity} card(s) of series ${fields.series} generated and added to the wallet.`);
}

describe('the web panel in a real browser, on a phone', () => {
  it('asksForTheTokenAndRefusesAWrongOne', async () => {
    await page.goto(running.baseUrl);
    expect(page.url()).toBe(`${running.baseUrl}/panel/`);
    await page.fill('#token', 'not-the-token');
    await page.click('#token-form button');
    await expect.poll(() => page.textContent('#token-error')).toBe('The box refused this token.');
    expect(await page.isVisible('#panel')).toBe(false);
    expect(await page.isVisible('#nav')).toBe(false);
  });

  it('showsTheBoxOnceTheTokenIsGiven', async () => {
    await page.fill('#token', TOKEN);
    await page.click('#token-form button');
    await page.waitForSelector('#panel', { state: 'visible' });
    await expect.poll(() => page.textContent('#status')).toContain('Vivacom (28403, home)');
    expect(await page.textContent('#status')).toContain('-71 dBm, 4/5');
    // One line: nothing to choose.
    expect(await page.isVisible('#line-choice')).toBe(false);
  });

  it('aCardAddedInTheBrowserIsShownMaskedAndTheTopUpUsesIt', async () => {
    await openPage(page, 'cards');
    const pin = running.simulator.unusedVouchers()[0]!.pin;
    await page.fill('#card-pin', pin);
    await page.fill('#card-amount', '5.00');
    await page.fill('#card-currency', 'EUR');
    await page.fill('#card-expires', '31.12.2027');
    await page.fill('#card-reseller', 'Kiosk 7');
    await page.fill('#card-serial', '101-23423423');
    await page.click('#card-form button');
    await expect.poll(() => page.textContent('#card-result')).toBe(`Card ${masked(pin)} added.`);
    await expect.poll(() => page.textContent('#wallet tbody')).toContain(masked(pin));
    expect(await page.textContent('#wallet tbody')).toContain('31.12.2027');

    await openPage(page, 'recharge');
    await page.click('#top-up');
    await expect.poll(() => page.textContent('#top-up-result'), { timeout: 10_000 }).toMatch(/: Credit added: 5\.00 EUR\. Balance: 7\.50 EUR/);
    expect(await page.getAttribute('#top-up-result', 'class')).toBe('success');
    await openPage(page, 'cards');
    await expect.poll(() => page.textContent('#wallet tbody')).toContain('activated');
    expect(await page.content()).not.toContain(pin);
  });

  it('theRechargeFormShowsARefusalAsARefusalAndASuccessWithTheIvrFigures', async () => {
    await openPage(page, 'recharge');
    await page.fill('#recharge-code', '12345');
    await page.click('#recharge-form button[type="submit"]');
    await expect.poll(() => page.textContent('#recharge-result')).toBe('The coupon is invalid or already used.');
    expect(await page.getAttribute('#recharge-result', 'class')).toBe('refusal');
    expect(await page.getAttribute('#recharge-result', 'role')).toBe('alert');
    const refusalColour = await colourOf(page, '#recharge-result');

    const pin = running.simulator.unusedVouchers()[0]!.pin;
    await page.fill('#recharge-code', pin);
    await page.click('#recharge-form button[type="submit"]');
    await expect.poll(() => page.textContent('#recharge-result'), { timeout: 10_000 }).toMatch(/^Balance before: 7\.50 EUR\. Recharged: 5\.00 EUR\. New balance: 12\.50 EUR, valid until \d\d\.\d\d\.\d{4}\./);
    expect(await page.getAttribute('#recharge-result', 'class')).toBe('success');
    expect(await page.textContent('#recharge-result dl')).toMatch(/Balance before7\.50 EURRecharged5\.00 EURNew balance12\.50 EURValid until\d\d\.\d\d\.\d{4}/);
    expect(await colourOf(page, '#recharge-result')).not.toBe(refusalColour);
    expect(await page.content()).not.toContain(pin);
  });

  it('aWalletCardRechargesBySerialAndPinAndAWrongPinIsRefused', async () => {
    expect(await page.isVisible('#recharge-serial')).toBe(false);
    const [card] = running.simulator.unusedVouchers();
    await api(running.baseUrl, 'POST', '/api/v1/vouchers', { pin: card!.pin, serial: '7-000001', amount: '5.00', currency: 'EUR' });
    await page.check('input[name="source"][value="account"]');
    expect(await page.isVisible('#recharge-code')).toBe(false);
    await page.fill('#recharge-serial', '7-000001');
    await page.fill('#recharge-pin', '99999999999999');
    await page.click('#recharge-form button[type="submit"]');
    await expect.poll(() => page.textContent('#recharge-result')).toBe('The coupon is invalid or already used.');
    expect(await page.getAttribute('#recharge-result', 'class')).toBe('refusal');
    await page.fill('#recharge-serial', '7-000001');
    await page.fill('#recharge-pin', card!.pin);
    await page.click('#recharge-form button[type="submit"]');
    await expect.poll(() => page.textContent('#recharge-result'), { timeout: 10_000 }).toMatch(/New balance: 17\.50 EUR/);
    expect(await page.getAttribute('#recharge-result', 'class')).toBe('success');
    await page.check('input[name="source"][value="coupon"]');
  });

  it('theBalancePlotDrawsEveryFigureAndMarksEachRecharge', async () => {
    // A code the carrier turns down is a recharge too, marked in the refusal colour.
    expect((await api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: 'main', source_coupon: '999999999999999' })).json.outcome).toBe('invalid-or-used');
    await openPage(page, 'status');
    const history = (await api(running.baseUrl, 'GET', '/api/v1/lines/main/balance-history?days=30')).json;
    const figures = history.points.filter((p: { cents: number | null }) => p.cents !== null).length;
    expect(figures).toBeGreaterThanOrEqual(3);
    // The top-up, the coupon, the wallet card and the carrier's refusal; the page's own refusals were made before any dial.
    expect(history.recharges.map((r: { outcome: string }) => r.outcome)).toEqual(['success', 'success', 'success', 'rejected']);
    await expect.poll(() => page.locator('#plot svg circle.point').count()).toBe(figures);
    expect(await page.locator('#plot svg path.recharge-mark').count()).toBe(history.recharges.length);
    expect(await page.locator('#plot svg path.recharge-mark.refused').count()).toBe(1);
    expect(await page.textContent('#plot svg path.recharge-mark.refused title')).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d: recharge not made: rejected \(\*{11}9999\)$/);
    expect(await page.locator('#plot svg polyline.balance').count()).toBe(1);
    expect(await page.textContent('#plot svg')).toContain('EUR');
    expect(await page.textContent('#plot-note')).toMatch(new RegExp(`^${figures} figure\\(s\\) and ${history.recharges.length} recharge\\(s\\) from \\d\\d\\.\\d\\d\\.\\d{4} to \\d\\d\\.\\d\\d\\.\\d{4}\\.$`));
  });

  it('aDestructiveActionAsksFirstAndNothingHappensWhenTheAnswerIsNo', async () => {
    await api(running.baseUrl, 'POST', '/api/v1/vouchers/bulk', { cards: [1, 2, 3].map((n) => ({ pin: `55500000000000${n}`, serial: `9-00000${n}`, amount: '10.00', currency: 'EUR', reseller: 'Kiosk 9' })) });
    await openPage(page, 'cards');
    await page.click('#search-box summary');
    await page.selectOption('#search-reseller', 'Kiosk 9');
    await page.click('#search-form button[type="submit"]');
    await expect.poll(() => page.textContent('#cards-rows')).toBe('Rows 1 – 3 of 3');
    expect(await page.textContent('#cards-pages')).toBe('Page 1 of 1');

    await page.locator('#wallet tbody input[type="checkbox"]').first().check();
    await page.click('#delete-selected');
    await expect.poll(() => page.isVisible('#confirm')).toBe(true);
    expect(await page.textContent('#confirm-text')).toBe('Delete the 1 selected card(s)? A card that was dialled is kept.');
    await page.click('#confirm-cancel');
    await expect.poll(() => page.textContent('#edit-result')).toBe('Nothing was done.');
    expect(await page.getAttribute('#edit-result', 'class')).toBe('');
    expect((await api(running.baseUrl, 'GET', '/api/v1/vouchers?reseller=Kiosk%209')).json.total).toBe(3);

    await page.click('#delete-all');
    expect(await page.textContent('#confirm-text')).toBe('Delete all 3 cards found? This cannot be undone; a card that was dialled is kept.');
    await page.click('#confirm-cancel');
    expect((await api(running.baseUrl, 'GET', '/api/v1/vouchers?reseller=Kiosk%209')).json.total).toBe(3);

    await page.click('#delete-selected');
    await page.click('#confirm-ok');
    await expect.poll(() => page.textContent('#edit-result')).toBe('1 of 1 card(s) deleted; 0 kept (dialled).');
    expect(await page.getAttribute('#edit-result', 'class')).toBe('success');
    await expect.poll(() => page.textContent('#cards-rows')).toBe('Rows 1 – 2 of 2');
  });

  it('massEditSetsTheResellerOfTheCardsFoundAfterAsking', async () => {
    await page.selectOption('#edit-which', 'found');
    await page.selectOption('#edit-reseller-mode', 'set');
    await page.fill('#edit-reseller', 'Kiosk 10');
    await page.click('#edit-form button[type="submit"]');
    expect(await page.textContent('#confirm-text')).toBe('Change all 2 cards found?');
    await page.click('#confirm-ok');
    await expect.poll(() => page.textContent('#edit-result')).toBe('2 of 2 card(s) changed; 0 kept as they were.');
    expect((await api(running.baseUrl, 'GET', '/api/v1/vouchers?reseller=Kiosk%2010')).json.total).toBe(2);
    await page.click('#search-form button[type="reset"]');
    await expect.poll(() => page.textContent('#cards-rows')).toBe('Rows 1 – 4 of 4');
  });

  it('aCsvWithABadLineIsRefusedByLineNumberAndAddsNothing', async () => {
    const csv = 'serial,pin,amount,currency\n3-1,555111111111111,5.00,EUR\n3-2,12ab,5.00,EUR\n';
    await page.setInputFiles('#import-file', { name: 'cards.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('#import-form button');
    await expect.poll(() => page.textContent('#import-result')).toBe('nothing imported: 1 bad line\nline 3: a card PIN is 5 to 20 digits');
    expect(await page.getAttribute('#import-result', 'class')).toBe('refusal');
    expect((await api(running.baseUrl, 'GET', '/api/v1/vouchers')).json.total).toBe(4);
  });

  it('aSeriesGeneratedOnTheSimulatorGoesIntoTheWalletAndTheExportMasksEveryPin', async () => {
    const before = (await api(running.baseUrl, 'GET', '/api/v1/vouchers')).json.total;
    await generateSeries(page, { quantity: 5, series: '4' });
    const generated = (await api(running.baseUrl, 'GET', '/api/v1/vouchers?serialFrom=4-0&serialTo=4-999999999&perPage=20')).json;
    expect(generated.total).toBe(5);
    expect(generated.total + before).toBe((await api(running.baseUrl, 'GET', '/api/v1/vouchers')).json.total);
    expect(generated.vouchers.every((c: { reseller: string; expiresOn: string; pin: string }) => c.reseller === 'Reseller 1' && c.expiresOn === '2027-12-31' && /^\*{11}\d{4}$/.test(c.pin))).toBe(true);

    if ((await page.getAttribute('#search-box', 'open')) === null) await page.click('#search-box summary');
    await page.fill('#search-form input[name="serialFrom"]', '4-0');
    await page.fill('#search-form input[name="serialTo"]', '4-999999999');
    await page.click('#search-form button[type="submit"]');
    await expect.poll(() => page.textContent('#cards-rows')).toBe('Rows 1 – 5 of 5');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const csv = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stream.on('end', () => resolve(text));
        stream.on('error', reject);
      }, reject);
    });
    const rows = csv.trim().split('\n');
    expect(rows[0]).toMatch(/^serial,pin,amount,currency,reseller,expiry,carrier/);
    expect(rows.slice(1).map((row) => row.split(',')[1])).toEqual(Array(5).fill(expect.stringMatching(/^\*{11}\d{4}$/)));
    expect(await page.textContent('#import-result')).toBe('5 card(s) exported.');
    await page.click('#search-form button[type="reset"]');
  });

  it('settingsChangedInThePanelAreWhatTheSmsCommandsThenReport', async () => {
    await openPage(page, 'settings');
    await page.fill('#setting-low-balance-input', 'abc');
    await page.click('#setting-low-balance button');
    await expect.poll(() => page.textContent('#setting-low-balance-result')).toBe('Bad threshold "abc": use e.g. 2 or 2.50.');
    expect(await page.getAttribute('#setting-low-balance-result', 'class')).toBe('refusal');
    await page.fill('#setting-low-balance-input', '3.25');
    await page.click('#setting-low-balance button');
    await expect.poll(() => page.textContent('#setting-low-balance-result')).toMatch(/^Credit control ON\. Low balance alert: 3\.25 EUR\./);
    expect(await page.getAttribute('#setting-low-balance-result', 'class')).toBe('success');
    expect((await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 CREDITCFG?' })).json.reply).toMatch(/^Credit control ON\. Low balance alert: 3\.25 EUR\./);

    await page.fill('#setting-group-notify-input', '0888123499');
    await page.click('#setting-group-notify form button');
    await expect.poll(() => page.textContent('#setting-group-notify-result')).toBe('0888123499 added to Notify.');
    expect((await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 PHGR? Notify' })).json.reply).toBe('Notify: +359888123499');
    // Removing a number asks first.
    await page.click('#setting-group-notify .numbers button');
    expect(await page.textContent('#confirm-text')).toBe('Remove +359888123499 from the Notify group?');
    await page.click('#confirm-cancel');
    expect(await page.textContent('#setting-group-notify .numbers')).toContain('+359888123499');
  });

  it('theMessageLogShowsEachRepliesFateAndNarrowsToWhatIsAsked', async () => {
    await openPage(page, 'messages');
    await page.fill('#phone-from', '+359888650001');
    await page.fill('#phone-text', '*123456 STAT?');
    await page.click('#phone-form button');
    await page.fill('#inbox-number', '+359888650001');
    await expect.poll(async () => {
      await page.click('#inbox-form button');
      return page.textContent('#inbox');
    }, { timeout: 10_000 }).toMatch(/Signal -71dBm/);
    await page.fill('#message-filter input[name="sender"]', '+359888650001');
    await expect.poll(async () => {
      await page.click('#message-filter button');
      return page.locator('#messages tbody tr').allTextContents();
    }).toEqual([expect.stringMatching(/\+359888650001\*•••••• STAT\?answered.*delivered$/)]);
    expect(await page.textContent('#messages tbody')).not.toContain('123456');
    await page.fill('#message-filter input[name="sender"]', '');
    await page.selectOption('#message-filter select[name="channel"]', 'http');
    await page.click('#message-filter button');
    await expect.poll(async () => (await page.locator('#messages tbody tr').allTextContents()).every((row) => row.includes('http:'))).toBe(true);
    expect(await page.locator('#messages tbody tr').count()).toBeGreaterThan(0);
    await page.selectOption('#message-filter select[name="channel"]', '');
    await page.click('#message-filter button');
  });

  it('theLanguageSwitchChangesTheTextsAndIsKeptInThisBrowser', async () => {
    await openPage(page, 'status');
    await page.selectOption('#language', 'bg');
    await expect.poll(() => page.textContent('nav a[data-page="status"]')).toBe('Състояние');
    expect(await page.getAttribute('html', 'lang')).toBe('bg');
    await expect.poll(() => page.textContent('#box')).toContain('Портфейл');
    expect(await page.textContent('#status thead')).toContain('наличност');
    expect(await page.textContent('#plot-note')).toMatch(/стойност\(и\) и \d+ зареждан\(ия\) от \d\d\.\d\d\.\d{4} до/);
    await page.reload();
    await page.waitForSelector('body[data-shown="status"]', { state: 'attached' });
    expect(await page.textContent('nav a[data-page="settings"]')).toBe('Настройки');
    await openPage(page, 'settings');
    expect(await page.textContent('#setting-low-balance h3')).toBe('Аларма при наличност под');
    await page.fill('#setting-low-balance-input', 'x');
    await page.click('#setting-low-balance button');
    // Read on the page, never texted: in Cyrillic whatever script the box's SMS replies use.
    await expect.poll(() => page.textContent('#setting-low-balance-result')).toBe('Грешен праг "x": напр. 2 или 2.50.');
    // The recharge service answers in the panel's language too.
    await openPage(page, 'recharge');
    expect(await page.textContent('#recharge-form button[type="submit"]')).toBe('Зареди');
    await page.fill('#recharge-code', '12345');
    await page.click('#recharge-form button[type="submit"]');
    await expect.poll(() => page.textContent('#recharge-result')).toBe('Купонът е невалиден или вече е използван.');
    // And so does a top-up with the next wallet card: in Cyrillic, as it is read here, the card masked.
    await page.click('#top-up');
    await expect.poll(() => page.textContent('#top-up-result'), { timeout: 10_000 }).toMatch(/^\*{11}\d{4}: Заредени 5\.00 EUR\. Наличност: [\d.]+ EUR/);
    await page.selectOption('#language', 'en');
    await expect.poll(() => page.textContent('nav a[data-page="settings"]')).toBe('Settings');
  });

  it('everyPageFitsAPhoneAndADesktopWithNothingRunningOffScreen', async () => {
    for (const [size, viewport] of Object.entries(SIZES)) {
      await page.setViewportSize(viewport);
      for (const name of PAGES) {
        await openPage(page, name);
        const overflow = await horizontalOverflow(page);
        expect({ page: name, size, ...overflow }).toEqual({ page: name, size, viewport: viewport.width, scrollWidth: viewport.width, outside: [] });
        await keepScreenshot(page, `${size}-${name}`);
      }
    }
    await page.setViewportSize(SIZES.phone);
    expect(scriptErrors).toEqual([]);
  });

  it('forgettingTheTokenLocksThePanelAgain', async () => {
    await page.click('#sign-out');
    expect(await page.isVisible('#sign-in')).toBe(true);
    await page.reload();
    expect(await page.isVisible('#panel')).toBe(false);
    expect(scriptErrors).toEqual([]);
  });
});

describe('the web panel of a box of two lines, live', () => {
  let box: RunningDaemon;
  let tab: Page;

  beforeAll(async () => {
    box = await startDaemon({ lines: [{ name: 'main' }, { name: 'a1', carrier: 'a1' }] });
    tab = await browser.newPage({ viewport: SIZES.desktop });
    tab.on('pageerror', (err) => scriptErrors.push(err.message));
    await signIn(tab, box.baseUrl);
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
    // A phone texts a1 from outside the panel: a1's balance updates by itself, and so does the log.
    const pin = box.simulators.get('a1')!.unusedVouchers()[0]!.pin;
    box.simulators.get('a1')!.sendSmsFromPhone('+359888650101', `*123456 CREDIT ${pin}`);
    await expect.poll(async () => (await tab.locator('#status tbody tr').nth(1).textContent()) ?? '', { timeout: 10_000 }).toContain('7.50 EUR');
    expect(await tab.textContent('#live')).toBe('● live');
    await openPage(tab, 'messages');
    await expect.poll(() => tab.textContent('#messages tbody'), { timeout: 10_000 }).toContain(`*•••••• CREDIT **********${pin.slice(-4)}`);
    expect(await tab.content()).not.toContain(pin);
  });

  it('theChosenLineIsWhatTheRechargeThePlotAndTheSimulatedPhoneAreFor', async () => {
    await tab.selectOption('#line', 'a1');
    await openPage(tab, 'status');
    await expect.poll(() => tab.textContent('h2 .line-name')).toBe('(a1)');
    await expect.poll(() => tab.locator('#plot svg path.recharge-mark').count()).toBe(1);
    await openPage(tab, 'recharge');
    expect(await tab.inputValue('#recharge-destination')).toBe('a1');
    const pin = box.simulators.get('a1')!.unusedVouchers()[0]!.pin;
    await tab.fill('#recharge-code', pin);
    await tab.click('#recharge-form button[type="submit"]');
    await expect.poll(() => tab.textContent('#recharge-result'), { timeout: 10_000 }).toMatch(/^Balance before: 7\.50 EUR\. Recharged: 5\.00 EUR\. New balance: 12\.50 EUR/);
    expect(box.simulators.get('main')!.dialLog().filter((d) => d.outcome !== 'balance')).toEqual([]);
    await openPage(tab, 'messages');
    await tab.fill('#phone-from', '+359888650102');
    await tab.fill('#phone-text', '*123456 CREDIT?');
    await tab.click('#phone-form button');
    await expect.poll(() => box.simulators.get('a1')!.phoneMessages('+359888650102').map((m) => m.text), { timeout: 10_000 }).toEqual([expect.stringMatching(/^Balance: 12\.50 EUR/)]);
    expect(scriptErrors).toEqual([]);
  });

  it('aSeriesGeneratedInThePanelIsTheChosenLinesCarriers', async () => {
    await tab.selectOption('#line', 'a1');
    await openPage(tab, 'cards');
    await generateSeries(tab, { quantity: 2, series: '9', pinLength: 14 });
    const listed = (await api(box.baseUrl, 'GET', '/api/v1/sim/cards?series=9')).json;
    expect(listed.cards.map((c: { serial: string; line: string }) => [c.serial, c.line])).toEqual([['9-000002', 'a1'], ['9-000001', 'a1']]);
    expect(box.simulators.get('main')!.carrier.issued().filter((c) => c.serial.startsWith('9-'))).toEqual([]);
    const wallet = (await api(box.baseUrl, 'GET', '/api/v1/vouchers?serialFrom=9-0&serialTo=9-999999999')).json;
    expect(wallet.vouchers.map((c: { carrier: string }) => c.carrier)).toEqual(['a1', 'a1']);
    expect(scriptErrors).toEqual([]);
  });
});
