import { readCues, type Cues } from './cues.js';
import { resolveCurrency } from './currencies.js';
import { formatCents } from './numbers.js';
import { readRoles, type Figure, type Role } from './roles.js';
import { scan } from './scan.js';
import { tableFor, tagWords } from './tagging.js';
import { tokenize } from './tokens.js';

/** What a carrier's text says happened. */
export type Outcome = 'success' | 'rejected' | 'attempts-exceeded' | 'unavailable' | 'balance' | 'other';
export const OUTCOMES: readonly Outcome[] = ['success', 'rejected', 'attempts-exceeded', 'unavailable', 'balance', 'other'];

export interface Amount {
  /** Hundredths of the currency unit. */
  cents: number;
  /** ISO 4217, or null when the text names none (and the carrier's currency is not known). */
  currency: string | null;
}

export interface Reading {
  outcome: Outcome;
  /** What the operation added. */
  added: Amount | null;
  /** The main balance after it (bonus, data and other balances are told apart and left out). */
  balance: Amount | null;
  currency: string | null;
  /** YYYY-MM-DD; a date without a year is no date. */
  validUntil: string | null;
}

/** A carrier profile's own words, layered over the generic reading; its outcome phrases win. */
export interface CarrierPhrases {
  success?: string[];
  rejected?: string[];
  attemptsExceeded?: string[];
  unavailable?: string[];
  balance?: string[];
  added?: string[];
  validity?: string[];
}

export interface InterpretOptions {
  /** What was asked: a top-up answer or a balance answer. Unknown: read from the text. */
  kind?: 'topup' | 'balance';
  /** The carrier's currency: for bare figures, and to settle "$", "Rs" or "kr". */
  currency?: string | null;
  phrases?: CarrierPhrases;
}

function decide(cues: Cues, kind: InterpretOptions['kind'], addedFigure: boolean): Outcome | null {
  if (cues.profile && !(kind === 'balance' && cues.profile === 'success')) return cues.profile;
  if (cues.attempts) return 'attempts-exceeded';
  if (cues.rejected) return 'rejected';
  if (cues.unavailable) return 'unavailable';
  if (cues.failed) return 'rejected';
  // A request still being processed has added nothing yet, whatever figure it names.
  if (kind !== 'balance' && (cues.success || (addedFigure && !cues.pending))) return 'success';
  return null;
}

/**
 * Reads a carrier's USSD answer or SMS the way a person would: what happened, the amount added,
 * the main balance, and until when the SIM is valid. Pure, linear in the text's length (one
 * tokenising pass, one scan, one pass per sentence), and total: any string gives a reading.
 */
export function interpret(text: string, options: InterpretOptions = {}): Reading {
  const hint = options.currency ?? null;
  const tokens = tokenize(text);
  const dollarText = tokens.some((t) => t.raw === '$' || t.norm === 'usd');
  const monthFirst = hint === 'USD' || (hint === null && dollarText);
  const items = scan(tokens, monthFirst, hint);
  const tags = tagWords(items, tableFor(options.phrases));
  const cues = readCues(items, tags);
  const { figures, validUntil, quantities } = readRoles(items, tags);

  const usable = figures.filter((f) => !f.money.bare || f.role === 'balance' || f.role === 'added');
  // A figure written as money ("£9.58", "7.95 Euro") is preferred to a bare number a label happens to precede.
  const first = (role: Role): Figure | null => usable.find((f) => f.role === role && !f.money.bare) ?? usable.find((f) => f.role === role) ?? null;
  let balance = first('balance');
  // A balance check adds nothing: a figure it says was received ("37.28 received on 08/31/09") is history.
  let added = options.kind === 'balance' ? null : first('added');
  const unlabelled = usable.filter((f) => f.role === null && !f.money.bare);

  let outcome = decide(cues, options.kind, added !== null);
  if (outcome === 'success') {
    if (!added) added = unlabelled.find((f) => f !== balance) ?? null;
    if (!balance) balance = unlabelled.find((f) => f !== added && (!added || figures.indexOf(f) > figures.indexOf(added))) ?? null;
  } else if (!balance && options.kind === 'balance' && outcome === null && unlabelled.length === 1) {
    // An answer to the balance code with one unnamed figure ("USD:5.87"): that is the balance.
    // Several (a menu of prices) say nothing about which one it is.
    balance = unlabelled[0]!;
  }
  if (outcome === null) {
    // A balance answer may list minutes or data only: still a balance report, with no money
    // figure; a menu that offers a balance check among its numbered lines is not one.
    const menu = items.filter((item) => item.t === 'menu').length >= 2;
    if (balance || (options.kind === 'balance' && cues.balanceWord && quantities > 0 && !menu)) outcome = 'balance';
    else outcome = 'other';
  }

  // A figure with no currency takes the one the text uses elsewhere, else the carrier's.
  const named = new Set(figures.map((f) => (f.money.currency ? resolveCurrency(f.money.currency, hint) : null)).filter((c): c is string => c !== null));
  const fallback = named.size === 1 ? [...named][0]! : hint;
  const amount = (figure: Figure | null): Amount | null => {
    if (!figure) return null;
    const { money } = figure;
    const currency = money.currency ? resolveCurrency(money.currency, hint) ?? fallback : fallback;
    return { cents: money.sign === '-' ? -money.cents : money.cents, currency };
  };
  const addedAmount = amount(added);
  const balanceAmount = amount(balance);
  return {
    outcome,
    added: addedAmount,
    balance: balanceAmount,
    currency: balanceAmount?.currency ?? addedAmount?.currency ?? null,
    validUntil,
  };
}

/** A reading as people and programs see it: amounts as decimal strings ("22.34"), nulls when absent. */
export interface PlainReading {
  outcome: Outcome;
  added: string | null;
  balance: string | null;
  currency: string | null;
  validUntil: string | null;
}

export function plainReading(reading: Reading): PlainReading {
  return {
    outcome: reading.outcome,
    added: reading.added ? formatCents(reading.added.cents) : null,
    balance: reading.balance ? formatCents(reading.balance.cents) : null,
    currency: reading.currency,
    validUntil: reading.validUntil,
  };
}
