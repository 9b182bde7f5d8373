import path from 'node:path';
import { readOrCreateSecret } from '../util/private-files.js';
import { AtRest } from './at-rest.js';
import { BalanceStore } from './balances.js';
import { CommandStore } from './commands.js';
import { nowIso, openDatabase, type Db } from './db.js';
import { OutboxStore } from './outbox.js';
import { GroupStore } from './groups.js';
import { RechargeStore } from './recharges.js';
import { SecurityStore } from './security.js';
import { SettingsStore } from './settings.js';
import { PartStore } from './parts.js';
import { VoucherStore } from './vouchers.js';
import { CardStore } from './cards.js';
import { LineStore } from './lines.js';
import { LanguageStore } from './languages.js';

/** The repositories over one SQLite file. */
export class Store {
  readonly commands: CommandStore;
  readonly outbox: OutboxStore;
  readonly recharges: RechargeStore;
  readonly balances: BalanceStore;
  readonly security: SecurityStore;
  readonly groups: GroupStore;
  readonly settings: SettingsStore;
  readonly parts: PartStore;
  readonly vouchers: VoucherStore;
  readonly cards: CardStore;
  readonly lines: LineStore;
  readonly languages: LanguageStore;

  constructor(readonly db: Db, readonly atRest: AtRest) {
    this.outbox = new OutboxStore(db);
    this.commands = new CommandStore(db, this.outbox, atRest);
    this.recharges = new RechargeStore(db);
    this.balances = new BalanceStore(db);
    this.security = new SecurityStore(db);
    this.groups = new GroupStore(db);
    this.settings = new SettingsStore(db);
    this.parts = new PartStore(db, this.commands, atRest);
    this.vouchers = new VoucherStore(db);
    this.cards = new CardStore(db);
    this.lines = new LineStore(db);
    this.languages = new LanguageStore(db);
  }

  /** The install's secret is the data dir's secret.key (created on first use) unless given. */
  static open(file: string, secret?: string): Store {
    const atRest = file === ':memory:' && !secret ? AtRest.ephemeral() : new AtRest(secret ?? installSecret(path.dirname(file)));
    return new Store(openDatabase(file, atRest), atRest);
  }

  /**
   * A durable barrier: one synchronous commit, which in WAL mode also makes every relaxed commit
   * before it durable. What must survive a power cut before an irreversible step (deleting an SMS
   * from the SIM) is committed relaxed, then this runs right before the step.
   */
  flush(): void {
    this.settings.set('durable.barrier', nowIso());
  }

  close(): void {
    this.db.close();
  }
}

/** The install's secret: codes are hashed and PINs and unfinished commands sealed under it. */
export function installSecret(dataDir: string): string {
  return readOrCreateSecret(dataDir, 'secret.key').value;
}
