import { timingSafeEqual } from 'node:crypto';
import type { Config } from '../config/schema.js';
import type { Language } from '../control/texts.js';
import type { Store } from '../store/store.js';

export interface CreditControl {
  enabled: boolean;
  lowBalance: number | null;
  validityDays: number | null;
}

const PASSWORD_DIGEST = 'password.digest';

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The settings the box runs with: what was changed by SMS or HTTP (kept in SQLite, surviving
 * restarts) over the config file's values.
 */
export class RuntimeSettings {
  /** The seed device's factory password, which PWD refuses. */
  readonly defaultPassword = '123456';

  constructor(
    private readonly store: Store,
    private readonly config: Config,
    /** The SIM carrier's currency, for thresholds typed without one. */
    private readonly currencyOf: () => string = () => 'EUR',
  ) {}

  get currency(): string {
    return this.currencyOf();
  }

  get checkSchedule(): string {
    return this.config.credit.checkSchedule;
  }

  /**
   * A password set by PWD is kept only as a keyed hash under the install key (a database copied
   * without secret.key does not give it away); the config file's is the default until then.
   */
  checkPassword(given: string): boolean {
    const digest = this.store.settings.get<string>(PASSWORD_DIGEST);
    return digest === undefined ? same(given, this.config.password) : same(this.store.atRest.digest('password', given), digest);
  }

  setPassword(next: string): void {
    this.store.settings.set(PASSWORD_DIGEST, this.store.atRest.digest('password', next));
  }

  get language(): Language {
    return this.store.settings.get<Language>('language') ?? this.config.language;
  }

  set language(value: Language) {
    this.store.settings.set('language', value);
  }

  /** A phone's reply language (by canonical number): its own choice (LANG), else the box's. */
  languageOf(phone: string): Language {
    return this.store.languages.get(phone) ?? this.language;
  }

  /** Keeps a phone's own reply language (by canonical number). */
  setLanguageOf(phone: string, value: Language): void {
    this.store.languages.set(phone, value);
  }

  /** The recharge dialogue: the setting (DIALOGUE ON|OFF, a settings page) over the config's `dialogue.enabled`. */
  get dialogue(): boolean {
    return this.store.settings.get<boolean>('dialogue.enabled') ?? this.config.dialogue.enabled;
  }

  set dialogue(value: boolean) {
    this.store.settings.set('dialogue.enabled', value);
  }

  get bulgarianScript(): 'latin' | 'cyrillic' {
    return this.store.settings.get<'latin' | 'cyrillic'>('bulgarianScript') ?? this.config.bulgarianScript;
  }

  set bulgarianScript(value: 'latin' | 'cyrillic') {
    this.store.settings.set('bulgarianScript', value);
  }

  get credit(): CreditControl {
    const stored = this.store.settings.get<Partial<CreditControl>>('credit') ?? {};
    return {
      enabled: stored.enabled ?? this.config.credit.enabled,
      lowBalance: stored.lowBalance !== undefined ? stored.lowBalance : this.config.credit.lowBalance,
      validityDays: stored.validityDays !== undefined ? stored.validityDays : this.config.credit.validityDays,
    };
  }

  set credit(value: CreditControl) {
    this.store.settings.set('credit', value);
  }
}
