import { afterEach, describe, expect, it } from 'vitest';
import { linesOf } from '../../src/config/lines.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { silentLogger } from '../../src/log/logger.js';
import { Simulator } from '../../src/sim/simulator.js';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { tmpDir } from '../helpers/tmp.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

/** A box of two lines: main on Vivacom (+359881000001), a1 on A1 (+359882000001). */
async function twoLines(): Promise<{ r: RunningDaemon; main: Simulator; a1: Simulator }> {
  running = await startDaemon({ lines: [{ name: 'main' }, { name: 'a1', carrier: 'a1' }] });
  return { r: running, main: running.simulators.get('main')!, a1: running.simulators.get('a1')! };
}

/** The recharge strings each carrier was dialled with (balance reads aside). */
const recharges = (simulator: Simulator): string[] => simulator.dialLog().filter((d) => d.outcome !== 'balance').map((d) => d.ussd);

describe('routing between lines', () => {
  it('anSmsCommandIsAnsweredOnTheLineItArrivedOn', async () => {
    const { a1 } = await twoLines();
    a1.sendSmsFromPhone('+359888700101', '*123456 STAT?');
    const [reply] = await messagesOn(() => a1.phoneMessages('+359888700101'));
    // The reply comes from a1's SIM, and reports both lines.
    expect(reply).toMatchObject({ from: '+359882000001', text: expect.stringMatching(/^main: Vivacom .*\. a1: A1 Bulgaria .*\. Outbox \d+\. Up /) });
  });

  it('creditBySmsRechargesTheSimOfTheLineItArrivedOn', async () => {
    const { main, a1 } = await twoLines();
    const pin = a1.unusedVouchers()[0]!.pin;
    a1.sendSmsFromPhone('+359888700102', `*123456 CREDIT ${pin}`);
    const [reply] = await messagesOn(() => a1.phoneMessages('+359888700102'));
    expect(reply!.text).toMatch(/^Credit added: 5\.00 EUR\. Balance: 7\.50 EUR \(was 2\.50 EUR\)/);
    expect(recharges(a1)).toEqual([`*100*${pin}#`]);
    expect(recharges(main)).toEqual([]);
  });

  it('creditNamingAnotherLineRechargesThatLineAndAnswersOnTheOneItCameOn', async () => {
    const { main, a1 } = await twoLines();
    const [first, second] = a1.unusedVouchers();
    main.sendSmsFromPhone('+359888700103', `*123456 CREDIT ${first!.pin},a1`);
    const [byName] = await messagesOn(() => main.phoneMessages('+359888700103'));
    expect(byName).toMatchObject({ from: '+359881000001', text: expect.stringMatching(/^Credit added: 5\.00 EUR/) });
    // A line named by its SIM's number, as people write it.
    main.sendSmsFromPhone('+359888700104', `*123456 CREDIT ${second!.pin},0882000001`);
    await messagesOn(() => main.phoneMessages('+359888700104'));
    expect(recharges(a1)).toEqual([`*100*${first!.pin}#`, `*100*${second!.pin}#`]);
    expect(recharges(main)).toEqual([]);
  });

  it('anUnknownLineIsRefusedNamingTheLinesAndNothingIsDialled', async () => {
    const { main, a1 } = await twoLines();
    const pin = main.unusedVouchers()[0]!.pin;
    main.sendSmsFromPhone('+359888700105', `*123456 CREDIT ${pin},kitchen`);
    const [reply] = await messagesOn(() => main.phoneMessages('+359888700105'));
    expect(reply!.text).toBe('No line "kitchen": nothing done. Lines: main, a1.');
    expect([...recharges(main), ...recharges(a1)]).toEqual([]);
  });

  it('aCommandOverHttpActsOnItsDestinationAndOneWithoutIsToldToNameALine', async () => {
    const { r, main, a1 } = await twoLines();
    const pin = a1.unusedVouchers()[0]!.pin;
    const unnamed = await api(r.baseUrl, 'POST', '/api/v1/commands', { text: `*123456 CREDIT ${pin}` });
    expect(unnamed.json.reply).toBe('Name the line (add ,<line>): main, a1.');
    const byImsi = await api(r.baseUrl, 'POST', '/api/v1/commands', { text: `*123456 CREDIT ${pin}`, destination: '284010000000001' });
    expect(byImsi.json.reply).toMatch(/^Credit added: 5\.00 EUR/);
    expect(recharges(a1)).toEqual([`*100*${pin}#`]);
    expect(recharges(main)).toEqual([]);
    const unknown = await api(r.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?', destination: 'kitchen' });
    expect(unknown).toMatchObject({ status: 400, json: { error: { code: 'bad_request', lines: ['main', 'a1'] } } });
    // A PH reply of an HTTP command goes out on its destination's line.
    await api(r.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 PH 0888700106 CREDIT?', destination: 'a1' });
    const [ph] = await messagesOn(() => a1.phoneMessages('0888700106'));
    expect(ph).toMatchObject({ from: '+359882000001', text: expect.stringMatching(/^Balance: 7\.50 EUR/) });
  });

  it('theRechargeApiRechargesItsDestinationsSimAndAWalletCardOfThatLinesCarrier', async () => {
    const { r, main, a1 } = await twoLines();
    const [vivacomCard] = main.unusedVouchers();
    const [a1Card] = a1.unusedVouchers();
    // No carrier named: each card is for the one carrier of the box whose PINs have its length.
    for (const card of [vivacomCard!, a1Card!]) expect((await api(r.baseUrl, 'POST', '/api/v1/vouchers', { pin: card.pin, serial: card.serial })).status).toBe(201);
    expect((await api(r.baseUrl, 'GET', '/api/v1/vouchers?sort=serial')).json.vouchers.map((v: { carrier: string }) => v.carrier).sort()).toEqual(['a1', 'vivacom']);
    const topUp = await api(r.baseUrl, 'POST', '/api/v1/vouchers/top-up', { line: 'a1' });
    expect(topUp.json).toMatchObject({ outcome: 'dialled', result: { outcome: 'success' } });
    expect(recharges(a1)).toEqual([`*100*${a1Card!.pin}#`]);
    const coupon = main.unusedVouchers()[1]!;
    const service = await api(r.baseUrl, 'POST', '/api/v1/recharge', { destination: '+359881000001', source_coupon: coupon.pin });
    expect(service.json).toMatchObject({ outcome: 'success', destination: 'main' });
    expect(recharges(main)).toEqual([`*101#${coupon.pin}#`]);
    // A wallet card of the other carrier does not recharge this line.
    const wrong = await api(r.baseUrl, 'POST', '/api/v1/recharge', { destination: 'a1', source_account: vivacomCard!.serial, source_pin: vivacomCard!.pin });
    expect(wrong.json).toMatchObject({ outcome: 'invalid-or-used' });
    expect(recharges(a1)).toHaveLength(1);
  });
});

describe('lines that fail on their own', () => {
  it('oneLineUnpluggedWhileTheOtherRechargesIsParkedAndComesBackWhenReplugged', async () => {
    running = await startDaemon({
      lines: [{ name: 'main' }, { name: 'a1', carrier: 'a1' }],
      fast: true,
      parkFirstMs: 300,
      config: { modem: { ...DEFAULT_CONFIG.modem, reopenWaitSeconds: 1 } },
      exit: () => {
        throw new Error('the box must not exit while a line is up');
      },
    });
    const main = running.simulators.get('main')!;
    const a1 = running.simulators.get('a1')!;
    a1.unplug();
    const pin = main.unusedVouchers()[0]!.pin;
    main.sendSmsFromPhone('+359888700201', `*123456 CREDIT ${pin}`);
    const [reply] = await messagesOn(() => main.phoneMessages('+359888700201'));
    expect(reply!.text).toMatch(/^Credit added: 5\.00 EUR/);
    await waitFor(() => running!.daemon.line('a1').state === 'parked', 20_000, 'a1 parked');
    expect(running.daemon.line('main').state).toBe('ready');
    // What the box says of a parked line, and what it refuses on it.
    const [parked] = (await api(running.baseUrl, 'GET', '/api/v1/lines')).json.lines.filter((line: { name: string }) => line.name === 'a1');
    expect(parked).toMatchObject({ state: 'parked', problems: [expect.stringMatching(/^line parked: /)], retryAt: expect.any(String) });
    const refused = await api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: 'a1', source_coupon: a1.unusedVouchers()[0]!.pin });
    expect(refused).toMatchObject({ status: 503, json: { error: { code: 'unavailable', lines: ['main', 'a1'] } } });
    main.sendSmsFromPhone('+359888700202', `*123456 CREDIT ${a1.unusedVouchers()[0]!.pin},a1`);
    const [onParked] = await messagesOn(() => main.phoneMessages('+359888700202'));
    expect(onParked!.text).toBe('Line a1 is parked: nothing done. Lines: main, a1 (parked).');
    expect(recharges(a1)).toEqual([]);
    expect((await api(running.baseUrl, 'GET', '/api/v1/health', undefined, null)).json).toMatchObject({ status: 'degraded', lines: [{ name: 'main', state: 'ready' }, { name: 'a1', state: 'parked' }] });
    a1.replug();
    await waitFor(() => running!.daemon.line('a1').state === 'ready', 20_000, 'a1 back');
  }, 60_000);

  it('startUpDoesNotWaitForALineWhoseModemDoesNotAnswer', async () => {
    const silent = new Simulator({ stateFile: null, dialect: 'a1', timing: { ussdDelayMs: 10 } });
    silent.fault('hang', true);
    running = await startDaemon({ lines: [{ name: 'main' }, { name: 'a1', carrier: 'a1', simulator: silent }], fast: true, startWaitMs: 200, parkFirstMs: 60_000 });
    // Up and answering while the silent line's first attempt is still under way.
    expect(running.daemon.line('main').state).toBe('ready');
    expect(running.daemon.line('a1').state).toBe('starting');
    const stat = await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 CREDIT?', destination: 'main' });
    expect(stat.json.reply).toMatch(/^Balance: 2\.50 EUR/);
    await waitFor(() => running!.daemon.line('a1').state === 'parked', 20_000, 'the silent line parked');
    expect(running.daemon.line('main').state).toBe('ready');
  }, 30_000);

  it('aLineWithoutItsSimIsParkedAndTriedAgainUntilTheSimIsIn', async () => {
    const a1 = new Simulator({ stateFile: null, dialect: 'a1', timing: { ussdDelayMs: 10 } });
    a1.fault('sim-out');
    running = await startDaemon({ lines: [{ name: 'main' }, { name: 'a1', carrier: 'a1', simulator: a1 }], fast: true, parkFirstMs: 200 });
    await waitFor(() => running!.daemon.line('a1').state === 'parked', 10_000, 'a1 parked');
    a1.fault('sim-in');
    await waitFor(() => running!.daemon.line('a1').state === 'ready', 10_000, 'a1 up once its SIM is in');
    expect(running.daemon.line('a1').profile?.id).toBe('a1');
  }, 30_000);
});

describe('a line abroad', () => {
  it('readsNationalNumbersInItsCountryAndFiguresInItsCurrency', async () => {
    running = await startDaemon({ lines: [{ name: 'tana', config: { countryCode: '261', currency: 'MGA' } }] });
    const { simulator, baseUrl } = running;
    simulator.sendSmsFromPhone('+261340000001', '*123456 PH +261340000001 PHADD notify,0341234567');
    await messagesOn(() => simulator.phoneMessages('+261340000001'));
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 PHGR? Notify' })).json.reply).toBe('Notify: +261341234567');
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 CREDITCFG?' })).json.reply).toMatch(/Low balance alert: 2\.00 MGA\./);
    // A reply to a national number is counted against the limits as the same phone in any form.
    await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 PH 0341234567 STAT?' });
    expect(running.daemon.store.db.prepare('SELECT recipient, recipient_key FROM outbox WHERE recipient = ?').get('0341234567')).toEqual({ recipient: '0341234567', recipient_key: '+261341234567' });
  });
});

describe('a box whose modem is not there', () => {
  it('startsWithItsLineParkedSaysWhyAndKeepsTrying', async () => {
    const dir = tmpDir();
    const port = `${dir}/ttyGONE0`;
    const config = { ...DEFAULT_CONFIG, dataDir: `${dir}/data`, modem: { ...DEFAULT_CONFIG.modem, port, lockDir: dir }, http: { ...DEFAULT_CONFIG.http, listen: '127.0.0.1:0' } };
    const daemon = new Daemon({
      config, logger: silentLogger(), token: 'test-token-0123456789abcdef', parkFirstMs: 100,
      lines: linesOf(config).map((line) => ({ config: line, link: { kind: 'port', spec: { kind: 'serial', path: port }, baudRate: 115200 } })),
    });
    try {
      await daemon.start();
      expect(daemon.line('main').state).toBe('parked');
      const health = await api(daemon.httpAddress!, 'GET', '/api/v1/health', undefined, null);
      expect(health.json).toMatchObject({ status: 'degraded', problems: [expect.stringMatching(/^line parked: .*ttyGONE0/)], lines: [{ name: 'main', state: 'parked' }] });
      // Tried again, with a longer wait each time.
      const first = daemon.line('main').retryAtIso!;
      // While a try runs the line is starting and has no retry time; the next one is set when it is parked again.
      await waitFor(() => ![null, first].includes(daemon.line('main').retryAtIso), 5000, 'a second try');
      expect(daemon.line('main').state).toBe('parked');
    } finally {
      await daemon.stop();
    }
  });
});
