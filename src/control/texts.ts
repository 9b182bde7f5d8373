import { formatDay, formatMoney, type Money } from '../carriers/money.js';
import type { RechargeResult } from '../recharge/result.js';

export type Language = 'en' | 'bg';

/** The seed device's exact texts: users and existing tools expect them verbatim, in every language. */
export const SEED_TEXTS = {
  invalidCode: 'Invalid Security Code!',
  disabled: 'Card credit control option disabled!',
  unavailable: 'Add Credit operation is Unavailable!',
} as const;

const money = (m: Money | null): string => (m ? formatMoney(m) : '?');
const day = (iso: string | null): string => (iso ? formatDay(iso.slice(0, 10)) : '?');

/** Reply text for a recharge outcome. Bulgarian is transliterated so it fits GSM 7-bit (160 chars). */
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
      const was = result.before ? (bg ? ` (predi ${money(result.before)})` : ` (was ${money(result.before)})`) : '';
      return bg
        ? `Zaredeni ${money(result.added)}. Nalichnost: ${money(result.balance)}${was}. Validnost do ${day(result.validUntil)}.`
        : `Credit added: ${money(result.added)}. Balance: ${money(result.balance)}${was}. Valid until ${day(result.validUntil)}.`;
    }
    case 'rejected':
      return result.attemptsLeft > 0
        ? bg
          ? `Kartata ${result.masked} e otkazana (nevalidna ili izpolzvana). Ostavat ${result.attemptsLeft} opita do zaklyuchvane.`
          : `Card ${result.masked} rejected by the carrier (invalid or used). ${result.attemptsLeft} attempt(s) left before recharging locks.`
        : blockedWarning(lang);
    case 'attempts-exceeded':
    case 'locked':
      return blockedWarning(lang);
    case 'already-used':
      return bg
        ? `Kartata ${result.masked} veche e izpolzvana na ${day(result.at)}. Ne e nabrana otnovo.`
        : `Card ${result.masked} was already used on ${day(result.at)}. Not dialled again.`;
    case 'in-progress':
      return bg ? `Kartata ${result.masked} se zarejda v momenta.` : `Card ${result.masked} is being recharged now.`;
    case 'outcome-unknown':
    case 'no-answer':
      return bg
        ? `Nyama otgovor za kartata ${result.masked}; rezultatat e neizvesten. Nyama da bade nabrana otnovo. Proverete s CREDIT?`
        : `No carrier answer for card ${result.masked}; outcome unknown. It will not be dialled again. Check with CREDIT?`;
    case 'unrecognised':
      return bg ? `Operatorat otgovori: ${result.text}` : `Carrier answered: ${result.text}`;
    case 'failed':
      return bg
        ? `Zarejdaneto ne e izvarsheno (${result.reason}). Kartata ne e izpolzvana.`
        : `Recharge failed: ${result.reason}. The card was not used.`;
  }
}

/** The blocked-card warning, in both languages (the SIM is protected from a carrier block). */
export function blockedWarning(lang: Language): string {
  return lang === 'bg'
    ? 'Vnimanie: zarejdaneto e zaklyucheno sled tvarde mnogo otkazani karti, za da ne se blokira SIM kartata. Operator: CREDITCFG RESET.'
    : 'Warning: recharging is locked after too many rejected cards, to keep the SIM from being blocked. Operator: CREDITCFG RESET.';
}

export function unknownCommand(name: string, lang: Language): string {
  return lang === 'bg' ? `Nepoznata komanda: ${name}` : `Unknown command: ${name}`;
}

export type ReconcileNotice =
  | { kind: 'applied'; masked: string; before: Money; after: Money }
  | { kind: 'not-applied'; masked: string; balance: Money }
  | { kind: 'undetermined'; masked: string; reason: string };

/** Told to whoever asked for a recharge that a crash interrupted, once a balance check settles it. */
export function reconcileReply(notice: ReconcileNotice, lang: Language): string {
  const bg = lang === 'bg';
  const head = bg ? `Zarejdaneto s karta ${notice.masked} be prekasnato ot restart` : `Recharge with card ${notice.masked} was interrupted by a restart`;
  switch (notice.kind) {
    case 'applied':
      return bg
        ? `${head}; nalichnostta pokazva, che e minalo: ${money(notice.after)} (predi ${money(notice.before)}).`
        : `${head}; the balance shows it went through: ${money(notice.after)} (was ${money(notice.before)}).`;
    case 'not-applied':
      return bg
        ? `${head}; nalichnostta e sashtata (${money(notice.balance)}), kartata ne e izpolzvana. Izpratete ya otnovo.`
        : `${head}; the balance is unchanged (${money(notice.balance)}), so the card was not used. Send it again to retry.`;
    case 'undetermined':
      return bg
        ? `${head}; rezultatat e neizvesten. Nyama da bade nabrana otnovo; proverete nalichnostta.`
        : `${head}; the outcome is unknown (${notice.reason}). It will not be dialled again; check the balance.`;
  }
}

/** To the Notify group when recharging locks itself to protect the SIM. */
export function lockNotice(reason: 'budget' | 'carrier', rejections: number, lang: Language): string {
  if (lang === 'bg') {
    return reason === 'carrier'
      ? 'gsmkeeper: operatorat otchete maksimum greshni opiti; zarejdaneto e zaklyucheno. CREDITCFG RESET za otklyuchvane.'
      : `gsmkeeper: ${rejections} otkazani karti; zarejdaneto e zaklyucheno predi blokirane na SIM. CREDITCFG RESET za otklyuchvane.`;
  }
  return reason === 'carrier'
    ? 'gsmkeeper: the carrier reports too many wrong cards; recharging is locked. Unlock with CREDITCFG RESET.'
    : `gsmkeeper: ${rejections} cards rejected; recharging is locked before the carrier blocks the SIM. Unlock with CREDITCFG RESET.`;
}
