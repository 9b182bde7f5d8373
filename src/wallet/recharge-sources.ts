import { registerSecret } from '../log/secrets.js';
import type { RechargeResult } from '../recharge/result.js';
import type { CardView } from '../store/cards.js';

/**
 * Where the money of a recharge comes from, as the recharge service's variables name it: a wallet
 * card by its serial and PIN (`source_account` + `source_pin`), or a coupon — a voucher code that is
 * not kept anywhere (`source_coupon`). A coupon is only ever dialled: nothing else takes one.
 */
export type RechargeSource = { kind: 'coupon'; code: string } | { kind: 'account'; serial: string; pin: string };

/**
 * Which line to recharge: the port the box provides — a line's name, its SIM's number or IMSI,
 * `self` or null for the default line. A destination that names no line, or one that is not up,
 * is refused with the lines there are (`unavailable` tells the two apart).
 */
export type ResolveDestination = (text: string | null) => { line: string } | { error: string; lines: string[]; unavailable: boolean };

/** A recharge request the caller got wrong: the message is safe to show. */
export class RechargeRequestError extends Error {
  override readonly name = 'RechargeRequestError';
}

export interface RechargeFields {
  destination: string;
  source: RechargeSource;
}

const text = (body: Record<string, unknown>, name: string, max: number): string | null => {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new RechargeRequestError(`${name} is text`);
  if (value.length > max) throw new RechargeRequestError(`${name} is at most ${max} characters`);
  return value.trim() === '' ? null : value.trim();
};

/**
 * The service's variables, checked: `destination` required, and exactly one source — a coupon,
 * or an account with its PIN. Codes are registered as secrets before anything else sees them.
 */
export function readRechargeFields(body: Record<string, unknown>): RechargeFields {
  const coupon = text(body, 'source_coupon', 40);
  const account = text(body, 'source_account', 40);
  const pin = text(body, 'source_pin', 40);
  for (const secret of [coupon, pin]) if (secret) registerSecret(secret);
  const destination = text(body, 'destination', 40);
  if (!destination) throw new RechargeRequestError('destination is required: a line\'s name, its SIM\'s number, or self');
  if (coupon && (account || pin)) throw new RechargeRequestError('give one source: a coupon, or an account and its PIN, not both');
  if (coupon) return { destination, source: { kind: 'coupon', code: coupon } };
  if (account && pin) return { destination, source: { kind: 'account', serial: account, pin } };
  if (account || pin) throw new RechargeRequestError('an account needs its PIN, and a PIN its account');
  throw new RechargeRequestError('give one source: source_coupon, or source_account with source_pin');
}

/** What a recharge from a source came to: the dial's result, or a wallet card that could not be used. */
export type SourceOutcome = RechargeResult | { kind: 'no-card' };

/**
 * Dials the source through the one recharge path. An account is a wallet card that must be new and
 * match its PIN; otherwise nothing is dialled (and the caller learns no more than "invalid or used").
 */
export async function rechargeFromSource(
  source: RechargeSource,
  deps: { cardToDial(serial: string, pin: string): CardView | null; rechargeCode(code: string, requestedBy: string): Promise<RechargeResult> },
  requestedBy: string,
): Promise<SourceOutcome> {
  if (source.kind === 'coupon') return deps.rechargeCode(source.code, requestedBy);
  if (!deps.cardToDial(source.serial, source.pin)) return { kind: 'no-card' };
  return deps.rechargeCode(source.pin, requestedBy);
}
