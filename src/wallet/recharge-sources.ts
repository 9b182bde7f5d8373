import { registerSecret, wholeDigitRun } from '../log/secrets.js';
import type { RechargeResult } from '../recharge/result.js';
import type { CardView } from '../store/cards.js';
import type { ReplyLanguage } from '../store/languages.js';
import { SERIAL_RE } from './card-fields.js';

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
export type ResolveDestination = (text: string | null) => { line: string } | { error: string; errorBg: string; lines: string[]; unavailable: boolean };

/** A recharge request the caller got wrong: the message is safe to show, in English or Bulgarian. */
export class RechargeRequestError extends Error {
  override readonly name = 'RechargeRequestError';

  constructor(message: string, private readonly bulgarian: string = message) {
    super(message);
  }

  /** The message in the language the request is answered in. */
  in(lang: ReplyLanguage): string {
    return lang === 'bg' ? this.bulgarian : this.message;
  }
}

export interface RechargeFields {
  destination: string;
  source: RechargeSource;
}

const text = (body: Record<string, unknown>, name: string, max: number): string | null => {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new RechargeRequestError(`${name} is text`, `${name} е текст`);
  if (value.length > max) throw new RechargeRequestError(`${name} is at most ${max} characters`, `${name} е най-много ${max} знака`);
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
  if (!destination) throw new RechargeRequestError('destination is required: a line\'s name, its SIM\'s number, or self', 'destination е задължително: името на линия, номерът на SIM картата ѝ или self');
  if (coupon && (account || pin)) throw new RechargeRequestError('give one source: a coupon, or an account and its PIN, not both', 'посочете един източник: купон или сметка и нейния ПИН, не и двете');
  if (coupon) return { destination, source: { kind: 'coupon', code: coupon } };
  if (account && pin) return { destination, source: { kind: 'account', serial: account, pin } };
  if (account || pin) throw new RechargeRequestError('an account needs its PIN, and a PIN its account', 'сметката иска своя ПИН, а ПИН-ът — своята сметка');
  throw new RechargeRequestError('give one source: source_coupon, or source_account with source_pin', 'посочете един източник: source_coupon или source_account със source_pin');
}

/** A reply longer than this is no coupon. */
const MAX_REPLY = 120;

/**
 * A coupon as a person texts it: a wallet card's serial as printed (with its dash or letters) and
 * its PIN (`101-23423423 4524 2829 3854`), or a voucher code alone (`4524 2829 3854 123`); spaces
 * and dashes inside the digits are only grouping. Null for anything else. The PIN or code is
 * registered as a secret before anything else sees it.
 */
export function readCouponReply(text: string): RechargeSource | null {
  if (text.length > MAX_REPLY) return null;
  const trimmed = text.trim();
  const first = /^\S+/.exec(trimmed)?.[0] ?? '';
  // A serial is printed with a dash or letters and comes before its PIN; digits alone are a code.
  const serial = first.length < trimmed.length && /[A-Za-z-]/.test(first) ? first : null;
  // The grouping the masking joins (spaces, dashes, a few in a row), and only that: a code read here
  // is a code masked whole at rest, in events and in logs.
  const digits = wholeDigitRun(serial === null ? trimmed : trimmed.slice(first.length).trim());
  if (digits === null || !/^[0-9]{1,40}$/.test(digits)) return null;
  registerSecret(digits);
  if (serial === null) return { kind: 'coupon', code: digits };
  return SERIAL_RE.test(serial) ? { kind: 'account', serial, pin: digits } : null;
}

/** What a recharge from a source came to: the dial's result, or a wallet card that could not be used. */
export type SourceOutcome = RechargeResult | { kind: 'no-card' };

/** A source's outcome as the seed's service tells it: a code that is invalid, used, refused or no card is one outcome. */
export type ServiceOutcomeKind = 'success' | 'invalid-or-used' | 'locked' | 'in-progress' | 'outcome-unknown' | 'failed' | 'disabled' | 'unavailable';

const SERVICE_KIND: Record<SourceOutcome['kind'], ServiceOutcomeKind> = {
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

/** Which of the service's outcomes a source's outcome is: whether a code failed the local check, was used or refused is not told apart. */
export function serviceOutcomeKind(outcome: SourceOutcome): ServiceOutcomeKind {
  return SERVICE_KIND[outcome.kind];
}

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
