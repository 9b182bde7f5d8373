import path from 'node:path';
import readline from 'node:readline/promises';
import { BUILTIN_CARRIERS_DIR, loadCarriers } from '../carriers/loader.js';
import { formatDay, formatMoney } from '../carriers/money.js';
import { silentLogger } from '../log/logger.js';
import { installSecret, Store } from '../store/store.js';
import type { VoucherView } from '../store/vouchers.js';
import { localDay } from '../util/local-day.js';
import { Wallet, WalletError, type NewVoucher } from '../wallet/wallet.js';
import { configFromFlags, type RunFlags } from './run.js';
import { UsageError } from './usage-error.js';

type StoreFlags = Pick<RunFlags, 'config' | 'dataDir'>;

/** The wallet over the box's own store, for the owner at the box: nothing is dialled from here. */
async function withWallet<T>(flags: StoreFlags, work: (wallet: Wallet) => T | Promise<T>): Promise<T> {
  const config = configFromFlags(flags);
  const secret = installSecret(config.dataDir);
  const store = Store.open(path.join(config.dataDir, 'gsmkeeper.db'), secret);
  try {
    const wallet = new Wallet({
      store,
      secret,
      carriers: loadCarriers([BUILTIN_CARRIERS_DIR, ...(config.carriersDir ? [config.carriersDir] : [])]),
      sim: () => null,
      recharge: null,
      today: () => localDay(),
      logger: silentLogger(),
    });
    return await work(wallet);
  } catch (err) {
    if (err instanceof WalletError) throw new UsageError(err.message);
    throw err;
  } finally {
    store.close();
  }
}

/**
 * The PIN never comes from an argument (it would sit in the shell history and in `ps`): it is
 * typed at a prompt, or piped in on standard input.
 */
async function readPin(): Promise<string> {
  if (process.stdin.isTTY) {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question('Card PIN: ');
    } finally {
      rl.close();
    }
  }
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  return input.split(/\r?\n/)[0] ?? '';
}

function describe(card: VoucherView): string {
  const amount = card.amountCents !== null ? formatMoney({ cents: card.amountCents, currency: card.currency ?? '' }).trim() : '?';
  const expires = card.expiresOn ? formatDay(card.expiresOn) : '-';
  return [String(card.id).padStart(3), card.state.padEnd(8), card.pin.padEnd(20), amount.padEnd(11), expires.padEnd(10), card.carrier ?? 'any', card.shop ?? '', card.serial ?? ''].join('  ').trimEnd();
}

export async function vouchersAddCommand(flags: StoreFlags & Omit<NewVoucher, 'pin'>): Promise<void> {
  const pin = await readPin();
  await withWallet(flags, (wallet) => {
    const card = wallet.add({ ...flags, pin });
    const amount = card.amountCents !== null ? `, ${formatMoney({ cents: card.amountCents, currency: card.currency ?? '' }).trim()}` : '';
    const expires = card.expiresOn ? `, until ${formatDay(card.expiresOn)}` : '';
    console.log(`Card ${card.id} added: ${card.pin}${amount}${expires}.`);
  });
}

export async function vouchersListCommand(flags: StoreFlags & { json?: boolean }): Promise<void> {
  await withWallet(flags, (wallet) => {
    const cards = wallet.list();
    if (flags.json) return console.log(JSON.stringify(cards, null, 2));
    if (cards.length === 0) return console.log('The wallet is empty: add a card with `gsmkeeper vouchers add`.');
    console.log(' id  state     pin                   amount       expires     carrier  shop  serial');
    for (const card of cards) console.log(describe(card));
  });
}

export async function vouchersRemoveCommand(id: string, flags: StoreFlags): Promise<void> {
  if (!/^\d+$/.test(id)) throw new UsageError('a card id is a whole number (see `gsmkeeper vouchers list`)');
  await withWallet(flags, (wallet) => {
    wallet.remove(Number(id));
    console.log(`Card ${id} removed from the wallet.`);
  });
}
