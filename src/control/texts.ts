import { formatDay, formatMoney, type Money } from '../carriers/money.js';
import type { RechargeResult } from '../recharge/result.js';
import { maskDigits } from '../log/secrets.js';
import type { SettleResult } from '../recharge/settle.js';
import type { BalanceReport, LineRefusal } from './context.js';
import { age } from './handlers/format.js';

export type Language = 'en' | 'bg';

/**
 * Reply texts. Bulgarian is written in Cyrillic here; with the default Latin script the processor
 * transliterates it (Streamlined System) so it fits one GSM 7-bit SMS.
 */

/** The seed device's exact texts: users and existing tools expect them verbatim, in every language. */
export const SEED_TEXTS = {
  invalidCode: 'Invalid Security Code!',
  disabled: 'Card credit control option disabled!',
  unavailable: 'Add Credit operation is Unavailable!',
} as const;

const money = (m: Money | null): string => (m ? formatMoney(m) : '?');
const day = (iso: string | null): string => (iso ? formatDay(iso.slice(0, 10)) : '?');

export function rechargeReply(result: RechargeResult, lang: Language): string {
  const bg = lang === 'bg';
  switch (result.kind) {
    case 'invalid-code':
      return SEED_TEXTS.invalidCode;
    case 'disabled':
      return SEED_TEXTS.disabled;
    case 'unavailable':
      return SEED_TEXTS.unavailable;
    case 'success': {
      const was = result.before ? (bg ? ` (преди ${money(result.before)})` : ` (was ${money(result.before)})`) : '';
      return bg
        ? `Заредени ${money(result.added)}. Наличност: ${money(result.balance)}${was}. Валидност до ${day(result.validUntil)}.`
        : `Credit added: ${money(result.added)}. Balance: ${money(result.balance)}${was}. Valid until ${day(result.validUntil)}.`;
    }
    case 'rejected':
      return result.attemptsLeft > 0
        ? bg
          ? `Картата ${result.masked} е отказана (невалидна или използвана). Остават ${result.attemptsLeft} опита до заключване.`
          : `Card ${result.masked} rejected by the carrier (invalid or used). ${result.attemptsLeft} attempt(s) left before recharging locks.`
        : blockedWarning(lang);
    case 'attempts-exceeded':
    case 'locked':
      return blockedWarning(lang);
    case 'already-used':
      return bg
        ? `Картата ${result.masked} вече е използвана на ${day(result.at)}. Не е набрана отново.`
        : `Card ${result.masked} was already used on ${day(result.at)}. Not dialled again.`;
    case 'in-progress':
      return bg ? `Картата ${result.masked} се зарежда в момента.` : `Card ${result.masked} is being recharged now.`;
    case 'outcome-unknown': {
      const said = result.carrierSaid ? (bg ? ` (операторът отговори: "${result.carrierSaid}")` : ` (the carrier said: "${result.carrierSaid}")`) : result.interrupted ? (bg ? ' (прекъснато от рестарт)' : ' (interrupted by a restart)') : bg ? ' (не дойде отговор)' : ' (no answer came)';
      return bg
        ? `Картата ${result.masked} е набрана на ${day(result.at)}, резултатът е неизвестен${said}. Няма да бъде набрана отново. ${settleHint(result.id, lang)}`
        : `Card ${result.masked} was dialled on ${day(result.at)} and its outcome is unknown${said}. It will not be dialled again. ${settleHint(result.id, lang)}`;
    }
    case 'no-answer':
      return bg
        ? `Няма отговор от оператора за картата ${result.masked}; резултатът е неизвестен. Няма да бъде набрана отново. ${settleHint(result.id, lang)}`
        : `No answer from the carrier for card ${result.masked}; the outcome is unknown. It will not be dialled again. ${settleHint(result.id, lang)}`;
    case 'unrecognised':
      return bg
        ? `Операторът отговори за картата ${result.masked}: "${result.text}". Резултатът не е ясен: картата няма да бъде набрана отново. ${settleHint(result.id, lang)}`
        : `The carrier answered for card ${result.masked}: "${result.text}". The outcome is unclear: the card will not be dialled again. ${settleHint(result.id, lang)}`;
    case 'failed':
      return bg ? `Зареждането не е извършено (${result.reason}). Картата не е използвана.` : `Recharge failed: ${result.reason}. The card was not used.`;
  }
}

const amount = (cents: number | null, currency: string | null): string => (cents === null ? '?' : `${(cents / 100).toFixed(2)} ${currency ?? ''}`.trim());

/** A line's balance and validity as CREDIT? (and the recharge dialogue) tell it: now, or the last known figures with their age. */
export function balanceReply(report: BalanceReport, lang: Language): string {
  if (report.kind === 'unknown') return say(lang, `Balance unknown: ${report.why}.`, `Наличността е неизвестна: ${report.why}.`);
  const until = report.validUntil ? formatDay(report.validUntil) : '?';
  const money = amount(report.cents, report.currency);
  if (report.kind === 'fresh') return say(lang, `Balance: ${money}. Valid until ${until}.`, `Наличност: ${money}. Валидност до ${until}.`);
  return say(
    lang,
    `Balance ${money}, valid until ${until}, as of ${age(report.checkedAt)} ago (${report.why}).`,
    `Наличност ${money}, валидност до ${until}, към преди ${age(report.checkedAt)} (${report.why}).`,
  );
}

/** How an operator settles an unknown outcome (the Config group's SETTLE command). */
export function settleHint(id: number, lang: Language): string {
  return lang === 'bg' ? `Оператор: SETTLE ${id},USED или SETTLE ${id},UNUSED.` : `Operator: SETTLE ${id},USED or SETTLE ${id},UNUSED.`;
}

/** The blocked-card warning (the SIM is protected from a carrier block). */
export function blockedWarning(lang: Language): string {
  return lang === 'bg'
    ? 'Внимание: зареждането е заключено след твърде много отказани карти, за да не се блокира SIM картата. Оператор: CREDITCFG RESET.'
    : 'Warning: recharging is locked after too many rejected cards, to keep the SIM from being blocked. Operator: CREDITCFG RESET.';
}

/** The unknown word is echoed with its digits masked: it may be a code sent without CREDIT. */
export function unknownCommand(name: string, lang: Language): string {
  const shown = maskDigits(name);
  return lang === 'bg' ? `Непозната команда: ${shown}` : `Unknown command: ${shown}`;
}

export type ReconcileNotice =
  | { kind: 'applied'; masked: string; interrupted: boolean; before: Money; after: Money }
  | { kind: 'not-applied'; masked: string; interrupted: boolean; balance: Money }
  | { kind: 'undetermined'; masked: string; interrupted: boolean; id: number; reason: string }
  /** A restart came before the code was sent: the card was not used. */
  | { kind: 'released'; masked: string };

/** Told to whoever asked for a recharge whose outcome was open, once a balance check (or a restart) settles it. */
export function reconcileReply(notice: ReconcileNotice, lang: Language): string {
  const bg = lang === 'bg';
  if (notice.kind === 'released') {
    return bg
      ? `Зареждането с карта ${notice.masked} беше прекъснато от рестарт преди набирането; картата не е използвана. Изпратете я отново.`
      : `Recharge with card ${notice.masked} was interrupted by a restart before it was dialled; the card was not used. Send it again to retry.`;
  }
  const head = bg
    ? `Зареждането с карта ${notice.masked}${notice.interrupted ? ' беше прекъснато от рестарт' : ''}`
    : `Recharge with card ${notice.masked}${notice.interrupted ? ' was interrupted by a restart' : ''}`;
  switch (notice.kind) {
    case 'applied':
      return bg
        ? `${head}; наличността показва, че е минало: ${money(notice.after)} (преди ${money(notice.before)}).`
        : `${head}; the balance shows it went through: ${money(notice.after)} (was ${money(notice.before)}).`;
    case 'not-applied':
      return bg
        ? `${head}; наличността е същата (${money(notice.balance)}), картата не е използвана. Изпратете я отново.`
        : `${head}; the balance is unchanged (${money(notice.balance)}), so the card was not used. Send it again to retry.`;
    case 'undetermined':
      return bg
        ? `${head}; резултатът е неизвестен. Няма да бъде набрана отново. ${settleHint(notice.id, lang)}`
        : `${head}; the outcome is unknown (${notice.reason}). It will not be dialled again. ${settleHint(notice.id, lang)}`;
  }
}

/** The answer to an operator settling a recharge (SETTLE, `gsmkeeper credit settle`). */
export function settleReply(result: SettleResult, lang: Language): string {
  const bg = lang === 'bg';
  switch (result.kind) {
    case 'settled':
      return result.used
        ? bg ? `Зареждане ${result.id} (карта ${result.masked}) е отбелязано като използвано.` : `Recharge ${result.id} (card ${result.masked}) settled: the card was used.`
        : bg ? `Зареждане ${result.id} (карта ${result.masked}) е отбелязано като неизползвано; картата може да се изпрати отново.` : `Recharge ${result.id} (card ${result.masked}) settled: the card was not used and may be sent again.`;
    case 'not-found':
      return bg ? `Няма зареждане с неизвестен резултат за "${result.ref}".` : `No recharge with an unknown outcome matches "${result.ref}".`;
    case 'ambiguous':
      return bg
        ? `"${result.ref}" отговаря на зареждания ${result.ids.join(', ')}: посочете номера.`
        : `"${result.ref}" matches recharges ${result.ids.join(', ')}: give the number.`;
  }
}

/** To the Notify group when recharging locks itself to protect the SIM. */
export function lockNotice(reason: 'budget' | 'carrier', rejections: number, lang: Language): string {
  if (lang === 'bg') {
    return reason === 'carrier'
      ? 'gsmkeeper: операторът отчете максимум грешни опити; зареждането е заключено. CREDITCFG RESET за отключване.'
      : `gsmkeeper: ${rejections} отказани карти; зареждането е заключено преди блокиране на SIM. CREDITCFG RESET за отключване.`;
  }
  return reason === 'carrier'
    ? 'gsmkeeper: the carrier reports too many wrong cards; recharging is locked. Unlock with CREDITCFG RESET.'
    : `gsmkeeper: ${rejections} cards rejected; recharging is locked before the carrier blocks the SIM. Unlock with CREDITCFG RESET.`;
}

/** Why a command did nothing for want of a line, naming the lines there are. */
export function lineRefusal(refusal: LineRefusal, lang: Language): string {
  const lines = refusal.lines.map((line) => (line.state === 'ready' ? line.name : `${line.name} (${line.state})`)).join(', ');
  // What was typed is shown as a line's name, digits masked: it may be a code sent in the wrong place.
  const wanted = maskDigits((refusal.wanted ?? '').slice(0, 24));
  switch (refusal.reason) {
    case 'unknown':
      return say(lang, `No line "${wanted}": nothing done. Lines: ${lines}.`, `Няма линия "${wanted}": нищо не е направено. Линии: ${lines}.`);
    case 'unavailable': {
      const state = refusal.lines.find((line) => line.name === refusal.wanted)?.state ?? 'not up';
      return say(lang, `Line ${wanted} is ${state}: nothing done. Lines: ${lines}.`, `Линия ${wanted} не работи (${state}): нищо не е направено. Линии: ${lines}.`);
    }
    case 'unnamed':
      return say(lang, `Name the line (add ,<line>): ${lines}.`, `Посочете линията (добавете ,<линия>): ${lines}.`);
  }
}

/** The refusal of a config command to a number outside the Config group. */
export function configOnly(lang: Language): string {
  return say(lang, 'Only Config group numbers may do that.', 'Само номера от група Config могат това.');
}

/** A notice as each reader of the Notify group gets it: worded in that reader's language. */
export type NoticeText = (lang: Language) => string;

/** A pick between the two languages for short handler texts. */
export function say(lang: Language, en: string, bg: string): string {
  return lang === 'bg' ? bg : en;
}

/**
 * A destination that names no line, with the lines there are. What was asked is echoed cut to 40
 * characters and with its digit runs masked, as a code is: a coupon typed there stays hidden.
 */
export function noSuchLine(lang: Language, wanted: string, lines: readonly string[]): string {
  const asked = maskDigits(wanted.trim().slice(0, 40));
  const names = lines.join(', ');
  return say(lang, `no line "${asked}": the lines are ${names} (name one, its SIM's number or IMSI, or self)`, `няма линия "${asked}": линиите са ${names} (посочете една, номера или IMSI на SIM картата ѝ, или self)`);
}

/** Why the box dials a wallet card by itself. */
export type TopUpReason = 'low balance' | 'validity ending';

/** What the Notify group hears after the box dialled a wallet card by itself. */
export function walletTopUpNotice(reason: TopUpReason, result: RechargeResult, cardsLeft: number, lang: Language): string {
  const why = lang === 'bg' ? (reason === 'low balance' ? 'ниска наличност' : 'изтичаща валидност') : reason;
  const left = lang === 'bg' ? `Карти в портфейла: ${cardsLeft}.` : `${cardsLeft} card(s) left in the wallet.`;
  return `gsmkeeper (${why}): ${rechargeReply(result, lang)} ${left}`;
}
