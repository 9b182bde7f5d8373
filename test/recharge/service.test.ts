import { describe, expect, it } from 'vitest';
import { ModemError } from '../../src/modem/errors.js';
import type { UssdAnswer } from '../../src/modem/ussd.js';
import type { BalanceCheck } from '../../src/recharge/balance.js';
import { RechargeService, type RechargeContext } from '../../src/recharge/service.js';
import { settleRecharge } from '../../src/recharge/settle.js';
import { Store } from '../../src/store/store.js';
import { BeforeWrite, HANG_BEFORE_WRITE, IMSI, rechargeOnScriptedModem, type Scripted } from '../helpers/recharge-setup.js';

const GOOD = '123456789012345';

function setup(answers: Scripted[] = [], options: { enabled?: boolean; imsi?: string; balances?: BalanceCheck[] } = {}) {
  const { file, store, dials, balanceReads, service } = rechargeOnScriptedModem(answers, options);
  return { file, store, dials, balanceReads, service, run: (code: string) => service.recharge({ code, requestedBy: '+359888123456', commandId: null }) };
}

const eur = (cents: number) => ({ cents, currency: 'EUR' });
const balanceOf = (cents: number, validUntil: string | null = null): BalanceCheck => ({ kind: 'checked', balance: eur(cents), validUntil, text: 'Nalichnost' });

const success: UssdAnswer = { status: 'answer', text: 'Uspeshno zaredihte 5.00 EUR. Nalichnost: 7.50 EUR. Validnost do 21.12.2026.', dcs: 15 };
const rejected: UssdAnswer = { status: 'terminated', text: 'Nevaliden ili veche izpolzvan kod na vaucher.', dcs: 15 };

describe('recharge flow', () => {
  it.each([
    ['letters', '12345678901234a'],
    ['14 digits for a 15-digit carrier', '12345678901234'],
    ['16 digits', '1234567890123456'],
    ['spaces', '123 456 789 012'],
  ])('a code with %s fails the local check and is never dialled', async (_name, code) => {
    const { run, dials } = setup([success]);
    await expect(run(code)).resolves.toEqual({ kind: 'invalid-code' });
    expect(dials).toEqual([]);
  });

  it('credit control off answers disabled without dialling', async () => {
    const { run, dials } = setup([success], { enabled: false });
    await expect(run(GOOD)).resolves.toEqual({ kind: 'disabled' });
    expect(dials).toEqual([]);
  });

  it('a carrier without a recharge template answers unavailable without dialling', async () => {
    const { run, dials } = setup([success], { imsi: '284051234567890' });
    await expect(run(GOOD)).resolves.toEqual({ kind: 'unavailable' });
    expect(dials).toEqual([]);
  });

  it('dialsTheCarrierTemplateAndRecordsTheFigures', async () => {
    const { run, dials, store } = setup([success]);
    const result = await run(GOOD);
    expect(result).toMatchObject({ kind: 'success', masked: '***********2345', added: { cents: 500, currency: 'EUR' }, balance: { cents: 750, currency: 'EUR' }, validUntil: '2026-12-21' });
    expect(dials[0]).toMatchObject({ code: `*101#${GOOD}#`, timeoutMs: 30_000, secrets: [GOOD] });
    const row = store.recharges.get(1)!;
    expect(row).toMatchObject({ state: 'success', code_masked: '***********2345', added_cents: 500, balance_cents: 750, valid_until: '2026-12-21' });
    expect(JSON.stringify(row)).not.toContain(GOOD);
    expect(store.balances.latest(IMSI)).toMatchObject({ balance_cents: 750, source: 'recharge' });
  });

  it('theRechargeRowIsCommittedAsDiallingBeforeTheUssdIsSent', async () => {
    let stateWhileDialling: string | undefined;
    const { run } = setup([
      (store) => {
        stateWhileDialling = store.recharges.get(1)?.state;
        return success;
      },
    ]);
    await run(GOOD);
    expect(stateWhileDialling).toBe('dialling');
  });

  it('aCodeUsedSuccessfullyIsNeverDialledAgain', async () => {
    const { run, dials } = setup([success, success]);
    await run(GOOD);
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'already-used', masked: '***********2345' });
    expect(dials).toHaveLength(1);
  });

  it('aCommandRunAgainAfterARestartAnswersWithItsEarlierDialInsteadOfDiallingAgain', async () => {
    const { store, dials, service } = setup([rejected, success]);
    const { row } = store.commands.recordRequest('http', 'http:127.0.0.1', `*123456 CREDIT ${GOOD}`);
    const request = { code: GOOD, requestedBy: 'http:127.0.0.1', commandId: row.id };
    await expect(service.recharge(request)).resolves.toMatchObject({ kind: 'rejected', attemptsLeft: 1 });
    // A crash before the answer was committed: the restart runs the command again.
    await expect(service.recharge(request)).resolves.toMatchObject({ kind: 'rejected', masked: '***********2345', attemptsLeft: 1 });
    expect(dials).toHaveLength(1);
  });

  it('aCommandWhoseDialASettlingFoundUnusedIsNotDialledAgainWhenItRunsAgain', async () => {
    const { store, dials, service } = setup([new Error('no answer in time'), success]);
    const { row } = store.commands.recordRequest('http', 'http:127.0.0.1', `*123456 CREDIT ${GOOD}`);
    const request = { code: GOOD, requestedBy: 'http:127.0.0.1', commandId: row.id };
    await expect(service.recharge(request)).resolves.toMatchObject({ kind: 'no-answer' });
    // The balance after a restart said the card was not used; the crash came before the command's answer.
    store.recharges.settle(1, { state: 'failed', answer: 'reconciled: balance unchanged' });
    await expect(service.recharge(request)).resolves.toEqual({ kind: 'failed', masked: '***********2345', reason: 'it was interrupted by a restart' });
    expect(dials).toHaveLength(1);
  });

  it('theSameCodeOnTwoLinesAtOnceIsDialledOnce', async () => {
    // Two lines' services over one store. The first passes its checks, then waits for its balance
    // read; meanwhile the other line dials the same code. The first must not dial it too.
    const { store, dials, service } = setup([success, success], { balances: [] });
    const shared = (service as unknown as { ctx: RechargeContext }).ctx;
    let release = (): void => {};
    const slowRead = new Promise<void>((resolve) => (release = resolve));
    const first = new RechargeService({ ...shared, readBalance: async () => (await slowRead, { kind: 'no-method' }) });
    const other = new RechargeService({ ...shared, line: 'backup', readBalance: async () => ({ kind: 'no-method' }) });
    const waiting = first.recharge({ code: GOOD, requestedBy: '+359888123456', commandId: null });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await other.recharge({ code: GOOD, requestedBy: '+359888123457', commandId: null })).toMatchObject({ kind: 'success' });
    release();
    expect(await waiting).toMatchObject({ kind: 'already-used', masked: '***********2345' });
    expect(dials).toHaveLength(1);
    expect(store.db.prepare('SELECT line, state FROM recharges').all()).toEqual([{ line: 'backup', state: 'success' }]);
  });

  it('theSameCodeSentTwiceAtOnceIsDialledOnce', async () => {
    const { run, dials } = setup([success, success]);
    const [a, b] = await Promise.all([run(GOOD), run(GOOD)]);
    expect(a.kind).toBe('success');
    expect(b.kind).toBe('already-used');
    expect(dials).toHaveLength(1);
  });

  it('noAnswerLeavesTheOutcomeUnknownAndTheCodeIsNotRedialled', async () => {
    const { run, dials, store } = setup([new ModemError('ussd-timeout', 'no USSD answer')]);
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'no-answer' });
    expect(store.recharges.get(1)!.state).toBe('unknown');
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'outcome-unknown' });
    expect(dials).toHaveLength(1);
  });

  it('rejectionsCountDownAndThenLockBeforeTheCarrierLimit', async () => {
    const { run, dials } = setup([rejected, rejected, rejected]);
    await expect(run('111111111111111')).resolves.toMatchObject({ kind: 'rejected', attemptsLeft: 1 });
    await expect(run('222222222222222')).resolves.toMatchObject({ kind: 'rejected', attemptsLeft: 0 });
    await expect(run('333333333333333')).resolves.toMatchObject({ kind: 'locked', reason: 'budget', rejections: 2, allowed: 2 });
    expect(dials).toHaveLength(2);
  });

  it('anOperatorResetUnlocksRecharging', async () => {
    const { run, store, dials } = setup([rejected, rejected, success]);
    await run('111111111111111');
    await run('222222222222222');
    store.recharges.resetAttempts(IMSI);
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'success' });
    expect(dials).toHaveLength(3);
  });

  it('aCarrierMaximumAttemptsAnswerLocksImmediately', async () => {
    const blocked: UssdAnswer = { status: 'terminated', text: 'Dostignat e maksimalniyat broy greshni opiti.', dcs: 15 };
    const { run, dials } = setup([blocked, success]);
    await expect(run('111111111111111')).resolves.toMatchObject({ kind: 'attempts-exceeded' });
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'locked', reason: 'carrier' });
    expect(dials).toHaveLength(1);
  });

  it('anUnrecognisedAnswerIsReportedWithWhatTheCarrierSaidAndTheCodeIsNotRedialled', async () => {
    const { run, dials, store } = setup([{ status: 'answer', text: 'Blagodarim vi!', dcs: 15 }]);
    await expect(run(GOOD)).resolves.toEqual({ kind: 'unrecognised', masked: '***********2345', text: 'Blagodarim vi!', id: 1 });
    expect(store.recharges.get(1)).toMatchObject({ state: 'unknown', answer: 'Blagodarim vi!' });
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'outcome-unknown', id: 1, carrierSaid: 'Blagodarim vi!', interrupted: false });
    expect(dials).toHaveLength(1);
  });

  it('aCarrierEchoingTheCodeBackIsStoredAndRepeatedWithTheCodeMasked', async () => {
    const { run, store } = setup([{ status: 'answer', text: `Karta ${GOOD} e priyeta.`, dcs: 15 }]);
    const result = await run(GOOD);
    expect(result, JSON.stringify(result)).toMatchObject({ kind: 'unrecognised', text: 'Karta ***********2345 e priyeta.' });
    expect(JSON.stringify(store.recharges.get(1))).not.toContain(GOOD);
  });

  it('aCarrierSayingTryLaterIsUnavailableAndTheCardIsNotUsed', async () => {
    const { run, dials } = setup([{ status: 'answer', text: 'Molya, opitaite po-kasno.', dcs: 15 }, success]);
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'failed', reason: 'the carrier says the service is unavailable' });
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'success' });
    expect(dials).toHaveLength(2);
  });

  it('aTimeoutAfterTheCodeWasSentSaysNoAnswerCameNotThatTheCarrierAnswered', async () => {
    const { run } = setup([new ModemError('ussd-timeout', 'no USSD answer')]);
    await expect(run(GOOD)).resolves.toEqual({ kind: 'no-answer', masked: '***********2345', id: 1 });
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'outcome-unknown', carrierSaid: null, interrupted: false });
  });

  it('aFailureBeforeTheCodeWasWrittenLeavesTheCardUnused', async () => {
    const { run, dials, store } = setup([new BeforeWrite(new Error('the port closed')), success]);
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'failed', reason: 'the request never reached the modem' });
    expect(store.recharges.get(1)).toMatchObject({ state: 'failed', written_at: null });
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'success' });
    expect(dials).toHaveLength(2);
  });

  it('theMomentTheCodeIsWrittenIsCommittedBeforeTheAnswer', async () => {
    let writtenWhileDialling: string | null | undefined;
    const { run } = setup([
      (store) => {
        writtenWhileDialling = store.recharges.get(1)?.written_at;
        return success;
      },
    ]);
    await run(GOOD);
    expect(writtenWhileDialling).toMatch(/^\d{4}-/);
  });

  it('crashBetweenTheDiallingCommitAndTheWriteReleasesTheCard', async () => {
    // The process dies while AT+CSCS is still being set: the row is 'dialling', the code never left.
    const { file, run, store } = setup([HANG_BEFORE_WRITE]);
    void run(GOOD);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.recharges.get(1)).toMatchObject({ state: 'dialling', written_at: null });
    store.close();
    const restarted = Store.open(file);
    try {
      expect(restarted.recharges.markInterrupted()).toMatchObject({ unknown: [], released: [{ id: 1 }] });
      expect(restarted.recharges.get(1)).toMatchObject({ state: 'failed' });
      expect(restarted.recharges.blockingUseOf(restarted.recharges.get(1)!.code_hash)).toBeUndefined();
    } finally {
      restarted.close();
    }
  });

  it('crashAfterTheWriteLeavesTheOutcomeUnknown', async () => {
    const { file, run, store } = setup([
      () => {
        store.close();
        throw new Error('killed');
      },
    ]);
    await run(GOOD).catch(() => undefined);
    const restarted = Store.open(file);
    try {
      expect(restarted.recharges.markInterrupted()).toMatchObject({ unknown: [{ id: 1 }], released: [] });
      expect(restarted.recharges.get(1)).toMatchObject({ state: 'unknown' });
    } finally {
      restarted.close();
    }
  });

  it('theBalanceIsReadBeforeEachDialUnlessOneIsFresh', async () => {
    const { run, balanceReads } = setup([rejected, rejected], { balances: [balanceOf(250)] });
    await run('111111111111111');
    await run('222222222222222');
    expect(balanceReads).toEqual(['before-recharge']);
  });

  it('aSuccessWithoutFiguresIsASuccessAndTheBalanceIsThenRead', async () => {
    const { run, balanceReads } = setup([{ status: 'answer', text: 'Uspeshno prezarejdane.', dcs: 15 }], { balances: [balanceOf(250), balanceOf(750, '2027-03-01')] });
    await expect(run(GOOD)).resolves.toEqual({ kind: 'success', masked: '***********2345', added: eur(500), balance: eur(750), before: eur(250), validUntil: '2027-03-01' });
    expect(balanceReads).toEqual(['before-recharge', 'after-recharge']);
  });

  it('anAnswerWithOnlyABalanceThatRoseIsASuccess', async () => {
    const { run } = setup([{ status: 'answer', text: 'Nalichnost: 7.50 EUR.', dcs: 15 }], { balances: [balanceOf(250)] });
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'success', added: eur(500), balance: eur(750), before: eur(250) });
  });

  it('anUnclearAnswerIsSettledByABalanceThatRose', async () => {
    const { run, store } = setup([{ status: 'answer', text: 'Blagodarim vi!', dcs: 15 }], { balances: [balanceOf(250), balanceOf(750)] });
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'success', added: eur(500), balance: eur(750) });
    expect(store.recharges.get(1)).toMatchObject({ state: 'success', added_cents: 500 });
  });

  it('anUnclearAnswerWithAnUnchangedBalanceWaitsForAnOperator', async () => {
    const { run, store, dials } = setup([{ status: 'answer', text: 'Blagodarim vi!', dcs: 15 }, success], { balances: [balanceOf(250), balanceOf(250)] });
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'unrecognised', id: 1 });
    expect(settleRecharge(store, '2345', false, '+359888000999')).toEqual({ kind: 'settled', id: 1, masked: '***********2345', used: false });
    expect(store.recharges.get(1)).toMatchObject({ state: 'failed', settled_by: '+359888000999' });
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'success' });
    expect(dials).toHaveLength(2);
  });

  it('aCardSettledAsUsedIsNeverDialledAgain', async () => {
    const { run, store, dials } = setup([{ status: 'answer', text: 'Blagodarim vi!', dcs: 15 }]);
    await run(GOOD);
    expect(settleRecharge(store, '1', true, 'cli')).toMatchObject({ kind: 'settled', used: true });
    expect(settleRecharge(store, '1', false, 'cli')).toEqual({ kind: 'not-found', ref: '1' });
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'already-used' });
    expect(dials).toHaveLength(1);
  });

  it('twoUnknownCardsEndingInTheSameDigitsAreSettledByNumber', async () => {
    const { run, store } = setup([{ status: 'answer', text: 'Blagodarim vi!', dcs: 15 }, { status: 'answer', text: 'Blagodarim vi!', dcs: 15 }]);
    await run('111111111112345');
    await run('222222222222345');
    expect(settleRecharge(store, '2345', true, 'cli')).toEqual({ kind: 'ambiguous', ref: '2345', ids: [2, 1] });
    expect(settleRecharge(store, '2', true, 'cli')).toMatchObject({ kind: 'settled', id: 2 });
  });
});
