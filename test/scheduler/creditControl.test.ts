import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCarriers } from '../../src/carriers/loader.js';
import { CarrierProfile } from '../../src/carriers/profile.js';
import { silentLogger } from '../../src/log/logger.js';
import type { UssdAnswer } from '../../src/modem/ussd.js';
import { runCreditCheck } from '../../src/scheduler/credit-check.js';
import { runKeepAlive } from '../../src/scheduler/keep-alive.js';
import { pruneHistory } from '../../src/store/housekeeping.js';
import { Store } from '../../src/store/store.js';
import { localDay } from '../../src/util/local-day.js';
import { Wallet } from '../../src/wallet/wallet.js';
import { carriers, rechargeOnScriptedModem, SECRET } from '../helpers/recharge-setup.js';
import { tmpDir } from '../helpers/tmp.js';

const IMSI = '284050000000001';
const VIVACOM_IMSI = '284030000000001';
/** The fake top-up below finds no card to dial. */
let dialNothing = false;
beforeEach(() => {
  dialNothing = false;
});
const yettel = loadCarriers().forImsi(IMSI);

function setup(answer: string) {
  const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
  const dialled: string[][] = [];
  const notices: string[] = [];
  /** Each notice as worded for a reader who chose Bulgarian. */
  const inBulgarian: string[] = [];
  const dialer = {
    ussd: async ({ code }: { code: string }): Promise<UssdAnswer> => {
      dialled.push([code]);
      return { status: 'answer', text: answer, dcs: 15 };
    },
    ussdMenu: async (steps: string[]): Promise<UssdAnswer> => {
      dialled.push(steps);
      return { status: 'answer', text: answer, dcs: 15 };
    },
  };
  let today = '2026-12-10';
  const topUps: string[] = [];
  const topUp = async (reason: string) => (topUps.push(reason), dialNothing ? null : { notice: () => `topped up (${reason})`, toppedUp: true });
  const check = (credit = { enabled: true, lowBalance: 2, validityDays: 7 }, withWallet = false) =>
    runCreditCheck({
      store, dialer, sim: () => ({ imsi: IMSI, profile: yettel }), balanceOverride: null, credit: () => credit,
      notify: (t) => (notices.push(t('en')), inBulgarian.push(t('bg'))), logger: silentLogger(), today: () => today, ...(withWallet ? { topUp } : {}),
    });
  return { store, dialled, notices, inBulgarian, topUps, check, setToday: (d: string) => (today = d) };
}

describe('credit control', () => {
  it('checksTheBalanceThroughTheCarrierMenuAndKeepsTheHistory', async () => {
    const { store, dialled, check } = setup('Balans: 5,00 EUR, validen do 21.12.2027');
    await check();
    expect(dialled).toEqual([['*123#', '4']]);
    expect(store.balances.latest(IMSI)).toMatchObject({ balance_cents: 500, currency: 'EUR', valid_until: '2027-12-21', source: 'schedule' });
  });

  it('alertsTheNotifyGroupOnceADayWhenTheBalanceIsLow', async () => {
    const { notices, check, setToday } = setup('Balans: 1,20 EUR, validen do 21.12.2027');
    await check();
    await check();
    expect(notices).toEqual(['gsmkeeper: balance 1.20 EUR is below 2.00 EUR. Top up with CREDIT <code>.']);
    setToday('2026-12-11');
    await check();
    expect(notices).toHaveLength(2);
  });

  it('eachAlertIsWordedForAReaderOfEitherLanguage', async () => {
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const [y, m, d] = soon.split('-');
    const { notices, inBulgarian, check } = setup(`Balans: 1,20 EUR, validen do ${d}.${m}.${y}`);
    await check();
    expect(notices).toEqual(['gsmkeeper: balance 1.20 EUR is below 2.00 EUR. Top up with CREDIT <code>.', expect.stringMatching(/^gsmkeeper: the SIM is valid until /)]);
    expect(inBulgarian).toEqual([
      'gsmkeeper: наличността 1.20 EUR е под 2.00 EUR. Заредете с CREDIT <код>.',
      expect.stringMatching(new RegExp(`^gsmkeeper: SIM картата е валидна до ${d}\\.${m}\\.${y} \\(\\d дни\\)\\. Заредете, за да я запазите\\.$`)),
    ]);
  });

  it('alertsWhenValidityEndsWithinTheConfiguredDays', async () => {
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const [y, m, d] = soon.split('-');
    const { notices, check } = setup(`Balans: 9,00 EUR, validen do ${d}.${m}.${y}`);
    await check();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(new RegExp(`valid until ${d}\\.${m}\\.${y} \\(\\d days\\)`));
  });

  it('saysNothingWhenAllIsWellOrCreditControlIsOff', async () => {
    const fine = setup('Balans: 9,00 EUR, validen do 21.12.2027');
    await fine.check();
    expect(fine.notices).toEqual([]);
    const off = setup('Balans: 0,10 EUR, validen do 11.12.2026');
    await off.check({ enabled: false, lowBalance: 2, validityDays: 7 });
    expect(off.dialled).toEqual([]);
    expect(off.notices).toEqual([]);
  });

  it('anUnreadableAnswerFallsBackToTheLastKnownFigures', async () => {
    const { store, notices, check } = setup('Sistemata e zaeta.');
    store.balances.record(IMSI, 100, 'EUR', '2027-12-21', 'recharge');
    await check();
    expect(notices[0]).toMatch(/balance 1\.00 EUR is below/);
  });
});

describe('automatic top-up from the wallet', () => {
  it('aLowBalanceReadJustNowDialsACardAndOnlyAlertsWhenNoneWasDialled', async () => {
    const { notices, topUps, check } = setup('Balans: 1,20 EUR, validen do 21.12.2027');
    await check(undefined, true);
    expect(topUps).toEqual(['low balance']);
    expect(notices).toEqual(['topped up (low balance)']);
    dialNothing = true;
    await check(undefined, true);
    expect(topUps).toEqual(['low balance', 'low balance']);
    expect(notices[1]).toMatch(/balance 1\.20 EUR is below 2\.00 EUR/);
  });

  it('aRememberedBalanceNeverTriggersATopUp', async () => {
    // The carrier's answer cannot be read: the low figure is an old one, and the owner may have topped up since.
    const { store, notices, topUps, check } = setup('Sistemata e zaeta.');
    store.balances.record(IMSI, 100, 'EUR', '2027-12-21', 'recharge');
    await check(undefined, true);
    expect(topUps).toEqual([]);
    expect(notices[0]).toMatch(/balance 1\.00 EUR is below/);
  });
});

describe('automatic top-up over days (the wallet, a scripted modem, fake time)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const rejected: UssdAnswer = { status: 'terminated', text: 'Nevaliden ili veche izpolzvan kod na vaucher.', dcs: 15 };
  const success: UssdAnswer = { status: 'answer', text: 'Uspeshno zaredihte 5.00 EUR. Nalichnost: 6.20 EUR. Validnost do 21.12.2027.', dcs: 15 };

  /** Vivacom with a configured balance code that reads 1.20 EUR (below the 2.00 threshold) until a card goes through. */
  function boxWithWallet(rechargeAnswers: UssdAnswer[]) {
    const { store, dials, service } = rechargeOnScriptedModem(rechargeAnswers);
    const wallet = new Wallet({
      store, secret: SECRET, carriers, logger: silentLogger(), today: () => localDay(),
      sims: () => [{ line: 'main', profile: carriers.forImsi(VIVACOM_IMSI) }], recharge: (_line, request) => service.recharge(request),
    });
    const notices: string[] = [];
    const check = () =>
      runCreditCheck({
        store,
        dialer: { ussd: async () => ({ status: 'answer', text: 'Nalichnost: 1.20 EUR. Validnost do 21.12.2027.', dcs: 15 }), ussdMenu: async () => ({ status: 'not-supported', text: null, dcs: null }) },
        sim: () => ({ imsi: VIVACOM_IMSI, profile: carriers.forImsi(VIVACOM_IMSI) }),
        balanceOverride: '*102#',
        credit: () => ({ enabled: true, lowBalance: 2, validityDays: null }),
        notify: (text) => notices.push(text('en')),
        logger: silentLogger(),
        today: () => localDay(),
        // As the daemon does: a dial is told to the Notify group; nothing dialled is null.
        topUp: async (reason) => {
          const outcome = await wallet.topUp(reason, 'main', { oncePerDay: true });
          return outcome.kind === 'dialled' ? { notice: () => `dialled ${outcome.voucher.pin}: ${outcome.result.kind}`, toppedUp: outcome.result.kind === 'success' } : null;
        },
      });
    const at = (local: string) => vi.setSystemTime(new Date(local));
    return { wallet, dials, notices, check, at };
  }

  it('aDayThatFoundTheWalletEmptyStillTopsUpWhenACardIsAddedLaterThatDay', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { wallet, dials, notices, check, at } = boxWithWallet([success]);
    at('2026-12-10T09:00:00');
    await check();
    expect(dials).toEqual([]);
    expect(notices).toEqual(['gsmkeeper: balance 1.20 EUR is below 2.00 EUR. Top up with CREDIT <code>.']);

    at('2026-12-10T14:00:00');
    wallet.add({ pin: '111122223333444', expires: '31.12.2027' });
    await check();
    expect(dials.map((d) => d.code)).toEqual(['*101#111122223333444#']);
    expect(notices[1]).toBe('dialled ***********3444: success');
    expect(wallet.list()[0]!.status).toBe('activated');
  });

  it('onlyOneCardIsDialledADayEvenWhenTheBalanceStaysLow', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { wallet, dials, notices, check, at } = boxWithWallet([rejected, success]);
    at('2026-12-10T09:00:00');
    wallet.add({ pin: '111122223333444', expires: '31.12.2027' });
    wallet.add({ pin: '555566667777888', expires: '31.01.2028' });
    await check();
    expect(notices).toEqual(['dialled ***********3444: rejected', 'gsmkeeper: balance 1.20 EUR is below 2.00 EUR. Top up with CREDIT <code>.']);

    at('2026-12-10T18:00:00');
    await check();
    expect(dials).toHaveLength(1);

    at('2026-12-11T09:00:00');
    await check();
    expect(dials.map((d) => d.code)).toEqual(['*101#111122223333444#', '*101#555566667777888#']);
    expect(wallet.list().map((v) => v.status)).toEqual(['rejected', 'activated']);
  });
});

describe('keep-alive', () => {
  it('isNotSentForCarriersWhoseValidityRunsOnTopUps', async () => {
    const { store, dialled } = setup('x');
    expect(await runKeepAlive(store, { ussd: async () => { dialled.push(['x']); return { status: 'answer', text: '', dcs: 15 }; }, ussdMenu: async () => ({ status: 'answer', text: '', dcs: 15 }) }, yettel, silentLogger())).toBe(false);
    expect(dialled).toEqual([]);
  });

  it('dialsMonthlyWhenTheProfileRequiresActivity', async () => {
    const profile = new CarrierProfile({ ...yettel.file, keepAlive: { required: true, ussd: '*100#', everyDays: 30, verified: false, source: 'test' } });
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const codes: string[] = [];
    const dialer = { ussd: async ({ code }: { code: string }) => (codes.push(code), { status: 'answer' as const, text: 'ok', dcs: 15 }), ussdMenu: async () => ({ status: 'answer' as const, text: '', dcs: 15 }) };
    const day0 = Date.parse('2026-01-01T10:00:00Z');
    expect(await runKeepAlive(store, dialer, profile, silentLogger(), day0)).toBe(true);
    expect(await runKeepAlive(store, dialer, profile, silentLogger(), day0 + 10 * 86_400_000)).toBe(false);
    expect(await runKeepAlive(store, dialer, profile, silentLogger(), day0 + 31 * 86_400_000)).toBe(true);
    expect(codes).toEqual(['*100#', '*100#']);
  });
});

describe('housekeeping', () => {
  it('prunesOldFinishedHistoryButNeverTheMoneyLedger', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const old = store.commands.recordSms('main', { sender: '+359888000001', sentAt: null, text: 'old', pdu: null })!;
    store.commands.answer(old.id, 'reply', null);
    store.db.prepare("UPDATE commands SET created_at = '2020-01-01T00:00:00Z'").run();
    store.db.prepare("UPDATE inbox SET received_at = '2020-01-01T00:00:00Z'").run();
    const fresh = store.commands.recordSms('main', { sender: '+359888000002', sentAt: null, text: 'fresh', pdu: null })!;
    store.balances.record(IMSI, 100, 'EUR', null, 'test');
    store.db.prepare("UPDATE balances SET checked_at = '2020-01-01T00:00:00Z'").run();
    const counts = pruneHistory(store.db, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
    expect(counts).toMatchObject({ commands: 1, inbox: 1 });
    expect(store.commands.get(old.id)).toBeUndefined();
    expect(store.commands.get(fresh.id)).toBeDefined();
    expect(store.balances.latest(IMSI)).toBeDefined();
  });
});
