import { formatMoney, type Money } from '../carriers/money.js';
import { serviceMessage } from './service-texts.js';
import { rechargeReply, type Language } from './texts.js';
import { inReplyScript } from './transliterate.js';
import type { RechargeResult } from '../recharge/result.js';
import { serviceOutcomeKind, type ServiceOutcomeKind, type SourceOutcome } from '../wallet/recharge-sources.js';

const money = (m: Money | null | undefined): string | null => (m ? formatMoney(m) : null);

/**
 * A recharge outcome as data, with the same words an SMS would carry (never the full code): in
 * `lang`, Bulgarian in `script` — the owner's reply script where the text stands for an SMS,
 * Cyrillic where it is only read where it arrives.
 */
export function rechargeJson(result: RechargeResult, lang: Language, script: 'latin' | 'cyrillic'): Record<string, unknown> {
  return {
    outcome: result.kind,
    card: 'masked' in result ? result.masked : null,
    added: result.kind === 'success' ? money(result.added) : null,
    balance: result.kind === 'success' ? money(result.balance) : null,
    before: result.kind === 'success' ? money(result.before) : null,
    validUntil: result.kind === 'success' ? result.validUntil : null,
    attemptsLeft: result.kind === 'rejected' ? result.attemptsLeft : null,
    reply: inReplyScript(rechargeReply(result, lang), script),
  };
}

export type { ServiceOutcomeKind } from '../wallet/recharge-sources.js';

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

/**
 * The recharge service's answer, as the seed's IVR speaks it: the balance before, the amount, the
 * new balance and its validity — or one message for a code that is invalid or already used. The
 * message is in `lang`, Bulgarian in Cyrillic: it is read on a page, not carried by an SMS.
 */
export function serviceAnswer(outcome: SourceOutcome, destination: string, source: 'coupon' | 'account', lang: Language): ServiceAnswer {
  const base = { outcome: serviceOutcomeKind(outcome), destination, source, card: 'masked' in outcome ? outcome.masked : null, before: null, amount: null, balance: null, validUntil: null, message: serviceMessage(outcome, lang) };
  if (outcome.kind !== 'success') return base;
  return { ...base, before: money(outcome.before), amount: money(outcome.added), balance: money(outcome.balance), validUntil: outcome.validUntil };
}
