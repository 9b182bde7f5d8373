import fs from 'node:fs';
import path from 'node:path';
import { BUILTIN_CARRIERS_DIR, loadCarriers } from '../carriers/loader.js';
import { formatDay, formatMoney } from '../carriers/money.js';
import { silentLogger } from '../log/logger.js';
import { installSecret, Store } from '../store/store.js';
import type { CardView } from '../store/cards.js';
import { localDay } from '../util/local-day.js';
import { Wallet, WalletBatchError, WalletError, type NewVoucher } from '../wallet/wallet.js';
import { configFromFlags, type RunFlags } from './run.js';
import { maskedPrompt, PromptCancelled } from './masked-prompt.js';
import { UsageError } from './usage-error.js';

export type StoreFlags = Pick<RunFlags, 'config' | 'dataDir'>;

/** The wallet over the box's own store, for the owner at the box: nothing is dialled from here. */
export async function withWallet<T>(flags: StoreFlags, work: (wallet: Wallet) => T | Promise<T>): Promise<T> {
  const config = configFromFlags(flags);
  const secret = installSecret(config.dataDir);
  const store = Store.open(path.join(config.dataDir, 'gsmkeeper.db'), secret);
  try {
    const carriers = loadCarriers([BUILTIN_CARRIERS_DIR, ...(config.carriersDir ? [config.carriersDir] : [])]);
    // The SIMs the daemon last saw in its lines: a new card is checked against their carriers.
    const sims = store.lines.all().flatMap((line) => {
      const profile = carriers.profiles.find((p) => p.id === line.carrier);
      return profile ? [{ line: line.name, profile }] : [];
    });
    const wallet = new Wallet({
      store,
      secret,
      carriers,
      sims: () => sims,
      recharge: null,
      today: () => localDay(),
      logger: silentLogger(),
    });
    return await work(wallet);
  } catch (err) {
    throw asUsageError(err);
  } finally {
    store.close();
  }
}

/** A refused card or batch as the one-line error the CLI prints (every bad line named first); anything else as it is. */
export function asUsageError(err: unknown): unknown {
  if (err instanceof WalletBatchError) {
    for (const problem of err.problems) console.error(`Line ${problem.line}: ${problem.message}.`);
    return new UsageError(err.message);
  }
  return err instanceof WalletError ? new UsageError(err.message) : err;
}

/** Piped input is read up to this size: one PIN per line leaves room for hundreds of cards. */
const MAX_INPUT_BYTES = 64 * 1024;
const MAX_CARDS = 500;

/**
 * The PIN never comes from an argument (it would sit in the shell history and in `ps`): it is
 * typed at a prompt that shows a star per digit, or piped in on standard input, one card per line.
 */
export async function readPins(): Promise<string[]> {
  if (process.stdin.isTTY) {
    try {
      return [await maskedPrompt('Card PIN: ', process.stdin, process.stderr)];
    } catch (err) {
      if (err instanceof PromptCancelled) throw new UsageError('no card added');
      throw err;
    }
  }
  let input = '';
  for await (const chunk of process.stdin) {
    input += String(chunk);
    if (input.length > MAX_INPUT_BYTES) throw new UsageError(`standard input is over ${MAX_INPUT_BYTES / 1024} KiB: pipe one card PIN per line`);
  }
  const pins = input.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (pins.length > MAX_CARDS) throw new UsageError(`at most ${MAX_CARDS} cards at a time`);
  // Nothing piped in at all: the one card's check says what a PIN is.
  return pins.length ? pins : [''];
}

function describe(card: CardView): string {
  const amount = card.amountCents !== null ? formatMoney({ cents: card.amountCents, currency: card.currency ?? '' }).trim() : '?';
  const expires = card.expiresOn ? formatDay(card.expiresOn) : '-';
  return [String(card.id).padStart(3), card.status.padEnd(9), card.pin.padEnd(20), amount.padEnd(11), expires.padEnd(10), card.carrier ?? 'any', card.reseller ?? '', card.serial ?? ''].join('  ').trimEnd();
}

/**
 * Adds every card piped in (one PIN per line), each reported: added with its masked PIN, or why not.
 * Any refused: exit code 2 after the rest were tried.
 */
export async function vouchersAddCommand(flags: StoreFlags & Omit<NewVoucher, 'pin'> & { shop?: string }): Promise<void> {
  const { shop, ...rest } = flags;
  flags = { ...rest, reseller: flags.reseller ?? shop ?? null };
  const pins = await readPins();
  if (pins.length > 1 && flags.serial) throw new UsageError('--serial belongs to one card: pipe one PIN with it, or leave it out');
  await withWallet(flags, (wallet) => {
    if (pins.length === 1) return console.log(added(wallet.add({ ...flags, pin: pins[0]! })));
    let refused = 0;
    pins.forEach((pin, i) => {
      try {
        console.log(added(wallet.add({ ...flags, pin })));
      } catch (err) {
        if (!(err instanceof WalletError)) throw err;
        refused += 1;
        console.error(`Line ${i + 1} not added: ${err.message}.`);
      }
    });
    if (refused) throw new UsageError(`${refused} of ${pins.length} cards not added`);
  });
}

function added(card: CardView): string {
  const amount = card.amountCents !== null ? `, ${formatMoney({ cents: card.amountCents, currency: card.currency ?? '' }).trim()}` : '';
  const expires = card.expiresOn ? `, until ${formatDay(card.expiresOn)}` : '';
  return `Card ${card.id} added: ${card.pin}${amount}${expires}.`;
}

export async function vouchersListCommand(flags: StoreFlags & { json?: boolean }): Promise<void> {
  await withWallet(flags, (wallet) => {
    const cards = wallet.list();
    if (flags.json) return console.log(JSON.stringify(cards, null, 2));
    if (cards.length === 0) return console.log('The wallet is empty: add a card with `gsmkeeper vouchers add`.');
    console.log(' id  status     pin                   amount       expires     carrier  reseller  serial');
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
