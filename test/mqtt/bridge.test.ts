import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { describe, expect, it } from 'vitest';
import { recorder, useBroker } from '../helpers/broker.js';
import { mqttScene, startMqttBox, type MqttBox } from '../helpers/mqtt-box.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

const broker = useBroker();

const scene = mqttScene();

let counter = 0;
/** A box of its own per test (its retained topics apart from the others'), and a client listening to all it says. */
const boxAndListener = (options: Parameters<typeof startMqttBox>[1] = {}) => scene.listened(broker.url, `bridge${++counter}`, options);

const rechargesIn = (box: MqttBox) => (box.daemon.store.db.prepare('SELECT COUNT(*) AS n FROM recharges').get() as { n: number }).n;

describe('what the box publishes', () => {
  it('availabilityStateAndDiscoveryAreRetained', async () => {
    const { boxId, heard } = await boxAndListener();
    await heard.next(`homeassistant/device/${boxId}/gsmkeeper_${boxId}_main/config`);
    // A client that comes later gets them from the broker: retained.
    const late = await scene.tester(broker.url);
    const lateHeard = recorder(late);
    await late.subscribeAsync([`gsmkeeper/${boxId}/#`, `homeassistant/device/#`], { qos: 1 });
    const status = await lateHeard.next(`gsmkeeper/${boxId}/status`);
    const state = await lateHeard.next(`gsmkeeper/${boxId}/main/state`);
    const device = await lateHeard.next(`homeassistant/device/${boxId}/gsmkeeper_${boxId}_main/config`);
    await lateHeard.next(`homeassistant/device/${boxId}/gsmkeeper_${boxId}/config`);
    expect([status.retain, state.retain, device.retain]).toEqual([true, true, true]);
    expect(status.text).toBe('online');
    expect(state.json()).toMatchObject({ line: 'main', carrier: 'Vivacom', signalDbm: -71, network: '28403', modemUp: true, problems: [], walletCardsReady: 0 });
  });

  it('speaksMqtt5WhereTheBrokerDoesAnd311WhereItDoesNot', async () => {
    // aedes turns version 5 down; Mosquitto (GSMKEEPER_TEST_BROKER=mosquitto) speaks it.
    const { box } = await boxAndListener();
    const connected = box.logs.map((l) => JSON.parse(l) as { msg: string; protocolVersion?: number }).filter((l) => l.msg === 'connected to the MQTT broker');
    expect(connected.map((l) => l.protocolVersion)).toEqual([process.env.GSMKEEPER_TEST_BROKER === 'mosquitto' ? 5 : 4]);
  });

  it('aBalanceCheckPublishesABalanceEventAndTheChangedState', async () => {
    // The simulated carrier's balance code, as it publishes it.
    const { boxId, heard, send, answer } = await boxAndListener({ config: { credit: { ...DEFAULT_CONFIG.credit, balanceUssd: '*102#' } } });
    await send({ id: 'b1', action: 'check-balance' });
    expect(await answer('b1')).toMatchObject({ id: 'b1', ok: true, kind: 'fresh', balance: '2.50 EUR', box: boxId, line: 'main' });
    // The box read it at start already (it knew no balance) or for this query: either way, an event.
    const event = await heard.next(`gsmkeeper/${boxId}/main/event/balance`);
    expect(event.json()).toMatchObject({ event_type: 'balance', balance: 2.5, currency: 'EUR', source: expect.any(String) });
    const after = await heard.next(`gsmkeeper/${boxId}/main/state`, (m) => m.json().balance !== null);
    expect(after.json()).toMatchObject({ balance: 2.5, currency: 'EUR' });
    expect(after.json().daysLeft).toBeGreaterThan(20);
    // The currency is known now: the balance sensor gets its unit.
    const device = await heard.next(`homeassistant/device/${boxId}/gsmkeeper_${boxId}_main/config`, (m) => m.json().cmps.balance.unit_of_meas === 'EUR');
    expect(device.json().cmps.balance.dev_cla).toBe('monetary');
  });

  it('homeAssistantsBirthMessageBringsDiscoveryAgain', async () => {
    const { boxId, heard, tester } = await boxAndListener();
    const topic = `homeassistant/device/${boxId}/gsmkeeper_${boxId}_main/config`;
    await heard.next(topic);
    const seen = heard.on(topic).length;
    await tester.publishAsync('homeassistant/status', 'online', { qos: 1 });
    await waitFor(() => heard.on(topic).length > seen, 10_000, 'discovery sent again');
  });

  it('anSmsThatIsNoCommandBecomesAnEventForHomeAssistant', async () => {
    const { box, boxId, heard } = await boxAndListener();
    box.simulator.sendSmsFromPhone('+359888777666', 'The gate is open, code 1234567');
    const event = await heard.next(`gsmkeeper/${boxId}/main/event/sms-received`);
    // As the box keeps it: runs of 5 or more digits masked but the last 4.
    expect(event.json()).toMatchObject({ event_type: 'sms-received', from: '+359888777666', text: 'The gate is open, code ***4567' });
  });
});

describe('commands', () => {
  it('aTextCommandIsAnsweredOnItsResTopicOrTheReplyToItNames', async () => {
    const { boxId, send, answer, heard } = await boxAndListener();
    await send({ id: 's1', text: '*123456 STAT?' });
    expect(await answer('s1')).toMatchObject({ id: 's1', ok: true, command: 'STAT?', reply: expect.stringMatching(/^Signal -71dBm/), smsTo: null });
    await send({ id: 's2', text: '*123456 STAT?', replyTo: `gsmkeeper/${boxId}/res/operator7` });
    expect((await heard.next(`gsmkeeper/${boxId}/res/operator7`)).json()).toMatchObject({ id: 's2', ok: true });
  });

  it('aWrongPasswordIsMetWithTheSameSilenceAsBySms', async () => {
    const { box, boxId, send, answer, heard } = await boxAndListener();
    await send({ id: 'w1', text: '*654321 STAT?' });
    await send({ id: 'w2', text: '*123456 STAT?' });
    await answer('w2');
    await waitFor(() => (box.daemon.store.db.prepare("SELECT state FROM mqtt_commands WHERE id = 'w1'").get() as { state: string } | undefined)?.state === 'silent', 5000, 'w1 dropped');
    expect(heard.on(`gsmkeeper/${boxId}/res/w1`)).toEqual([]);
    expect(box.logs.some((l) => l.includes('"reason":"wrong-password"') && l.includes('dropped'))).toBe(true);
  });

  it('aMalformedPayloadGetsAnErrorAnswerAndTheBoxCarriesOn', async () => {
    const { boxId, send, answer, heard } = await boxAndListener();
    await send('{"id": "x1", "text": ');
    expect((await heard.next(`gsmkeeper/${boxId}/errors`)).json()).toMatchObject({ id: null, ok: false, error: 'bad_request' });
    await send({ id: 'x2', action: 'format-disk' });
    expect(await answer('x2')).toMatchObject({ ok: false, error: 'unknown_action' });
    await send({ id: 'x3', text: '*123456 STAT?', line: 'sim9' });
    expect(await answer('x3')).toMatchObject({ ok: false, error: 'unknown_line' });
    await send({ id: 'x4', text: 'hello there' });
    expect(await answer('x4')).toMatchObject({ ok: false, error: 'not_a_command' });
    await send({ id: 'x5', text: '*123456 STAT?' });
    expect(await answer('x5')).toMatchObject({ ok: true });
  });

  it('anUnknownLineIsEchoedWithItsDigitsMaskedInTheAnswerAndTheLog', async () => {
    const { box, send, answer } = await boxAndListener();
    await send({ id: 'l1', text: '*123456 STAT?', line: '804079387408127' });
    const refused = await answer('l1');
    expect(refused).toMatchObject({ ok: false, error: 'unknown_line' });
    expect(refused.message).toContain('no line "***********8127"');
    expect(box.logs.some((l) => l.includes('80407938'))).toBe(false);
  });

  it('theSameIdTwiceIsDialledOnceAndGetsTheStoredAnswer', async () => {
    const { box, boxId, send, heard } = await boxAndListener();
    const pin = box.simulator.unusedVouchers()[0]!.pin;
    const command = { id: 'r1', action: 'recharge', args: { code: pin } };
    await send(command);
    const first = await heard.next(`gsmkeeper/${boxId}/res/r1`);
    expect(first.json()).toMatchObject({ ok: true, outcome: 'success', card: `***********${pin.slice(-4)}`, added: '5.00 EUR' });
    await send(command);
    await waitFor(() => heard.on(`gsmkeeper/${boxId}/res/r1`).length === 2, 10_000, 'the second answer');
    expect(heard.on(`gsmkeeper/${boxId}/res/r1`)[1]!.text).toBe(first.text);
    expect(box.simulator.dialLog().filter((d) => d.ussd.includes(pin))).toHaveLength(1);
    expect(rechargesIn(box)).toBe(1);
    // The code is in no log line and no publication, only its last 4 digits.
    expect(box.logs.join('')).not.toContain(pin);
    expect(heard.messages.filter((m) => m.topic !== `gsmkeeper/${boxId}/cmd`).map((m) => m.text).join('')).not.toContain(pin);
    expect((await heard.next(`gsmkeeper/${boxId}/main/event/recharge`)).json()).toMatchObject({ event_type: 'recharge', outcome: 'success', added: 5, balance: 7.5, currency: 'EUR' });
  });

  it('aRechargeNamingNoLanguageIsAnsweredInTheBoxsWithTheCodeMasked', async () => {
    const { box, send, answer } = await boxAndListener({ config: { language: 'bg' } });
    const pin = box.simulator.unusedVouchers()[0]!.pin;
    await send({ id: 'l1', action: 'recharge', args: { code: pin } });
    const answered = await answer('l1');
    expect(answered).toMatchObject({ ok: true, outcome: 'success', card: `***********${pin.slice(-4)}`, reply: expect.stringMatching(/^Заредени 5\.00 EUR\. Наличност: 7\.50 EUR/) });
    expect(JSON.stringify(answered)).not.toContain(pin);
  });

  it('anExpiredCommandIsAnsweredAndNotRun', async () => {
    const { box, send, answer } = await boxAndListener();
    const pin = box.simulator.unusedVouchers()[0]!.pin;
    await send({ id: 'e1', action: 'recharge', args: { code: pin }, expires: new Date(Date.now() - 60_000).toISOString() });
    expect(await answer('e1')).toMatchObject({ ok: false, error: 'expired' });
    expect(box.simulator.dialLog()).toEqual([]);
  });

  it('sendSmsQueuesAnSmsThePhoneReceives', async () => {
    const { box, send, answer } = await boxAndListener();
    await send({ id: 'm1', action: 'send-sms', args: { to: '0888555444', text: 'Water tank full' } });
    expect(await answer('m1')).toMatchObject({ ok: true, queued: 1 });
    const [sms] = await messagesOn(() => box.simulator.phoneMessages('0888555444'));
    expect(sms!.text).toBe('Water tank full');
  });

  it('withTheBrokerAsTheAuthorityATextNeedsNoPassword', async () => {
    const { send, answer } = await boxAndListener({ mqtt: { commandPassword: false } });
    await send({ id: 't1', text: 'STAT?' });
    expect(await answer('t1')).toMatchObject({ ok: true, command: 'STAT?' });
  });

  it('aPasswordIsNeededByDefault', async () => {
    const { box, send } = await boxAndListener();
    await send({ id: 't1', text: 'STAT?' });
    await waitFor(() => box.daemon.store.db.prepare("SELECT 1 FROM mqtt_commands WHERE id = 't1' AND state = 'answered'").get(), 5000, 't1 answered');
    expect(box.daemon.store.db.prepare("SELECT answer FROM mqtt_commands WHERE id = 't1'").get()).toMatchObject({ answer: expect.stringContaining('not_a_command') });
  });

  it('homeAssistantsTextEntityRechargesWithACode', async () => {
    const { box, boxId, tester, heard } = await boxAndListener();
    const pin = box.simulator.unusedVouchers()[0]!.pin;
    await tester.publishAsync(`gsmkeeper/${boxId}/main/ha/recharge`, pin, { qos: 1 });
    const event = await heard.next(`gsmkeeper/${boxId}/main/event/recharge`);
    expect(event.json()).toMatchObject({ outcome: 'success', card: `***********${pin.slice(-4)}` });
    const state = await heard.next(`gsmkeeper/${boxId}/main/state`, (m) => m.json().lastRecharge !== null);
    expect(state.json().lastRecharge).toMatchObject({ outcome: 'success', card: `***********${pin.slice(-4)}`, amount: '5.00 EUR' });
  });
});
