import { BalanceStore } from './balances.js';
import { CommandStore } from './commands.js';
import { openDatabase, type Db } from './db.js';
import { OutboxStore } from './outbox.js';
import { RechargeStore } from './recharges.js';

/** The repositories over one SQLite file. */
export class Store {
  readonly commands: CommandStore;
  readonly outbox: OutboxStore;
  readonly recharges: RechargeStore;
  readonly balances: BalanceStore;

  constructor(readonly db: Db) {
    this.commands = new CommandStore(db);
    this.outbox = new OutboxStore(db);
    this.recharges = new RechargeStore(db);
    this.balances = new BalanceStore(db);
  }

  static open(file: string): Store {
    return new Store(openDatabase(file));
  }

  close(): void {
    this.db.close();
  }
}
