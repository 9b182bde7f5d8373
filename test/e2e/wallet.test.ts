import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const cardBody = (pin: string, over: Record<string, unknown> = {}) => ({ pin, serial: 'S-1', amount: '5.00', currency: 'EUR', reseller: 'Kiosk 7', expires: '31.12.2027', ...over });

describe('the voucher wallet and the recharge API over HTTP', () => {
  it('cardsAddedOverHttpAreListedMaskedAndThePinIsNeverEchoedOrLogged', async () => {
    running = await startDaemon();
    const { baseUrl, simulator, logs } = running;
    const pin = simulator.unusedVouchers()[0]!.pin;
    const added = await api(baseUrl, 'POST', '/api/v1/vouchers', cardBody(pin));
    expect(added).toMatchObject({ status: 201, json: { voucher: { id: 1, pin: `***********${pin.slice(-4)}`, amountCents: 500, expiresOn: '2027-12-31', status: 'new' } } });
    const listed = await api(baseUrl, 'GET', '/api/v1/vouchers');
    expect(listed.json.vouchers).toHaveLength(1);
    expect(JSON.stringify([added.json, listed.json])).not.toContain(pin);
    expect(logs.join('')).not.toContain(pin);
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?' })).json.reply).toMatch(/ Wallet 1\. Outbox 0\./);
  });

  it.each([
    ['a PIN with letters', cardBody('12345abc'), 400, 'bad_request'],
    ['an unknown field', { pin: '123456789012345', colour: 'red' }, 400, 'bad_request'],
    ['no PIN', { serial: 'S-1' }, 400, 'bad_request'],
    ['an impossible date', cardBody('123456789012345', { expires: '30.02.2027' }), 400, 'bad_request'],
  ])('%s is refused with a JSON error', async (_name, body, status, code) => {
    running = await startDaemon();
    const result = await api(running.baseUrl, 'POST', '/api/v1/vouchers', body);
    expect(result).toMatchObject({ status, json: { error: { code } } });
    expect((await api(running.baseUrl, 'GET', '/api/v1/vouchers')).json.vouchers).toEqual([]);
  });

  it('cardsThatCouldNeverBeDialledAreRefusedWithTheReason', async () => {
    running = await startDaemon();
    const { baseUrl, simulator } = running;
    const [used, fresh] = simulator.unusedVouchers();
    expect((await api(baseUrl, 'POST', '/api/v1/recharge', { code: used!.pin })).json.outcome).toBe('success');
    const cases = await Promise.all([
      api(baseUrl, 'POST', '/api/v1/vouchers', cardBody(used!.pin)),
      api(baseUrl, 'POST', '/api/v1/vouchers', cardBody(fresh!.pin, { expires: '01.01.2020' })),
      api(baseUrl, 'POST', '/api/v1/vouchers', cardBody('12345')),
    ]);
    expect(cases).toEqual([
      { status: 409, json: { error: { code: 'conflict', message: expect.stringMatching(new RegExp(`^card \\*{11}${used!.pin.slice(-4)} was used on `)) } } },
      { status: 400, json: { error: { code: 'bad_request', message: 'the card expired on 01.01.2020' } } },
      { status: 400, json: { error: { code: 'bad_request', message: "the SIM's carrier, Vivacom, takes PINs of 15 digits; this one has 5 (name the card's carrier if it is for another)" } } },
    ]);
    expect((await api(baseUrl, 'GET', '/api/v1/vouchers')).json.vouchers).toEqual([]);
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?' })).json.reply).not.toMatch(/Wallet/);
    // Noted for the wallet CLI, which checks cards against it while the daemon is not running.
    expect(running.daemon.store.lines.all()).toEqual([{ name: 'main', imsi: '284030000000001', carrier: 'vivacom', number: '+359881000001', seen_at: expect.any(String) }]);
  });

  it('theSameCardTwiceIsAConflictAndAUsedCardCannotBeRemoved', async () => {
    running = await startDaemon();
    const { baseUrl, simulator } = running;
    const [first, second] = simulator.unusedVouchers();
    await api(baseUrl, 'POST', '/api/v1/vouchers', cardBody(first!.pin, { expires: '2027-01-01' }));
    expect((await api(baseUrl, 'POST', '/api/v1/vouchers', cardBody(first!.pin))).json.error.code).toBe('conflict');
    await api(baseUrl, 'POST', '/api/v1/vouchers', cardBody(second!.pin, { expires: '2027-06-01' }));
    const topUp = await api(baseUrl, 'POST', '/api/v1/vouchers/top-up');
    expect(topUp.json).toMatchObject({ outcome: 'dialled', cardsLeft: 1, voucher: { id: 1, status: 'activated' }, result: { outcome: 'success', added: '5.00 EUR', balance: '7.50 EUR' } });
    expect(await api(baseUrl, 'DELETE', '/api/v1/vouchers/1')).toMatchObject({ status: 409, json: { error: { code: 'conflict' } } });
    expect(await api(baseUrl, 'DELETE', '/api/v1/vouchers/2')).toEqual({ status: 204, json: null });
    expect((await api(baseUrl, 'DELETE', '/api/v1/vouchers/2')).status).toBe(404);
    expect((await api(baseUrl, 'POST', '/api/v1/vouchers/top-up')).json).toMatchObject({ outcome: 'empty' });
    expect(simulator.dialLog().map((d) => d.outcome)).toEqual(['recharged']);
  });

  it('theRechargeApiAnswersWithTheOutcomeAsDataAndNeverDialsACodeTwice', async () => {
    running = await startDaemon();
    const { baseUrl, simulator } = running;
    const pin = simulator.unusedVouchers()[0]!.pin;
    const first = await api(baseUrl, 'POST', '/api/v1/recharge', { code: pin });
    expect(first).toMatchObject({ status: 200, json: { outcome: 'success', card: `***********${pin.slice(-4)}`, added: '5.00 EUR', balance: '7.50 EUR', reply: expect.stringMatching(/^Credit added/) } });
    expect((await api(baseUrl, 'POST', '/api/v1/recharge', { code: pin })).json).toMatchObject({ outcome: 'already-used' });
    expect((await api(baseUrl, 'POST', '/api/v1/recharge', { code: '12345' })).json).toMatchObject({ outcome: 'invalid-code', reply: 'Invalid Security Code!' });
    expect(JSON.stringify(first.json)).not.toContain(pin);
    expect(simulator.dialLog()).toHaveLength(1);
  });

  it('aLowBalanceTopsUpFromTheWalletByItselfAndTellsTheNotifyGroup', async () => {
    // First run: no balance code, so no check; the owner fills the wallet.
    const notify = '+359888640001';
    running = await startDaemon({ config: { groups: { config: [], command: [], notify: [notify] } } });
    const { dataDir, simulator } = running;
    await api(running.baseUrl, 'POST', '/api/v1/vouchers', cardBody(simulator.unusedVouchers()[0]!.pin));
    await running.stop();
    // Next start: the balance code is known, 2.50 EUR is below the 5.00 threshold.
    const credit = { ...DEFAULT_CONFIG.credit, balanceUssd: '*102#', lowBalance: 5 };
    running = await startDaemon({ dataDir, simulator, config: { credit, groups: { config: [], command: [], notify: [notify] } } });
    const [notice] = await messagesOn(() => simulator.phoneMessages(notify));
    expect(notice!.text).toMatch(/^gsmkeeper \(low balance\): Credit added: 5\.00 EUR\. Balance: 7\.50 EUR \(was 2\.50 EUR\)\. Valid until .*\. 0 card\(s\) left in the wallet\.$/);
    await waitFor(() => running!.daemon.wallet.list()[0]?.status === 'activated', 5000, 'the card used');
    expect(simulator.dialLog().map((d) => d.outcome)).toEqual(['balance', 'recharged']);
  });

  it('withAutomaticTopUpOffTheBoxOnlyAlerts', async () => {
    const notify = '+359888640002';
    running = await startDaemon({ config: { groups: { config: [], command: [], notify: [notify] } } });
    const { dataDir, simulator } = running;
    await api(running.baseUrl, 'POST', '/api/v1/vouchers', cardBody(simulator.unusedVouchers()[0]!.pin));
    await running.stop();
    const credit = { ...DEFAULT_CONFIG.credit, balanceUssd: '*102#', lowBalance: 5, autoTopUp: false };
    running = await startDaemon({ dataDir, simulator, config: { credit, groups: { config: [], command: [], notify: [notify] } } });
    const [notice] = await messagesOn(() => simulator.phoneMessages(notify));
    expect(notice!.text).toBe('gsmkeeper: balance 2.50 EUR is below 5.00 EUR. Top up with CREDIT <code>.');
    expect(running.daemon.wallet.list()[0]!.status).toBe('new');
  });
});
