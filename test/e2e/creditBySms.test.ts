import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Simulator } from '../../src/sim/simulator.js';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

describe('CREDIT by SMS, end to end (daemon + simulator + SQLite file)', () => {
  it('creditSmsIsAnsweredOnThePhNumberWithTheCarrierFigures', async () => {
    running = await startDaemon();
    const { simulator, dataDir, logs } = running;
    const voucher = simulator.unusedVouchers()[0]!;

    simulator.sendSmsFromPhone('+359888999000', `*123456 Ph 0888123456 Credit ${voucher.pin}`);
    const [reply] = await messagesOn(() => simulator.phoneMessages('0888123456'));

    expect(reply!.text).toMatch(/^Credit added: 5\.00 EUR\. Balance: 7\.50 EUR\. Valid until \d\d\.\d\d\.\d{4}\.$/);
    expect(simulator.phoneMessages('+359888999000')).toEqual([]);

    // The carrier's own records: the card is used, and it was dialled exactly once.
    expect(simulator.state.carrier.vouchers.find((v) => v.pin === voucher.pin)!.status).toBe('activated');
    expect(simulator.dialLog().filter((d) => d.ussd.includes(voucher.pin))).toHaveLength(1);
    // Committed, then deleted: nothing is left on the SIM.
    await waitFor(() => simulator.state.storage.length === 0, 5000, 'the SIM emptied');

    await running.daemon.settle();
    const db = new Database(path.join(dataDir, 'gsmkeeper.db'), { readonly: true });
    const recharge = db.prepare('SELECT * FROM recharges').all() as any[];
    expect(recharge).toHaveLength(1);
    expect(recharge[0]).toMatchObject({ state: 'success', code_masked: `***********${voucher.pin.slice(-4)}`, added_cents: 500, balance_cents: 750, currency: 'EUR' });
    expect(db.prepare('SELECT state, name, reply_to FROM commands').all()).toEqual([{ state: 'answered', name: 'CREDIT', reply_to: '0888123456' }]);
    await waitFor(() => (db.prepare("SELECT state FROM outbox").get() as any)?.state === 'sent', 5000, 'outbox row sent');
    const dump = JSON.stringify(db.prepare('SELECT * FROM inbox').all());
    db.close();

    // The full code appears in no log line, and the inbox keeps the SMS with its secrets masked.
    expect(logs.join('')).not.toContain(voucher.pin);
    expect(logs.join('')).toContain(`***********${voucher.pin.slice(-4)}`);
    expect(dump).toContain(`*•••••• Ph ******3456 Credit ***********${voucher.pin.slice(-4)}`);
    expect(dump).not.toContain(voucher.pin);
  });

  it('wrongPasswordIsNeverAnswered', async () => {
    running = await startDaemon();
    const { simulator, daemon } = running;
    simulator.sendSmsFromPhone('+359888999001', '*000000 STAT?');
    simulator.sendSmsFromPhone('+359888999001', 'STAT? without a star');
    await waitFor(() => (daemon.store.db.prepare("SELECT COUNT(*) n FROM commands WHERE state = 'dropped'").get() as any).n === 2, 5000, 'two dropped commands');
    await daemon.settle();
    expect(simulator.phoneMessages('+359888999001')).toEqual([]);
    expect(daemon.store.db.prepare('SELECT COUNT(*) n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('aMalformedSmsIsKeptSealedDroppedAndTheBoxCarriesOn', async () => {
    running = await startDaemon();
    const { simulator, daemon } = running;
    simulator.modem.receive('07915389080000F0040C9153898821436500006211');
    simulator.sendSmsFromPhone('+359888999006', '*123456 STAT?');
    await messagesOn(() => simulator.phoneMessages('+359888999006'));
    const row = daemon.store.db.prepare("SELECT i.sender, i.text, i.pdu_sealed, c.drop_reason FROM inbox i JOIN commands c ON c.inbox_id = i.id WHERE i.sender = 'undecodable'").get() as { pdu_sealed: string };
    expect(row).toEqual({
      sender: 'undecodable', text: '', pdu_sealed: expect.not.stringContaining('0C915389882143'), drop_reason: expect.stringMatching(/^undecodable PDU: PDU truncated/),
    });
    // Under the install key, the PDU as the modem gave it.
    expect(daemon.store.atRest.open(row.pdu_sealed)).toBe('07915389080000F0040C9153898821436500006211');
    // A decoded SMS keeps no PDU: it would hold the text (and the password) in full.
    expect(daemon.store.db.prepare("SELECT pdu, pdu_sealed FROM inbox WHERE sender = '+359888999006'").get()).toEqual({ pdu: null, pdu_sealed: null });
    await waitFor(() => simulator.state.storage.length === 0, 5000, 'the SIM emptied');
  });

  it('anSmsIsMadeDurableBeforeItIsDeletedFromTheSim', async () => {
    running = await startDaemon();
    const { simulator, daemon } = running;
    const seen: Array<{ barrier: string | undefined; stored: number }> = [];
    // The moment the delete reaches the modem, what the store holds.
    const input = simulator.modem.input.bind(simulator.modem);
    simulator.modem.input = (bytes: Buffer) => {
      if (bytes.toString('latin1').startsWith('AT+CMGD')) {
        seen.push({ barrier: daemon.store.settings.get<string>('durable.barrier'), stored: (daemon.store.db.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n });
      }
      input(bytes);
    };
    const before = new Date().toISOString();
    simulator.sendSmsFromPhone('+359888999011', '*123456 STAT?');
    await messagesOn(() => simulator.phoneMessages('+359888999011'));
    await waitFor(() => seen.length > 0, 5000, 'the SIM delete');
    expect(seen[0]!.stored).toBe(1);
    expect(seen[0]!.barrier! >= before).toBe(true);
  });

  it('invalidCodeGetsTheSeedTextAndIsNeverDialled', async () => {
    running = await startDaemon();
    const { simulator } = running;
    simulator.sendSmsFromPhone('+359888999002', '*123456 CREDIT 12345');
    const [reply] = await messagesOn(() => simulator.phoneMessages('+359888999002'));
    expect(reply!.text).toBe('Invalid Security Code!');
    expect(simulator.dialLog()).toEqual([]);
  });

  it('smsStoredWhileTheDaemonWasDownIsAnsweredAtStartUp', async () => {
    const { Simulator } = await import('../../src/sim/simulator.js');
    const simulator = new Simulator({ timing: { ussdDelayMs: 10 } });
    simulator.sendSmsFromPhone('+359888999003', '*123456 STAT?');
    running = await startDaemon({ simulator });
    const [reply] = await messagesOn(() => simulator.phoneMessages('+359888999003'));
    expect(reply!.text).toMatch(/^Signal -71dBm 4\/5\. Vivacom 284-03 home\. Unconfirmed: recharge \*101#\{code\}#, 15-digit codes\. Balance unknown\./);
  });

  it('aRechargeInterruptedByACrashBecomesUnknownAndIsNotRedialled', async () => {
    running = await startDaemon();
    const { simulator, dataDir } = running;
    const pin = simulator.unusedVouchers()[0]!.pin;
    simulator.sendSmsFromPhone('+359888999004', `*123456 CREDIT ${pin}`);
    await messagesOn(() => simulator.phoneMessages('+359888999004'));
    await running.stop();

    // Pretend the power went out while the code was being dialled.
    const db = new Database(path.join(dataDir, 'gsmkeeper.db'));
    db.prepare("UPDATE recharges SET state = 'dialling'").run();
    db.close();
    running = await startDaemon({ dataDir, simulator });
    const row = running.daemon.store.db.prepare('SELECT state FROM recharges').get() as { state: string };
    expect(row.state).toBe('unknown');
    // Vivacom publishes no balance code, so the requester hears that the outcome is unknown.
    const [, notice] = await messagesOn(() => simulator.phoneMessages('+359888999004'), 2);
    expect(notice!.text).toMatch(/interrupted by a restart; the outcome is unknown/);
    // (Worded differently: the same text from the same sender within the same second is one SMS.)
    simulator.sendSmsFromPhone('+359888999004', `*123456 credit ${pin}`);
    const messages = await messagesOn(() => simulator.phoneMessages('+359888999004'), 3);
    expect(messages[2]!.text).toMatch(/its outcome is unknown \(interrupted by a restart\)\. It will not be dialled again\. Operator: SETTLE 1,USED or SETTLE 1,UNUSED\./);
    expect(simulator.dialLog().filter((d) => d.ussd.includes(pin))).toHaveLength(1);
  });

  it('crashWhileDiallingIsReconciledByABalanceCheckAndTheRequesterIsTold', async () => {
    const config = { credit: { ...DEFAULT_CONFIG.credit, balanceUssd: '*102#' } };
    running = await startDaemon({ config });
    const { simulator, dataDir } = running;
    const pin = simulator.unusedVouchers()[0]!.pin;
    simulator.sendSmsFromPhone('+359888999005', `*123456 PH 0888555444 CREDIT ${pin}`);
    await messagesOn(() => simulator.phoneMessages('0888555444'));
    await running.stop();

    // The carrier took the card (7.50 EUR now) but the crash left the row 'dialling'; 2.50 EUR was known before.
    const db = new Database(path.join(dataDir, 'gsmkeeper.db'));
    const started = (db.prepare('SELECT started_at FROM recharges').get() as { started_at: string }).started_at;
    db.prepare("INSERT INTO balances (imsi, checked_at, balance_cents, currency, source) VALUES ('284030000000001', ?, 250, 'EUR', 'test')").run(new Date(new Date(started).getTime() - 60_000).toISOString());
    db.prepare("DELETE FROM balances WHERE source = 'recharge'").run();
    db.prepare("UPDATE recharges SET state = 'dialling', answer = NULL").run();
    db.close();

    running = await startDaemon({ dataDir, simulator, config });
    const [, notice] = await messagesOn(() => simulator.phoneMessages('0888555444'), 2);
    expect(notice!.text).toBe(`Recharge with card ***********${pin.slice(-4)} was interrupted by a restart; the balance shows it went through: 7.50 EUR (was 2.50 EUR).`);
    expect(running.daemon.store.db.prepare('SELECT state, added_cents FROM recharges').get()).toEqual({ state: 'success', added_cents: 500 });
    // The first start's balance check (none known yet), the recharge, the reconciling check.
    expect(simulator.dialLog().map((d) => d.outcome)).toEqual(['balance', 'recharged', 'balance']);
  });
});

describe('long command SMS', () => {
  it('aCommandSpreadOverSeveralPartsIsAnsweredOnceWhole', async () => {
    running = await startDaemon();
    const { simulator, daemon } = running;
    const pin = simulator.unusedVouchers()[0]!.pin;
    // Padding before the '*' makes it a 3-part message (the grammar scans for the first '*').
    const text = `${'Please top up the box on the hill. '.repeat(10)}*123456 Ph 0888999007 Credit ${pin}`;
    expect(simulator.sendSmsFromPhone('+359888999007', text)).toBe(true);
    const [reply] = await messagesOn(() => simulator.phoneMessages('0888999007'));
    expect(reply!.text).toMatch(/^Credit added: 5\.00 EUR/);
    expect(daemon.store.db.prepare('SELECT COUNT(*) AS n FROM commands').get()).toEqual({ n: 1 });
    await waitFor(() => simulator.state.storage.length === 0, 5000, 'the SIM emptied');
  });
});

describe('the line while the carrier answers', () => {
  it('theReplyOfOneRechargeGoesOutWhileTheCarrierAnswersTheNext', async () => {
    // A slow line (9600 baud), so the next request's character set takes a while to set.
    const simulator = new Simulator({ stateFile: null, timing: { ussdDelayMs: 150 }, baud: 9600 });
    const [first, second] = simulator.unusedVouchers();
    simulator.sendSmsFromPhone('+359888999101', `*123456 CREDIT ${first!.pin}`);
    simulator.sendSmsFromPhone('+359888999102', `*123456 CREDIT ${second!.pin}`);
    // What reaches the modem, in order: each recharge's request and each reply's send.
    const written: string[] = [];
    const input = simulator.modem.input.bind(simulator.modem);
    simulator.modem.input = (bytes: Buffer) => {
      const command = /^AT\+(CUSD=1|CMGS)/.exec(bytes.toString('latin1'));
      if (command) written.push(command[1]!);
      input(bytes);
    };
    running = await startDaemon({ simulator });
    await messagesOn(() => simulator.phoneMessages('+359888999102'));
    await messagesOn(() => simulator.phoneMessages('+359888999101'));
    // The second request is not held back by the first reply: that goes out during the wait.
    expect(written).toEqual(['CUSD=1', 'CUSD=1', 'CMGS', 'CMGS']);
  });
});
