import { DATE_PATTERN, MONEY_PATTERN, parseDayMonthYear, parseMoney, type Money } from './money.js';
import type { CarrierProfileFile } from './schema.js';

export type AnswerOutcome = 'success' | 'rejected' | 'attempts-exceeded' | 'unavailable' | 'unknown';

export interface ClassifiedAnswer {
  outcome: AnswerOutcome;
  added: Money | null;
  balance: Money | null;
  validUntil: string | null;
}

/** A conservative limit for carriers that publish none: 3 wrong codes per 24 h (money-safety rule). */
export const DEFAULT_CARRIER_LIMIT = 3;

function compile(pattern: string): RegExp {
  return new RegExp(pattern.replaceAll('{money}', MONEY_PATTERN).replaceAll('{date}', DATE_PATTERN), 'iu');
}

/** A validated profile with its regexes compiled, ready to build requests and read answers. */
export class CarrierProfile {
  private readonly success: RegExp[];
  private readonly rejected: RegExp[];
  private readonly attemptsExceeded: RegExp[];
  private readonly unavailable: RegExp[];
  private readonly balancePatterns: RegExp[];

  constructor(readonly file: CarrierProfileFile) {
    this.success = file.answers.success.map(compile);
    this.rejected = file.answers.rejected.map(compile);
    this.attemptsExceeded = file.answers.attemptsExceeded.map(compile);
    this.unavailable = file.answers.unavailable.map(compile);
    this.balancePatterns = file.balanceAnswer.patterns.map(compile);
  }

  get id(): string {
    return this.file.id;
  }

  get name(): string {
    return this.file.name;
  }

  get canRecharge(): boolean {
    return this.file.recharge.ussd !== null && this.file.recharge.codeLengths.length > 0;
  }

  /** Wrong codes we allow per window: the carrier's limit (or the default) less our margin, at least 1. */
  get attemptBudget(): { allowed: number; windowHours: number } {
    const limit = this.file.attemptLimit.carrierLimit ?? DEFAULT_CARRIER_LIMIT;
    return { allowed: Math.max(1, limit - this.file.attemptLimit.margin), windowHours: this.file.attemptLimit.windowHours };
  }

  rechargeUssd(code: string): string {
    if (!this.file.recharge.ussd) throw new Error(`${this.name} has no recharge service configured`);
    return this.file.recharge.ussd.replace('{code}', code);
  }

  /** Attempts-exceeded is checked first: such answers often also contain "invalid". */
  classify(text: string): ClassifiedAnswer {
    const none: ClassifiedAnswer = { outcome: 'unknown', added: null, balance: null, validUntil: null };
    if (this.attemptsExceeded.some((re) => re.test(text))) return { ...none, outcome: 'attempts-exceeded' };
    for (const re of this.success) {
      const groups = re.exec(text)?.groups;
      if (groups) return { outcome: 'success', ...this.figures(groups) };
    }
    if (this.rejected.some((re) => re.test(text))) return { ...none, outcome: 'rejected' };
    if (this.unavailable.some((re) => re.test(text))) return { ...none, outcome: 'unavailable' };
    return none;
  }

  /** Balance and validity from a balance-check answer, or null when no pattern matches. */
  parseBalance(text: string): { balance: Money | null; validUntil: string | null } | null {
    for (const re of this.balancePatterns) {
      const groups = re.exec(text)?.groups;
      if (groups) {
        const { balance, validUntil } = this.figures(groups);
        return { balance, validUntil };
      }
    }
    return null;
  }

  private figures(groups: Record<string, string | undefined>): Omit<ClassifiedAnswer, 'outcome'> {
    const money = (s: string | undefined) => (s ? parseMoney(s, this.file.currency) : null);
    return {
      added: money(groups.added),
      balance: money(groups.balance),
      validUntil: groups.validUntil ? parseDayMonthYear(groups.validUntil) : null,
    };
  }
}
