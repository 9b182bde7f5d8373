import { formatDay, formatMoney, type Money } from '../carriers/money.js';
import type { RechargeResult } from '../recharge/result.js';
import { maskDigits } from '../log/secrets.js';

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
    case 'outcome-unknown':
    case 'no-answer':
      return bg
        ? `Няма отговор за картата ${result.masked}; резултатът е неизвестен. Няма да бъде набрана отново. Проверете с CREDIT?`
        : `No carrier answer for card ${result.masked}; outcome unknown. It will not be dialled again. Check with CREDIT?`;
    case 'unrecognised':
      return bg ? `Операторът отговори: ${result.text}` : `Carrier answered: ${result.text}`;
    case 'failed':
      return bg ? `Зареждането не е извършено (${result.reason}). Картата не е използвана.` : `Recharge failed: ${result.reason}. The card was not used.`;
  }
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
  | { kind: 'applied'; masked: string; before: Money; after: Money }
  | { kind: 'not-applied'; masked: string; balance: Money }
  | { kind: 'undetermined'; masked: string; reason: string };

/** Told to whoever asked for a recharge that a crash interrupted, once a balance check settles it. */
export function reconcileReply(notice: ReconcileNotice, lang: Language): string {
  const bg = lang === 'bg';
  const head = bg ? `Зареждането с карта ${notice.masked} беше прекъснато от рестарт` : `Recharge with card ${notice.masked} was interrupted by a restart`;
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
        ? `${head}; резултатът е неизвестен. Няма да бъде набрана отново; проверете наличността.`
        : `${head}; the outcome is unknown (${notice.reason}). It will not be dialled again; check the balance.`;
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

/** A pick between the two languages for short handler texts. */
export function say(lang: Language, en: string, bg: string): string {
  return lang === 'bg' ? bg : en;
}

/** Why the box dials a wallet card by itself. */
export type TopUpReason = 'low balance' | 'validity ending';

/** What the Notify group hears after the box dialled a wallet card by itself. */
export function walletTopUpNotice(reason: TopUpReason, result: RechargeResult, cardsLeft: number, lang: Language): string {
  const why = lang === 'bg' ? (reason === 'low balance' ? 'ниска наличност' : 'изтичаща валидност') : reason;
  const left = lang === 'bg' ? `Карти в портфейла: ${cardsLeft}.` : `${cardsLeft} card(s) left in the wallet.`;
  return `gsmkeeper (${why}): ${rechargeReply(result, lang)} ${left}`;
}
