import { interpret, type CarrierPhrases, type Reading } from './interpret/interpret.js';
import type { CarrierProfileFile } from './schema.js';

/** A conservative limit for carriers that publish none: 3 wrong codes per 24 h (money-safety rule). */
export const DEFAULT_CARRIER_LIMIT = 3;

/** What an installer set in the config instead of the profile (confirmed on their own SIM). */
export interface CarrierOverrides {
  rechargeUssd?: string | null;
  codeLengths?: number[] | null;
  balanceUssd?: string | null;
  /** The currency of the SIM's country, for a carrier with no profile of its own. */
  currency?: string | null;
}

/** A validated profile, ready to build requests and read answers. */
export class CarrierProfile {
  /** The profile's own words for the interpreter, built once (the interpreter caches per object). */
  readonly phrases: CarrierPhrases;
  /** Facts the installer set in the config, which are then theirs, not the profile's guess. */
  readonly overridden: ReadonlySet<'rechargeUssd' | 'codeLengths' | 'balanceUssd'>;

  constructor(readonly file: CarrierProfileFile, overridden: Iterable<'rechargeUssd' | 'codeLengths' | 'balanceUssd'> = []) {
    const { answers } = file;
    this.phrases = {
      success: answers.success, rejected: answers.rejected, attemptsExceeded: answers.attemptsExceeded, unavailable: answers.unavailable,
      ...(answers.balance ? { balance: answers.balance } : {}), ...(answers.added ? { added: answers.added } : {}), ...(answers.validity ? { validity: answers.validity } : {}),
    };
    this.overridden = new Set(overridden);
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

  /** The balance code, if this carrier (or the installer) has one. */
  get balanceUssd(): string | null {
    return this.file.balance.ussd;
  }

  get hasBalanceCheck(): boolean {
    return this.file.balance.ussd !== null || (this.file.balance.menu?.length ?? 0) > 0;
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

  /** What the carrier's text says: the generic reading, with this profile's phrases and currency. */
  read(text: string, kind?: 'topup' | 'balance'): Reading {
    return interpret(text, { ...(kind ? { kind } : {}), currency: this.file.currency, phrases: this.phrases });
  }

  /**
   * Facts of this profile nobody confirmed on a real SIM, in plain words, so STAT?, health and
   * doctor can say which answers are guesses. What the installer set in the config counts as confirmed.
   */
  unconfirmed(): string[] {
    const facts: string[] = [];
    const { recharge, balance } = this.file;
    if (recharge.ussd && !recharge.verified) {
      if (!this.overridden.has('rechargeUssd')) facts.push(`recharge ${recharge.ussd}`);
      if (!this.overridden.has('codeLengths')) facts.push(`${recharge.codeLengths.join('/')}-digit codes`);
    }
    if (balance.ussd && !balance.verified && !this.overridden.has('balanceUssd')) facts.push(`balance ${balance.ussd}`);
    return facts;
  }

  /**
   * This profile with the installer's facts from the config in place of its own. An override
   * that is unset keeps the profile's value.
   */
  withOverrides(overrides: CarrierOverrides): CarrierProfile {
    const set: Array<'rechargeUssd' | 'codeLengths' | 'balanceUssd'> = [];
    const file: CarrierProfileFile = { ...this.file, recharge: { ...this.file.recharge }, balance: { ...this.file.balance } };
    if (overrides.rechargeUssd) {
      file.recharge.ussd = overrides.rechargeUssd;
      set.push('rechargeUssd');
    }
    if (overrides.codeLengths?.length) {
      file.recharge.codeLengths = [...overrides.codeLengths];
      set.push('codeLengths');
    }
    if (overrides.balanceUssd) {
      file.balance.ussd = overrides.balanceUssd;
      set.push('balanceUssd');
    }
    if (overrides.currency && this.file.mccMnc.length === 0) file.currency = overrides.currency;
    return new CarrierProfile(file, [...this.overridden, ...set]);
  }
}
