/**
 * How each simulated carrier words its answers. A1's success text is the one A1 documents
 * (reference/domain.md A1, confidence H). Vivacom's and Yettel's wordings are not published; the
 * ones here are the simulator's own, in the same Latin-letter Bulgarian style, and are marked so in
 * the carrier profiles that parse them.
 */
export interface Dialect {
  mccMnc: string;
  /** Recharge request → voucher PIN, or null when this carrier has no USSD recharge. */
  rechargePattern: RegExp | null;
  /** The same as a template with {code}, as the carrier publishes it. */
  rechargeTemplate: string | null;
  /** The length of its cards' PINs. */
  pinLength: number;
  balanceCode: string | null;
  /** The outcome of a good recharge comes by SMS from this sender; USSD only acknowledges. */
  successBySms?: { from: string; ack: string };
  /** A menu session: the code that opens it, its text, and which choice shows the balance. */
  menu?: { code: string; text: string; balanceChoice: string };
  /** The carrier blocks recharging after this many bad codes in `badWindowHours`. */
  maxBadAttempts: number;
  badWindowHours: number;
  blockHours: number;
  success(added: string, balance: string, validUntil: string): string;
  rejected(): string;
  blocked(): string;
  balance(balance: string, validUntil: string): string;
  /** Formats cents as this carrier prints money. */
  money(cents: number, currency: string): string;
}

const decimalComma = (cents: number): string => (cents / 100).toFixed(2).replace('.', ',');
const decimalPoint = (cents: number): string => (cents / 100).toFixed(2);

export const DIALECTS: Record<string, Dialect> = {
  vivacom: {
    mccMnc: '28403',
    rechargePattern: /^\*101#(\d+)#$/,
    rechargeTemplate: '*101#{code}#',
    pinLength: 15,
    balanceCode: '*102#',
    maxBadAttempts: 5,
    badWindowHours: 24,
    blockHours: 24,
    success: (added, balance, until) => `Uspeshno zaredihte ${added}. Nalichnost: ${balance}. Validnost do ${until}.`,
    rejected: () => 'Nevaliden ili veche izpolzvan kod na vaucher.',
    blocked: () => 'Dostignat e maksimalniyat broy greshni opiti. Zarejdaneto e blokirano. Obadete se na 123.',
    balance: (balance, until) => `Nalichnost: ${balance}. Validnost do ${until}.`,
    money: (cents, currency) => `${decimalPoint(cents)} ${currency}`,
  },
  a1: {
    mccMnc: '28401',
    rechargePattern: /^\*100\*(\d+)#$/,
    rechargeTemplate: '*100*{code}#',
    pinLength: 14,
    successBySms: { from: '100', ack: 'Zayavkata vi e priyeta. Shte poluchite SMS.' },
    balanceCode: '*100#',
    maxBadAttempts: 5,
    badWindowHours: 24,
    blockHours: 24,
    success: (added, balance, until) => `Prezarejdane s ${added}. Obshta suma ${balance}. Validnost do ${until}`,
    rejected: () => 'Nevaliden kod na karta za prezarejdane.',
    blocked: () => 'Dostignat maksimalen broy greshni opiti.',
    balance: (balance, until) => `Vashata smetka e ${balance}. Validnost do ${until}`,
    money: (cents, currency) => `${decimalComma(cents)} ${currency === 'BGN' ? 'lv.' : currency}`,
  },
  yettel: {
    mccMnc: '28405',
    rechargePattern: null,
    rechargeTemplate: null,
    pinLength: 15,
    balanceCode: null,
    menu: { code: '*123#', text: 'Moyat Yettel\n1 Moite uslugi\n2 Paketi\n3 Prezaredi\n4 Balans i validnost\n0 Izhod', balanceChoice: '4' },
    maxBadAttempts: 5,
    badWindowHours: 24,
    blockHours: 24,
    success: () => '',
    rejected: () => '',
    blocked: () => '',
    balance: (balance, until) => `Balans: ${balance}, validen do ${until}`,
    money: (cents, currency) => `${decimalComma(cents)} ${currency}`,
  },
};
