import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/sim/simulator.js';
import { recorder, useBroker } from '../helpers/broker.js';
import { mqttScene, startMqttBox, type MqttBox } from '../helpers/mqtt-box.js';
import { waitFor } from '../helpers/wait.js';

const broker = useBroker();

const scene = mqttScene();

let counter = 0;
/** A box of two lines (Vivacom `main`, A1 `a1`) on the broker, and a client hearing all it says. */
const twoLineBox = (options: Parameters<typeof startMqttBox>[1] = {}) =>
  scene.listened(broker.url, `lines${++counter}`, { lines: [{ name: 'main' }, { name: 'a1', carrier: 'a1' }], ...options });

const dialsOn = (box: MqttBox, line: string) => (box.daemon.store.db.prepare('SELECT COUNT(*) AS n FROM recharges WHERE line = ?').get(line) as { n: number }).n;

describe('a box of several lines on the broker', () => {
  it('eachLineIsADeviceOfItsOwnWithItsOwnRetainedState', async () => {
    const { boxId, heard } = await twoLineBox();
    const main = await heard.next(`gsmkeeper/${boxId}/main/state`);
    const a1 = await heard.next(`gsmkeeper/${boxId}/a1/state`);
    expect(main.json()).toMatchObject({ line: 'main', carrier: 'Vivacom', network: '28403', modemUp: true });
    expect(a1.json()).toMatchObject({ line: 'a1', carrier: 'A1 Bulgaria', network: '28401', modemUp: true });
    const device = await heard.next(`homeassistant/device/${boxId}/gsmkeeper_${boxId}_a1/config`);
    expect(device.json().dev).toMatchObject({ via_device: `gsmkeeper_${boxId}` });
    // Retained: a client that comes later gets both lines' state from the broker.
    const late = await scene.tester(broker.url);
    const lateHeard = recorder(late);
    await late.subscribeAsync(`gsmkeeper/${boxId}/+/state`, { qos: 1 });
    const states = await Promise.all(['main', 'a1'].map((line) => lateHeard.next(`gsmkeeper/${boxId}/${line}/state`)));
    expect(states.map((m) => [m.retain, m.json().line])).toEqual([[true, 'main'], [true, 'a1']]);
  });

  it('aRechargeNamingALineDialsOnThatLineOnly', async () => {
    const { box, send, answer } = await twoLineBox();
    const a1 = box.simulators.get('a1')!;
    const pin = a1.unusedVouchers()[0]!.pin;
    await send({ id: 'r1', action: 'recharge', line: 'a1', args: { code: pin } });
    expect(await answer('r1')).toMatchObject({ id: 'r1', ok: true, line: 'a1', outcome: 'success' });
    expect([dialsOn(box, 'a1'), dialsOn(box, 'main')]).toEqual([1, 0]);
  });

  it('aTextCommandRunsOnTheLineItNames', async () => {
    const { send, answer } = await twoLineBox();
    await send({ id: 't1', line: 'a1', text: '*123456 CREDIT?' });
    const reply = await answer('t1');
    expect(reply).toMatchObject({ id: 't1', ok: true, command: 'CREDIT?', line: 'a1' });
    expect(reply.reply).toMatch(/^Balance: 2\.50 EUR/);
  });

  it('aRequestForALineThatIsNotUpIsRefusedAndNothingIsDialledElsewhere', async () => {
    const silent = new Simulator({ stateFile: null, dialect: 'a1', timing: { ussdDelayMs: 10 } });
    silent.fault('sim-out');
    const { box, send, answer } = await twoLineBox({ lines: [{ name: 'main' }, { name: 'a1', carrier: 'a1', simulator: silent }], fast: true, parkFirstMs: 60_000 });
    await waitFor(() => box.daemon.line('a1').state === 'parked', 10_000, 'a1 parked');
    const pin = box.simulators.get('main')!.unusedVouchers()[0]!.pin;
    await send({ id: 'p1', action: 'recharge', line: 'a1', args: { code: pin } });
    const refused = await answer('p1');
    expect(refused).toMatchObject({ id: 'p1', ok: false });
    expect(refused.message).toMatch(/a1 is parked/);
    expect([dialsOn(box, 'a1'), dialsOn(box, 'main')]).toEqual([0, 0]);
  }, 30_000);

  it('whatALineTellsItsNotifyGroupIsAnAlertEventOfThatLine', async () => {
    const { box, boxId, heard } = await twoLineBox();
    box.daemon.line('a1').notify(() => 'Low balance: 1.20 EUR.');
    const alert = await heard.next(`gsmkeeper/${boxId}/a1/event/alert`);
    expect(alert.retain).toBe(false);
    expect(alert.json()).toMatchObject({ text: 'a1: Low balance: 1.20 EUR.' });
  });
});
