import path from 'node:path';
import { formatMoney } from '../carriers/money.js';
import { CardIssueError, cardsForWallet, issuedBy } from '../sim/cards.js';
import { DIALECTS } from '../sim/dialects.js';
import { Simulator } from '../sim/simulator.js';
import type { SimVoucher } from '../sim/state.js';
import { parseAmount, parseDay } from '../wallet/card-fields.js';
import { WalletError } from '../wallet/errors.js';
import { pageSummary } from '../wallet/card-query.js';
import { UsageError } from './usage-error.js';

interface StateFlags {
  state?: string;
  dialect?: string;
  csv?: boolean;
}

/**
 * The simulator's carrier from its state file (a fresh one when there is none yet), written back
 * when the work is done. A simulator running on that file keeps its own copy: while it runs, use
 * its API (POST /api/v1/sim/cards) instead.
 */
function withCarrier<T>(flags: StateFlags, work: (simulator: Simulator) => T): T {
  const dialect = flags.dialect ?? 'vivacom';
  if (!DIALECTS[dialect]) throw new UsageError(`--dialect must be one of ${Object.keys(DIALECTS).join(', ')}`);
  const simulator = new Simulator({ stateFile: flags.state ?? path.join('data', 'simulator-modem.json'), dialect: dialect as keyof typeof DIALECTS });
  try {
    return work(simulator);
  } catch (err) {
    if (err instanceof CardIssueError || err instanceof WalletError) throw new UsageError(err.message);
    throw err;
  } finally {
    simulator.close();
  }
}

/** The billing system's columns: status, serial, amount, PIN, reseller, activated, created on. */
function table(cards: SimVoucher[]): string[] {
  const head = ['status   ', 'serial          ', '    amount', 'pin                 ', 'reseller      ', 'activated           ', 'created on'].join('  ');
  return [head, ...cards.map((c) => [
    c.status.padEnd(9), c.serial.padEnd(16), formatMoney({ cents: c.amountCents, currency: c.currency }).padStart(10), c.pin.padEnd(20),
    (c.reseller ?? '—').padEnd(14), (c.activatedAt ? c.activatedAt.slice(0, 16).replace('T', ' ') : '—').padEnd(20), c.createdAt.slice(0, 19).replace('T', ' '),
  ].join('  '))];
}

/** `gsmkeeper simulate cards generate`: a batch in a series; --csv prints it as the wallet imports it. */
export function simulateCardsGenerateCommand(flags: StateFlags & { amount: string; quantity: string; series: string; pinLength: string; reseller?: string; expires: string }): void {
  const whole = (value: string, name: string): number => {
    if (!/^[0-9]{1,6}$/.test(value)) throw new UsageError(`--${name} is a whole number`);
    return Number(value);
  };
  withCarrier(flags, (simulator) => {
    const cards = simulator.carrier.generateSeries({
      amountCents: parseAmount(flags.amount), quantity: whole(flags.quantity, 'quantity'), series: flags.series, pinLength: whole(flags.pinLength, 'pin-length'),
      reseller: flags.reseller ?? null, expiresOn: parseDay(flags.expires),
    });
    if (flags.csv) return void process.stdout.write(cardsForWallet(issuedBy(cards, null, simulator.carrier.id)));
    console.log(table(cards).join('\n'));
    console.log(`${cards.length} card(s) issued in series ${flags.series}.`);
  });
}

/** `gsmkeeper simulate cards list`: the issued cards, newest first, paged. */
export function simulateCardsListCommand(flags: StateFlags & { series?: string; status?: string; page?: string; perPage?: string }): void {
  if (flags.status && !['new', 'activated', 'expired'].includes(flags.status)) throw new UsageError('--status is new, activated or expired');
  withCarrier(flags, (simulator) => {
    const list = simulator.carrier.listCards({
      series: flags.series, status: flags.status as SimVoucher['status'] | undefined, page: flags.page ? Number(flags.page) : 1, perPage: flags.csv ? 1000 : Number(flags.perPage ?? 20),
    });
    if (flags.csv) return void process.stdout.write(cardsForWallet(issuedBy(list.cards, null, simulator.carrier.id)));
    const summary = pageSummary(list);
    console.log([...table(list.cards), `${summary.rows}   ${summary.pages}`].join('\n'));
  });
}
