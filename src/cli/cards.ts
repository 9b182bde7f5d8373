import fs from 'node:fs';
import readline from 'node:readline/promises';
import { formatDay, formatMoney } from '../carriers/money.js';
import type { CardView } from '../store/cards.js';
import { pageSummary, type RawCardPaging, type RawCardQuery } from '../wallet/card-query.js';
import type { FieldEdit } from '../wallet/wallet.js';
import { UsageError } from './usage-error.js';
import { readPins, withWallet, type StoreFlags } from './vouchers.js';

/** The advanced search's flags carry the API's names (--serial-from is serialFrom); --pin asks for the PIN. */
type SearchFlags = StoreFlags & Omit<RawCardQuery, 'pin'> & RawCardPaging & { pin?: boolean; json?: boolean };

/** What the confirmation of an export with full PINs is, typed at the prompt or given with --confirm. */
export const FULL_PINS_CONFIRMATION = 'full pins';

/** The PIN to search by is never an argument (shell history, `ps`): asked for, or one line piped in. */
async function queryOf(flags: SearchFlags): Promise<RawCardQuery & RawCardPaging> {
  const { pin, json: _json, config: _config, dataDir: _dataDir, ...query } = flags;
  if (!pin) return query;
  const [typed] = await readPins();
  return { ...query, pin: typed ?? '' };
}

const money = (card: CardView): string => (card.amountCents === null ? '—' : formatMoney({ cents: card.amountCents, currency: card.currency ?? '' }).trim());
const when = (iso: string): string => `${formatDay(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;

/** One card as the billing system's table shows it: status, serial, amount, PIN, reseller, activated, created on. */
function row(card: CardView): string {
  const activated = card.status === 'activated' && card.dial ? `${card.dial.by}${card.dial.line ? ` (${card.dial.line})` : ''} ${when(card.dial.at)}` : '—';
  return [card.status.padEnd(9), (card.serial ?? '—').padEnd(16), money(card).padStart(10), card.pin.padEnd(20), (card.reseller ?? '—').padEnd(14), activated.padEnd(30), when(card.createdAt)].join('  ');
}

export async function vouchersSearchCommand(flags: SearchFlags): Promise<void> {
  const query = await queryOf(flags);
  await withWallet(flags, (wallet) => {
    const page = wallet.search(query);
    if (flags.json) return console.log(JSON.stringify({ ...page, ...pageSummary(page) }, null, 2));
    const summary = pageSummary(page);
    console.log(['status   ', 'serial          ', '    amount', 'pin                 ', 'reseller      ', 'activated                     ', 'created on'].join('  '));
    for (const card of page.cards) console.log(row(card));
    console.log(`${summary.rows}   ${summary.pages}`);
  });
}

/** Which cards: --ids 1,2,3, else every card the search flags find. */
function selectionOf(ids: string | undefined, query: RawCardQuery): { ids: number[] } | { filter: RawCardQuery } {
  if (ids === undefined) return { filter: query };
  if (!/^\d+(,\d+)*$/.test(ids)) throw new UsageError('--ids is a comma-separated list of card ids, e.g. 3,4,9');
  return { ids: ids.split(',').map(Number) };
}

/** Mass edit: --set-expires and --set-reseller ("" clears it); a field not given is preserved. */
export async function vouchersEditCommand(flags: SearchFlags & { ids?: string; setExpires?: string; setReseller?: string }): Promise<void> {
  const { ids, setExpires, setReseller, ...search } = flags;
  const query = await queryOf(search);
  const edit = (value: string | undefined): FieldEdit => (value === undefined ? 'preserve' : { setTo: value === '' ? null : value });
  await withWallet(flags, (wallet) => {
    const { found, changed, kept } = wallet.massEdit(selectionOf(ids, query), { expires: edit(setExpires), reseller: edit(setReseller) });
    console.log(`${changed} of ${found} card(s) changed${kept ? `; ${kept} dialled card(s) kept as they are` : ''}.`);
  });
}

/** Deletes cards by id, or --all of those the search flags find with --confirm "delete all". */
export async function vouchersDeleteCommand(ids: string[], flags: SearchFlags & { all?: boolean; confirm?: string }): Promise<void> {
  const { all, confirm, ...search } = flags;
  if (ids.length && all) throw new UsageError('give card ids or --all, not both');
  if (!ids.length && !all) throw new UsageError('give the ids of the cards to delete, or --all with the search flags');
  if (ids.some((id) => !/^\d+$/.test(id))) throw new UsageError('a card id is a whole number (see `gsmkeeper vouchers search`)');
  const query = await queryOf(search);
  await withWallet(flags, (wallet) => {
    const { found, deleted, kept } = wallet.deleteCards(all ? { filter: query } : { ids: ids.map(Number) }, confirm ?? null);
    console.log(`${deleted} of ${found} card(s) deleted${kept ? `; ${kept} dialled card(s) kept with their history` : ''}.`);
  });
}

/** A CSV file (or `-` for standard input) imported whole, or not at all with every bad line named. */
export async function vouchersImportCommand(file: string, flags: StoreFlags): Promise<void> {
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  await withWallet(flags, (wallet) => {
    const added = wallet.importCsv(text);
    console.log(`${added.length} card(s) imported.`);
  });
}

/**
 * The cards a search finds as CSV, PINs masked. --full-pins writes them in full, after a
 * confirmation: typed at the terminal, or --confirm "full pins" from a script.
 */
export async function vouchersExportCommand(flags: SearchFlags & { output?: string; fullPins?: boolean; confirm?: string }): Promise<void> {
  const { output, fullPins, confirm, ...search } = flags;
  const query = await queryOf(search);
  if (fullPins && confirm?.trim().toLowerCase() !== FULL_PINS_CONFIRMATION) {
    if (!process.stdin.isTTY) throw new UsageError(`--full-pins writes every PIN readable: confirm with --confirm "${FULL_PINS_CONFIRMATION}"`);
    const prompt = readline.createInterface({ input: process.stdin, output: process.stderr });
    const typed = await prompt.question(`The file will hold every PIN in full. Type "${FULL_PINS_CONFIRMATION}" to go on: `).finally(() => prompt.close());
    if (typed.trim().toLowerCase() !== FULL_PINS_CONFIRMATION) throw new UsageError('not confirmed: nothing exported');
  }
  await withWallet(flags, (wallet) => {
    const csv = wallet.exportCsv(query, { revealPins: fullPins === true });
    if (!output) return void process.stdout.write(csv);
    // Only the owner may read a file that can hold PINs.
    fs.writeFileSync(output, csv, { mode: 0o600 });
    console.error(`Cards written to ${output}${fullPins ? ' with full PINs' : ''}.`);
  });
}
