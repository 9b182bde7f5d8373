/**
 * Texts people (and attackers) send the box: the command grammar's every part — star, password,
 * PH and its number, keyword, parameters, separators — bent the ways phones and people bend them:
 * case, Unicode, long texts, codes written with separators or in another script's digits.
 */
import type { Random } from './random.js';

export const PASSWORD = '739251';

/** Digits of other scripts, by their zero: fullwidth, Arabic-Indic, Devanagari, mathematical bold. */
const OTHER_ZEROS = [0xff10, 0x660, 0x966, 0x1d7ce];
const SEPARATORS = [' ', '-', '.', '/', '\u00a0', '\u2013', '\u202f', ' - ', '  ', '. '];
const SPACES = [' ', ' ', ' ', '  ', '\t', '\u00a0', '\n', ' \r\n '];
const NOISE = ['Моля', 'зареди', 'please top up', 'hi', '😀', '🙏🏽', 'ÄÖÜ', '中文', '#', ',', '?', '**', '*', '""', '\u0000', '\u200b', '\ufeff', '%s', '<b>', "'; DROP TABLE commands;--"];
const INFO = ['STAT?', 'stat?', 'Stat ?', 'CREDIT?', 'credit?', 'CREDITCFG?', 'PHGR?', 'HELP?', 'stat ?'];
const CONFIG = ['PWD 123456', 'CREDITCFG OFF', 'CREDITCFG RESET', 'PHADD 1,0888000111', 'PHDEL 1,0888000111', 'LANG BG', 'USSD *102#', 'SETTLE 1,USED'];
const UNKNOWN = ['FOO', 'CREDITS', 'КРЕДИТ', 'STAT', 'CRED1T', 'ＳＴＡＴ?', 'PH', '?', 'CREDIT!', 'RESET?'];

/** One code as a person might write it, and whether the box's local check can pass it. */
export interface CodeForm {
  /** The code's digits in ASCII: what must never show beyond its last 4. */
  digits: string;
  /** As written in the text. */
  written: string;
  /** Plain ASCII digits of a length the carrier takes (only a real voucher is written so). */
  dialable: boolean;
}

function inScript(digits: string, zero: number): string {
  return [...digits].map((d) => String.fromCodePoint(zero + Number(d))).join('');
}

/** The digits split into groups of 3–5 joined by separators, as printed on cards or typed. */
export function grouped(r: Random, digits: string): string {
  const separator = r.pick(SEPARATORS);
  const parts: string[] = [];
  for (let i = 0; i < digits.length; ) {
    const size = r.int(3, 5);
    parts.push(digits.slice(i, i + size));
    i += size;
  }
  return parts.join(r.chance(0.8) ? separator : r.pick(SEPARATORS));
}

/** A code written one of the ways the box must refuse without dialling, or a real voucher as it is. */
export function codeForm(r: Random, voucher: string | null): CodeForm {
  const digits = voucher ?? r.digits(r.pick([5, 6, 9, 12, 13, 14, 16, 18, 20, 30]));
  const roll = r.int(0, 9);
  if (voucher && roll < 5) return { digits, written: digits, dialable: true };
  if (roll < 7) return { digits, written: grouped(r, digits), dialable: false };
  if (roll < 8) return { digits, written: inScript(digits, r.pick(OTHER_ZEROS)), dialable: false };
  if (roll < 9) {
    const at = r.int(1, digits.length - 1);
    return { digits, written: `${digits.slice(0, at)}${r.pick(['O', 'l', 'x', '_', '#', '*'])}${digits.slice(at)}`, dialable: false };
  }
  // A digit more or fewer than the card has (never the carrier's 15: a made-up code of that length
  // would be dialled and rejected, and two rejections lock recharging for the rest of the run).
  let changed = r.chance(0.5) ? `${digits}${r.digits(1)}` : digits.slice(1);
  if (changed.length === 15) changed += r.digits(1);
  return { digits: changed, written: changed, dialable: false };
}

function password(r: Random): string {
  const roll = r.int(0, 9);
  if (roll < 6) return PASSWORD;
  if (roll === 6) return r.digits(r.int(1, 10));
  if (roll === 7) {
    const at = r.int(0, 5);
    return `${PASSWORD.slice(0, at)}${(Number(PASSWORD[at]) + r.int(1, 9)) % 10}${PASSWORD.slice(at + 1)}`;
  }
  if (roll === 8) return r.pick([`${PASSWORD}7`, PASSWORD.slice(1), inScript(PASSWORD, 0xff10), `${PASSWORD}?`, PASSWORD.toUpperCase() + 'a']);
  return r.pick(['', ' ', '**', '*123456']);
}

/** A phone number for PH: valid (optional '+', 3–20 digits), or one the grammar must refuse. */
function phone(r: Random): string {
  if (r.chance(0.8)) return `${r.chance(0.3) ? '+' : ''}0888${r.digits(r.int(0, 12))}`;
  return r.pick(['08881234567890123456789', '12', '+', '0888-123-456', '0888 12', 'abc', '+359888١٢٣٤']);
}

export interface FuzzText {
  text: string;
  /** Codes written in it (the CREDIT parameters), each with its form. */
  codes: CodeForm[];
  /** A config command (changes the box when the password is right and the channel may). */
  config: boolean;
}

/** One text through the command grammar. `voucher` is a real card to write, when the case uses one. */
export function commandText(r: Random, voucher: string | null): FuzzText {
  const codes: CodeForm[] = [];
  let command: string;
  let config = false;
  const roll = r.int(0, 9);
  if (roll < 5) {
    const count = r.chance(0.9) ? 1 : r.int(0, 3);
    const params: string[] = [];
    for (let i = 0; i < count; i++) {
      const form = codeForm(r, i === 0 ? voucher : null);
      codes.push(form);
      params.push(form.written);
    }
    command = `${r.pick(['CREDIT', 'Credit', 'credit', 'CREDIT', 'КРЕДИТ', 'CREDIT?'])}${r.pick(SPACES)}${params.join(r.pick([',', ', ', ' , ']))}`;
  } else if (roll < 7) {
    command = r.pick(INFO);
  } else if (roll < 8) {
    command = r.pick(CONFIG);
    config = true;
  } else {
    command = `${r.pick(UNKNOWN)}${r.chance(0.5) ? ` ${r.digits(r.int(1, 8))}` : ''}`;
  }
  let text = `*${password(r)}${r.pick(SPACES)}`;
  if (r.chance(0.25)) text += `${r.pick(['PH', 'Ph', 'ph', 'PH:'])}${r.pick(SPACES)}${phone(r)}${r.pick(SPACES)}`;
  text += command;
  if (r.chance(0.15)) text = `${r.pick(NOISE)} ${text}`;
  if (r.chance(0.15)) text = `${text} ${r.pick(NOISE)}`;
  if (r.chance(0.05)) text = `${'Please top up the box on the hill. '.repeat(r.int(2, 12))}${text}`;
  if (r.chance(0.03)) text = text.replace('*', '');
  return { text, codes, config };
}

/** The grammar's own reading of who may be answered: the token after the first '*' is the password. */
export function passwordOf(text: string): string | null {
  const star = text.indexOf('*');
  if (star < 0) return null;
  return /^\S+/.exec(text.slice(star + 1))?.[0] ?? null;
}
