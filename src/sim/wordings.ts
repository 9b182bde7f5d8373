import type { Dialect } from './dialects.js';

/**
 * Other carriers' ways of wording the same answers, for `simulate --wording NAME` and for tests
 * that must run against texts no carrier profile was written from. Each replaces the simulated
 * carrier's texts and money format, not its codes or its billing.
 */
export type Wording = Pick<Dialect, 'success' | 'rejected' | 'blocked' | 'balance' | 'money'>;

const point = (cents: number): string => (cents / 100).toFixed(2);
const comma = (cents: number): string => point(cents).replace('.', ',');
/** "31.12.2027" (the simulator's dates) as "31/12/2027". */
const slashes = (day: string): string => day.replaceAll('.', '/');

export const WORDINGS: Record<string, Wording> = {
  /** In the words of an independent fake modem's carrier (not gsmkeeper's simulator). */
  english: {
    success: (added, balance, until) => `Top-up successful: +${added}. Balance: ${balance}, valid until ${until}.`,
    rejected: () => 'The voucher you entered is invalid or has already been used.',
    blocked: () => 'Too many failed attempts. Top-up is barred for 24 hours.',
    balance: (balance, until) => `Your balance is ${balance}, valid until ${until}.`,
    money: (cents, currency) => `${point(cents)} ${currency}`,
  },
  /** Telma Madagascar's wording (its QA scripts), in French, with a decimal comma. */
  french: {
    success: (added, balance, until) => `Votre compte a ete recharge de ${added}. Votre credit est de ${balance}, valable jusqu'au ${slashes(until)}.`,
    rejected: () => 'Votre carte de recharge est deja utilisee',
    blocked: () => 'Votre compte de recharge est suspendu',
    balance: (balance, until) => `Votre credit est de ${balance}, valable jusqu'au ${slashes(until)}.`,
    money: (cents, currency) => `${comma(cents)} ${currency}`,
  },
  /** Russian in Cyrillic (sent as UCS2), the currency as a symbol. */
  russian: {
    success: (added, balance, until) => `Счёт пополнен на ${added}. Баланс: ${balance}. Действителен до ${until}.`,
    rejected: () => 'Неверный код карты оплаты.',
    blocked: () => 'Превышено число попыток ввода кода. Пополнение заблокировано.',
    balance: (balance, until) => `Ваш баланс ${balance}, действителен до ${until}.`,
    money: (cents, currency) => `${comma(cents)} ${currency === 'EUR' ? '€' : currency}`,
  },
  /**
   * Top-up answers that say nothing about what happened (a person would not understand them
   * either); its balance answer is plain.
   */
  unclear: {
    success: () => 'Blagodarim vi! Zayavka 4471 e obrabotena.',
    rejected: () => 'Zayavka 4471 e obrabotena.',
    blocked: () => 'Obadete se na 123.',
    balance: (balance, until) => `Nalichnost: ${balance}. Validnost do ${until}.`,
    money: (cents, currency) => `${point(cents)} ${currency}`,
  },
};
