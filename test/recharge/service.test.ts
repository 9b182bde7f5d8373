import { describe, expect, it } from 'vitest';
import { ModemError } from '../../src/modem/errors.js';
import type { UssdAnswer } from '../../src/modem/ussd.js';
import { IMSI, rechargeOnScriptedModem, type Scripted } from '../helpers/recharge-setup.js';

const GOOD = '123456789012345';

function setup(answers: Scripted[] = [], options: { enabled?: boolean; imsi?: string } = {}) {
  const { store, dials, service } = rechargeOnScriptedModem(answers, options);
  return { store, dials, service, run: (code: string) => service.recharge({ code, requestedBy: '+359888123456', commandId: null }) };
}

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

  it('anUnrecognisedAnswerIsReportedAndTheCodeIsNotRedialled', async () => {
    const { run, dials } = setup([{ status: 'answer', text: 'Molya, opitaite po-kasno.', dcs: 15 }]);
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'unrecognised', text: 'Molya, opitaite po-kasno.' });
    await expect(run(GOOD)).resolves.toMatchObject({ kind: 'outcome-unknown' });
    expect(dials).toHaveLength(1);
  });
});
