import { formatDay, formatMoney, type Money } from '../carriers/money.js';
import { rechargeReply } from '../control/texts.js';
import type { RechargeResult } from '../recharge/result.js';
import type { SourceOutcome } from '../wallet/recharge-sources.js';

const money = (m: Money | null | undefined): string | null => (m ? formatMoney(m) : null);

/** A recharge outcome as data, with the same text an SMS would carry (never the full code). */
export function rechargeJson(result: RechargeResult): Record<string, unknown> {
  return {
    outcome: result.kind,
    card: 'masked' in result ? result.masked : null,
    added: result.kind === 'success' ? money(result.added) : null,
    balance: result.kind === 'success' ? money(result.balance) : null,
    before: result.kind === 'success' ? money(result.before) : null,
    validUntil: result.kind === 'success' ? result.validUntil : null,
    attemptsLeft: result.kind === 'rejected' ? result.attemptsLeft : null,
    reply: rechargeReply(result, 'en'),
  };
}

/** The one answer for a coupon or card that is invalid or already used: which of the two is not told. */
export const INVALID_OR_USED = 'The coupon is invalid or already used.';

export type ServiceOutcomeKind = 'success' | 'invalid-or-used' | 'locked' | 'in-progress' | 'outcome-unknown' | 'failed' | 'disabled' | 'unavailable';

export interface ServiceAnswer {
  outcome: ServiceOutcomeKind;
  destination: string;
  source: 'coupon' | 'account';
  /** The code masked to its last 4 digits. */
  card: string | null;
  before: string | null;
  amount: string | null;
  balance: string | null;
  validUntil: string | null;
  message: string;
}

const KIND_OF: Record<SourceOutcome['kind'], ServiceOutcomeKind> = {
  success: 'success',
  'invalid-code': 'invalid-or-used',
  'already-used': 'invalid-or-used',
  rejected: 'invalid-or-used',
  'no-card': 'invalid-or-used',
  locked: 'locked',
  'attempts-exceeded': 'locked',
  'in-progress': 'in-progress',
  'outcome-unknown': 'outcome-unknown',
  'no-answer': 'outcome-unknown',
  unrecognised: 'outcome-unknown',
  failed: 'failed',
  disabled: 'disabled',
  unavailable: 'unavailable',
};

/**
 * The recharge service's answer, as the seed's IVR speaks it: the balance before, the amount, the
 * new balance and its validity — or one message for a code that is invalid or already used.
 */
export function serviceAnswer(outcome: SourceOutcome, destination: string, source: 'coupon' | 'account'): ServiceAnswer {
  const kind = KIND_OF[outcome.kind];
  const base = { outcome: kind, destination, source, card: 'masked' in outcome ? outcome.masked : null, before: null, amount: null, balance: null, validUntil: null };
  if (outcome.kind === 'success') {
    const parts = [
      outcome.before ? `Balance before: ${formatMoney(outcome.before)}.` : null,
      outcome.added ? `Recharged: ${formatMoney(outcome.added)}.` : 'Recharged.',
      outcome.balance ? `New balance: ${formatMoney(outcome.balance)}${outcome.validUntil ? `, valid until ${formatDay(outcome.validUntil)}` : ''}.` : null,
    ];
    return { ...base, before: money(outcome.before), amount: money(outcome.added), balance: money(outcome.balance), validUntil: outcome.validUntil, message: parts.filter(Boolean).join(' ') };
  }
  if (kind === 'invalid-or-used') return { ...base, message: INVALID_OR_USED };
  return { ...base, message: rechargeReply(outcome as RechargeResult, 'en') };
}
