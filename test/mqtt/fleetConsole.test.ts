import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { silentLogger } from '../../src/log/logger.js';
import { openFleetConsole, type FleetClient } from '../../src/mqtt/fleet.js';
import { useBroker } from '../helpers/broker.js';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { startMqttBox, type MqttBox } from '../helpers/mqtt-box.js';
import { waitFor } from '../helpers/wait.js';

const broker = useBroker();
const running: Array<MqttBox | RunningDaemon> = [];
let fleet: FleetClient | null = null;
afterEach(async () => {
  await fleet?.close();
  fleet = null;
  await Promise.all(running.splice(0).map((box) => box.stop()));
});

/** A box on the broker, and a console box whose panel shows the fleet (as `run` wires it). */
async function consoleAndBox(): Promise<{ box: MqttBox; base: string }> {
  const box = await startMqttBox(broker.url, { boxId: 'north-1' });
  running.push(box);
  fleet = await openFleetConsole({ ...DEFAULT_CONFIG.mqtt, url: broker.url, boxId: 'office' }, silentLogger());
  const consoleBox = await startDaemon({ config: { fleet: { console: true } }, fleet });
  running.push(consoleBox);
  return { box, base: consoleBox.baseUrl };
}

describe('the fleet page of a console box', () => {
  it('listsEveryBoxWithItsLinesFromTheBroker', async () => {
    const { base } = await consoleAndBox();
    const { json } = await waitFor(async () => {
      const answer = await api(base, 'GET', '/api/v1/fleet');
      return answer.json.boxes.length ? answer : null;
    }, 10_000, 'the box on the page');
    expect(json.boxes).toEqual([{ box: 'north-1', status: 'online', stale: false, lines: [{ line: 'main', state: expect.objectContaining({ line: 'main', carrier: 'Vivacom', modemUp: true }) }] }]);
    expect((await api(base, 'GET', '/api/v1/fleet', undefined, null)).status).toBe(401);
  });

  it('thePageIsServedLikeThePanelsUnderItsContentSecurityPolicy', async () => {
    const { base } = await consoleAndBox();
    const page = await fetch(`${base}/panel/fleet.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/panel/fleet.js"></script>');
    expect((await fetch(`${base}/panel/fleet.js`)).status).toBe(200);
    // The module it imports, served with the panel's.
    expect((await fetch(`${base}/panel/api.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('aLineIsRechargedFromThePageWithACodeOrItsBoxsWallet', async () => {
    const { box, base } = await consoleAndBox();
    const pin = box.simulator.unusedVouchers()[0]!.pin;
    const recharged = await api(base, 'POST', '/api/v1/fleet/recharge', { box: 'north-1', line: 'main', code: pin });
    expect(recharged).toMatchObject({ status: 200, json: { ok: true, outcome: 'success', card: `***********${pin.slice(-4)}`, box: 'north-1' } });
    // In the language the page's reader asked for, the box's own default being English.
    const second = box.simulator.unusedVouchers()[0]!.pin;
    const inBulgarian = await api(base, 'POST', '/api/v1/fleet/recharge', { box: 'north-1', line: 'main', code: second, lang: 'bg' });
    expect(inBulgarian.json).toMatchObject({ ok: true, outcome: 'success', reply: expect.stringMatching(/^Заредени 5.00 EUR/) });
    expect(JSON.stringify(inBulgarian.json)).not.toContain(second);
    // No code: the box's own wallet, which is empty here.
    expect((await api(base, 'POST', '/api/v1/fleet/recharge', { box: 'north-1', line: 'main' })).json).toMatchObject({ ok: true, outcome: 'empty' });
    expect((await api(base, 'POST', '/api/v1/fleet/recharge', { box: 'north-1/+', line: 'main' })).status).toBe(400);
    expect((await api(base, 'POST', '/api/v1/fleet/recharge', { box: 'north-1', line: 'main', code: '*101#' })).status).toBe(400);
  });

  it('aBoxThatIsNoConsoleHasNoFleetPage', async () => {
    const plain = await startDaemon();
    running.push(plain);
    expect((await api(plain.baseUrl, 'GET', '/api/v1/fleet')).status).toBe(404);
    expect((await fetch(`${plain.baseUrl}/panel/fleet.html`)).status).toBe(401);
  });
});
