import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { silentLogger } from '../../src/log/logger.js';
import { openFleetConsole, type FleetClient } from '../../src/mqtt/fleet.js';
import { launchChromium } from '../helpers/browser.js';
import { useBroker } from '../helpers/broker.js';
import { startDaemon, TOKEN, type RunningDaemon } from '../helpers/daemon.js';
import { startMqttBox, type MqttBox } from '../helpers/mqtt-box.js';

const broker = useBroker();
let browser: Browser;
let hill: MqttBox;
let office: RunningDaemon;
let fleet: FleetClient;

beforeAll(async () => {
  browser = await launchChromium();
  hill = await startMqttBox(broker.url, { boxId: 'hill-7' });
  fleet = await openFleetConsole({ ...DEFAULT_CONFIG.mqtt, url: broker.url, boxId: 'office' }, silentLogger());
  office = await startDaemon({ config: { fleet: { console: true } }, fleet });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await fleet?.close();
  await office?.stop();
  await hill?.stop();
});

describe('the fleet page in a real browser', () => {
  it('theConsolesFleetPageShowsEveryBoxAndRechargesALineOfAnother', async () => {
    const page = await browser.newPage();
    await page.goto(office.baseUrl);
    await page.fill('#token', TOKEN);
    await page.check('#remember');
    await page.click('#token-form button');
    await page.waitForSelector('#panel', { state: 'visible' });
    // The token is remembered: the fleet page, on the same box, uses it.
    await page.goto(`${office.baseUrl}/panel/fleet.html`);
    await expect.poll(() => page.textContent('#lines tbody'), { timeout: 10_000 }).toContain('hill-7');
    expect(await page.textContent('#lines tbody')).toContain('online');

    const pin = hill.simulator.unusedVouchers()[0]!.pin;
    await page.click('#lines tbody button');
    expect(await page.inputValue('#recharge-line')).toBe('hill-7/main');
    await page.fill('#recharge-code', pin);
    await page.click('#recharge-form button');
    await expect.poll(() => page.textContent('#recharge-result'), { timeout: 15_000 }).toMatch(/^hill-7 \/ main: Credit added: 5\.00 EUR\. Balance: 7\.50 EUR/);
    await expect.poll(() => page.textContent('#lines tbody'), { timeout: 10_000 }).toContain('7.50 EUR');
    expect(await page.content()).not.toContain(pin);
  });
});
