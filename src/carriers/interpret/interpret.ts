import { resolveCurrency } from './currencies.js';
import { LEXICON, type Concept } from './lexicon.js';
import { formatCents } from './numbers.js';
import { PhraseTable } from './phrases.js';
import { scan, type Item, type MoneyItem } from './scan.js';
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

type ProfileTag = 'p:success' | 'p:rejected' | 'p:attempts' | 'p:unavailable';
type Tag = Concept | ProfileTag;

function buildTable(phrases: CarrierPhrases | undefined): PhraseTable<Tag> {
  const table = new PhraseTable<Tag>();
  for (const [concept, list] of Object.entries(LEXICON) as Array<[Concept, string[]]>) for (const phrase of list) table.add(phrase, concept);
  if (phrases) {
    const extra: Array<[string[] | undefined, Tag]> = [
      [phrases.success, 'p:success'], [phrases.rejected, 'p:rejected'], [phrases.attemptsExceeded, 'p:attempts'],
      [phrases.unavailable, 'p:unavailable'], [phrases.balance, 'balance'], [phrases.added, 'added'], [phrases.validity, 'validity'],
    ];
    for (const [list, tag] of extra) for (const phrase of list ?? []) table.add(phrase, tag);
  }
  return table;
}

const GENERIC = buildTable(undefined);
const withPhrases = new WeakMap<CarrierPhrases, PhraseTable<Tag>>();

function tableFor(phrases: CarrierPhrases | undefined): PhraseTable<Tag> {
  if (!phrases) return GENERIC;
  let table = withPhrases.get(phrases);
  if (!table) withPhrases.set(phrases, (table = buildTable(phrases)));
  return table;
}

/** Tags each run of words with the phrases found in it (on the phrase's first word). */
function tagWords(items: Item[], table: PhraseTable<Tag>): Array<Set<Tag> | undefined> {
  const tags: Array<Set<Tag> | undefined> = new Array(items.length);
  let run: number[] = [];
  const flush = (): void => {
    const forms = run.map((index) => {
      const token = (items[index] as Extract<Item, { t: 'word' }>).token;
      return token.alt ? [token.norm, token.alt] : [token.norm];
    });
    for (let k = 0; k < forms.length; ) {
      const match = table.longestAt(forms, k);
      if (match.length === 0) {
        k++;
        continue;
      }
      tags[run[k]!] = new Set(match.values);
      k += match.length;
    }
    run = [];
  };
  items.forEach((item, index) => {
    if (item.t === 'word') run.push(index);
    else flush();
  });
  flush();
  return tags;
}

interface Cues {
  attempts: boolean;
  rejected: boolean;
  unavailable: boolean;
  failed: boolean;
  success: boolean;
  pending: boolean;
  balanceWord: boolean;
  profile: Outcome | null;
}

/**
 * What each sentence says, from the concepts it holds together: "maximum" with "attempts",
 * "already" with "used", "try" with "later", an "invalid" that is not about a menu choice, a
 * "successful" nobody negated.
 */
function readCues(items: Item[], tags: Array<Set<Tag> | undefined>): Cues {
  const cues: Cues = { attempts: false, rejected: false, unavailable: false, failed: false, success: false, pending: false, balanceWord: false, profile: null };
  const profile = new Set<ProfileTag>();
  let sentence: Array<Set<Tag>> = [];
  const close = (): void => {
    const has = (tag: Tag): boolean => sentence.some((s) => s.has(tag));
    const near = (at: number, from: number, to: number, tag: Tag): boolean => sentence.slice(Math.max(0, at + from), Math.max(0, at + to + 1)).some((s) => s.has(tag));
    sentence.forEach((set, at) => {
      for (const tag of set) if (tag.startsWith('p:')) profile.add(tag as ProfileTag);
      if ((set.has('success') || set.has('credited')) && !set.has('fail')) {
        if (near(at, -3, -1, 'neg')) cues.failed = true;
        else cues.success = true;
      }
      if (set.has('invalid') && !near(at, 1, 2, 'menuNoun')) cues.rejected = true;
    });
    if (has('fail')) cues.failed = true;
    if ((has('already') && has('used')) || ((has('expired') || has('notexist')) && has('codeNoun'))) cues.rejected = true;
    if ((has('max') && has('attempt')) || has('blocked')) cues.attempts = true;
    if (has('unavailable') || has('cannot') || (has('try') && has('later'))) cues.unavailable = true;
    if (has('pending')) cues.pending = true;
    if (has('balance')) cues.balanceWord = true;
    sentence = [];
  };
  items.forEach((item, index) => {
    if (item.t === 'end') close();
    else if (tags[index]) sentence.push(tags[index]!);
  });
  close();
  if (profile.has('p:attempts')) cues.profile = 'attempts-exceeded';
  else if (profile.has('p:rejected')) cues.profile = 'rejected';
  else if (profile.has('p:unavailable')) cues.profile = 'unavailable';
  else if (profile.has('p:success')) cues.profile = 'success';
  return cues;
}

type Role = 'balance' | 'added' | 'other' | null;

interface Figure {
  money: MoneyItem;
  role: Role;
}

/**
 * Gives each figure its role from the words before it in its clause ("Balance:", "recharged
 * with", "bonus") or, failing those, the few words after it ("5.12 EUR is your balance"); and
 * keeps the validity date whose clause says so and is not about a bonus or a bundle.
 */
function readRoles(items: Item[], tags: Array<Set<Tag> | undefined>): { figures: Figure[]; validUntil: string | null; quantities: number } {
  const figures: Figure[] = [];
  let validUntil: string | null = null;
  let quantities = 0;
  let lead = { role: null as Role, other: false, validity: false };
  let lastInSentence: Role | 'none' = 'none';
  const resetLead = (): void => {
    lead = { role: null, other: false, validity: false };
  };
  const trailRole = (from: number): Role => {
    let words = 0;
    for (let k = from; k < items.length && words < 4; k++) {
      const item = items[k]!;
      if (item.t !== 'word') {
        if (item.t === 'link' || item.t === 'menu') continue;
        break;
      }
      words++;
      const set = tags[k];
      if (!set) continue;
      if (set.has('other') || set.has('price')) return 'other';
      if (set.has('balance')) return 'balance';
      if (set.has('added') || set.has('credited')) return 'added';
    }
    return null;
  };

  items.forEach((item, index) => {
    switch (item.t) {
      case 'word': {
        const set = tags[index];
        if (!set) return;
        if (set.has('added') || set.has('credited')) lead.role = 'added';
        if (set.has('balance')) lead.role = 'balance';
        if (set.has('other') || set.has('price')) lead.other = true;
        if (set.has('main')) lead.other = false;
        if (set.has('validity')) lead.validity = true;
        if (set.has('zero') && lead.role === 'balance' && !lead.other) {
          figures.push({ money: { t: 'money', cents: 0, currency: null, bare: false, sign: null }, role: 'balance' });
          lastInSentence = 'balance';
          resetLead();
        }
        return;
      }
      case 'money': {
        // "12.00 BGN (6.14 EUR)": the same figure in a second currency.
        const previous = figures[figures.length - 1];
        let k = index - 1;
        while (k >= 0 && items[k]!.t === 'link') k--;
        if (previous && k >= 0 && items[k] === previous.money && k < index - 1 && item.currency && previous.money.currency && item.currency.code !== previous.money.currency.code) return;
        let role: Role = lead.other ? 'other' : lead.role;
        if (role === null && item.sign === '+') role = 'added';
        if (role === null && !item.bare) role = trailRole(index + 1);
        figures.push({ money: item, role });
        lastInSentence = role;
        resetLead();
        return;
      }
      case 'qty':
        quantities++;
        lastInSentence = 'other';
        resetLead();
        return;
      case 'date':
        if (item.iso && lead.validity && !lead.other && lastInSentence !== 'other' && validUntil === null) validUntil = item.iso;
        resetLead();
        return;
      case 'end':
        resetLead();
        lastInSentence = 'none';
        return;
      case 'link':
      case 'menu':
        return;
    }
  });
  return { figures, validUntil, quantities };
}

function decide(cues: Cues, kind: InterpretOptions['kind'], addedFigure: boolean): Outcome | null {
  if (cues.profile && !(kind === 'balance' && cues.profile === 'success')) return cues.profile;
  if (cues.attempts) return 'attempts-exceeded';
  if (cues.rejected) return 'rejected';
  if (cues.unavailable) return 'unavailable';
  if (cues.failed) return 'rejected';
  if (kind !== 'balance' && (cues.success || addedFigure)) return 'success';
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
  const items = scan(tokens, monthFirst, hint !== null && ['KWD', 'BHD', 'OMR', 'JOD', 'TND', 'LYD', 'IQD'].includes(hint));
  const tags = tagWords(items, tableFor(options.phrases));
  const cues = readCues(items, tags);
  const { figures, validUntil, quantities } = readRoles(items, tags);

  const usable = figures.filter((f) => !f.money.bare || f.role === 'balance' || f.role === 'added');
  // A figure written as money ("£9.58", "7.95 Euro") is preferred to a bare number a label happens to precede.
  const first = (role: Role): Figure | null => usable.find((f) => f.role === role && !f.money.bare) ?? usable.find((f) => f.role === role) ?? null;
  let balance = first('balance');
  let added = first('added');
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
