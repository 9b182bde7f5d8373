import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/config/schema.js';
import { api, startDaemon, type DaemonTestOptions, type RunningDaemon } from '../helpers/daemon.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const CALLER = '+359888123456';
const CONFIG_NUMBER = '+359888123999';

/** A box whose dialogue is on, with the caller in the Command group; Vivacom's balance code as the simulator publishes it. */
function dialogueBox(more: Partial<Config> = {}, options: DaemonTestOptions = {}): Promise<RunningDaemon> {
  return startDaemon({
    ...options,
    config: {
      dialogue: { ...DEFAULT_CONFIG.dialogue, enabled: true },
      groups: { config: [CONFIG_NUMBER], command: [CALLER], notify: [] },
      credit: { ...DEFAULT_CONFIG.credit, balanceUssd: '*102#' },
      ...more,
    },
  });
}

const logged = (box: RunningDaemon, message: string): number => box.logs.filter((line) => line.includes(`"msg":"${message}"`)).length;

describe('the recharge dialogue on the simulator', () => {
  it('aGroupNumberThatCallsIsHungUpOnTextedTheBalanceAndItsCouponRechargesTheLine', async () => {
    running = await dialogueBox();
    const { simulator, daemon, logs } = running;
    const voucher = simulator.unusedVouchers()[0]!;

    expect(simulator.callFromPhone(CALLER, { intervalMs: 3000 })).toBe(true);
    const [prompt] = await messagesOn(() => simulator.phoneMessages(CALLER));
    // Hung up while it rang: the caller was never connected, so the call cost nothing.
    expect(simulator.calls(CALLER)).toEqual([expect.objectContaining({ from: CALLER, outcome: 'rejected', rings: 1 })]);
    expect(prompt!.text).toMatch(/^Balance: 2\.50 EUR\. Valid until \d\d\.\d\d\.\d{4}\. To recharge, reply within 5 min with the coupon number and PIN, or the voucher code\.$/);

    simulator.sendSmsFromPhone(CALLER, voucher.pin);
    const [, answer] = await messagesOn(() => simulator.phoneMessages(CALLER), 2);
    expect(answer!.text).toMatch(/^Balance before: 2\.50 EUR\. Recharged: 5\.00 EUR\. New balance: 7\.50 EUR, valid until \d\d\.\d\d\.\d{4}\.$/);
    expect(simulator.dialLog().filter((dial) => dial.ussd.includes(voucher.pin))).toHaveLength(1);
    expect(simulator.state.carrier.vouchers.find((v) => v.pin === voucher.pin)!.status).toBe('activated');

    await daemon.settle();
    expect(daemon.store.db.prepare("SELECT name, state, sender, text FROM commands WHERE name = 'DIALOGUE'").all()).toEqual([
      { name: 'DIALOGUE', state: 'answered', sender: CALLER, text: `***********${voucher.pin.slice(-4)}` },
    ]);
    expect(daemon.store.db.prepare('SELECT requested_by, state FROM recharges').all()).toEqual([{ requested_by: CALLER, state: 'success' }]);
    expect(logs.join('')).not.toContain(voucher.pin);
  });

  it('aWalletCardRechargesByItsSerialAndPinAndTheCallerSeesItActivatedByThem', async () => {
    running = await dialogueBox();
    const { simulator, baseUrl } = running;
    const voucher = simulator.unusedVouchers()[0]!;
    expect((await api(baseUrl, 'POST', '/api/v1/vouchers', { pin: voucher.pin, serial: '101-777', amount: '5.00', currency: 'EUR' })).status).toBe(201);

    simulator.callFromPhone(CALLER);
    await messagesOn(() => simulator.phoneMessages(CALLER));
    // The PIN typed in groups, as it is printed on the card.
    simulator.sendSmsFromPhone(CALLER, `101-777 ${voucher.pin.slice(0, 5)} ${voucher.pin.slice(5, 10)} ${voucher.pin.slice(10)}`);
    const [, answer] = await messagesOn(() => simulator.phoneMessages(CALLER), 2);
    expect(answer!.text).toMatch(/Recharged: 5\.00 EUR\. New balance: 7\.50 EUR/);
    const card = (await api(baseUrl, 'GET', '/api/v1/vouchers?serial=101-777')).json.vouchers[0];
    expect(card).toMatchObject({ status: 'activated', dial: { by: CALLER, line: 'main' } });
  });

  it('aWrongOrUsedCouponGetsTheOneMessageAndAUsedOneIsNotDialledAgain', async () => {
    running = await dialogueBox();
    const { simulator } = running;
    const voucher = simulator.unusedVouchers()[0]!;
    const inbox = () => simulator.phoneMessages(CALLER);

    // Used once through CREDIT, then offered in the dialogue; then a code of the right length no card has.
    simulator.sendSmsFromPhone(CONFIG_NUMBER, `*123456 CREDIT ${voucher.pin}`);
    await messagesOn(() => simulator.phoneMessages(CONFIG_NUMBER));
    simulator.callFromPhone(CALLER);
    await messagesOn(inbox, 1);
    simulator.sendSmsFromPhone(CALLER, voucher.pin);
    await messagesOn(inbox, 2);
    expect(simulator.dialLog().filter((dial) => dial.ussd.includes(voucher.pin))).toHaveLength(1);

    simulator.callFromPhone(CALLER);
    await messagesOn(inbox, 3);
    simulator.sendSmsFromPhone(CALLER, '999999999999999');
    const messages = await messagesOn(inbox, 4);
    expect([messages[1]!.text, messages[3]!.text]).toEqual(['The coupon is invalid or already used.', 'The coupon is invalid or already used.']);
    // The wrong code went to the carrier once, and counts against the SIM's attempt budget as CREDIT's would.
    expect(simulator.dialLog().filter((dial) => dial.ussd.includes('999999999999999')).map((dial) => dial.outcome)).toEqual(['rejected']);
    expect(running.daemon.store.recharges.rejectionsSince('284030000000001', new Date(Date.now() - 3_600_000).toISOString())).toBe(1);
  });

  it('aReplyAfterTheSessionEndedIsAnOrdinarySmsAndIsNeverDialled', async () => {
    running = await dialogueBox({}, { dialogueSessionMs: 300 });
    const { simulator, daemon } = running;
    const voucher = simulator.unusedVouchers()[0]!;
    simulator.callFromPhone(CALLER);
    const [prompt] = await messagesOn(() => simulator.phoneMessages(CALLER));
    expect(prompt!.text).toContain('reply within 1 min');
    await waitFor(() => logged(running!, 'dialogue session ended without a reply') === 1, 5000, 'the session to time out');

    simulator.sendSmsFromPhone(CALLER, voucher.pin);
    await waitFor(() => (daemon.store.db.prepare("SELECT drop_reason FROM commands WHERE sender = ? AND state = 'dropped'").get(CALLER) as { drop_reason: string } | undefined)?.drop_reason, 5000, 'the late reply dropped');
    await daemon.settle();
    expect(daemon.store.db.prepare('SELECT drop_reason FROM commands WHERE sender = ?').all(CALLER)).toEqual([{ drop_reason: 'no-star' }]);
    expect(simulator.dialLog().some((dial) => dial.ussd.includes(voucher.pin))).toBe(false);
    expect(simulator.phoneMessages(CALLER)).toHaveLength(1);
  });

  it('aStrangersCallAndAWithheldCallAreHungUpOnAndOnlyLogged', async () => {
    running = await dialogueBox();
    const { simulator, daemon } = running;
    const stranger = '+359888555000';
    // Through the simulator's API, as a person would place the calls.
    expect(await api(running.baseUrl, 'POST', '/api/v1/sim/calls', { from: stranger })).toMatchObject({ status: 202, json: { ringing: true } });
    await waitFor(async () => (await api(running!.baseUrl, 'GET', `/api/v1/sim/calls?number=${encodeURIComponent(stranger)}`)).json.calls[0]?.outcome === 'rejected', 5000, 'the stranger hung up on');
    expect((await api(running.baseUrl, 'POST', '/api/v1/sim/calls', { from: CALLER, withheld: true })).status).toBe(202);
    await waitFor(() => simulator.calls().at(-1)?.outcome === 'rejected', 5000, 'the withheld call hung up on');
    await daemon.settle();
    expect(simulator.calls().map((call) => [call.from, call.outcome])).toEqual([[stranger, 'rejected'], [null, 'rejected']]);
    expect(logged(running, 'call from a number in no group rejected and ignored')).toBe(1);
    expect(logged(running, 'call without a number rejected and ignored')).toBe(1);
    expect(simulator.phoneMessages(stranger)).toEqual([]);
    expect(simulator.phoneMessages(CALLER)).toEqual([]);
    expect(daemon.store.db.prepare('SELECT COUNT(*) n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('theRepeatedRingsOfOneCallAreOneCall', async () => {
    running = await dialogueBox();
    const { simulator } = running;
    // Every answer of the modem comes late, so several RINGs of the call reach the box before its hang-up does.
    simulator.modem.faults.timing.lateMs = 300;
    simulator.fault('late', true);
    simulator.callFromPhone(CALLER, { intervalMs: 40 });
    await messagesOn(() => simulator.phoneMessages(CALLER));
    simulator.fault('late', false);
    await running.daemon.settle();
    const [call] = simulator.calls(CALLER);
    expect(call!.outcome).toBe('rejected');
    expect(call!.rings).toBeGreaterThan(2);
    expect(simulator.phoneMessages(CALLER)).toHaveLength(1);
    expect(logged(running, 'dialogue session opened: balance texted, waiting for a coupon')).toBe(1);
  });

  it('withTheDialogueOffCallsAreLeftAloneUntilDialogueOnSwitchesItOn', async () => {
    running = await startDaemon({ config: { groups: { config: [CONFIG_NUMBER], command: [CALLER], notify: [] } } });
    const { simulator } = running;
    simulator.callFromPhone(CALLER, { rings: 3, intervalMs: 50 });
    await waitFor(() => simulator.calls(CALLER)[0]?.outcome === 'missed', 5000, 'the caller to give up');
    await running.daemon.settle();
    expect(logged(running, 'call left alone: the recharge dialogue is off')).toBe(1);
    expect(simulator.phoneMessages(CALLER)).toEqual([]);

    simulator.sendSmsFromPhone(CONFIG_NUMBER, '*123456 PH 0888123999 DIALOGUE ON');
    const [on] = await messagesOn(() => simulator.phoneMessages(CONFIG_NUMBER));
    expect(on!.text).toMatch(/^Recharge dialogue ON/);
    expect(running.daemon.store.settings.get('dialogue.enabled')).toBe(true);
    simulator.callFromPhone(CALLER);
    await messagesOn(() => simulator.phoneMessages(CALLER));
    expect(simulator.calls(CALLER).map((call) => call.outcome)).toEqual(['missed', 'rejected']);
  });
});
