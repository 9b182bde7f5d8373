import { maskDigits } from '../log/secrets.js';
import { parseCsv, stringifyCsv } from '../util/csv.js';
import type { CardView } from '../store/cards.js';
import type { LineProblem } from './errors.js';
import { WalletBatchError, WalletError } from './errors.js';
import type { NewVoucher } from './wallet.js';

/** The columns of an import, as the header names them (any case; a few other names people use). */
const IMPORT_COLUMNS: Record<string, keyof NewVoucher> = {
  serial: 'serial',
  'serial number': 'serial',
  pin: 'pin',
  'pin code': 'pin',
  amount: 'amount',
  currency: 'currency',
  reseller: 'reseller',
  company: 'reseller',
  shop: 'reseller',
  expiry: 'expires',
  'expiry date': 'expires',
  expires: 'expires',
  carrier: 'carrier',
};

/** Columns an export adds, which an import of that file skips. */
const EXPORT_ONLY = ['status', 'activated on', 'activated by', 'line', 'created on'];

/** The header of an export: the import's columns first, so an exported file imports as it is. */
export const EXPORT_HEADER = ['serial', 'pin', 'amount', 'currency', 'reseller', 'expiry', 'carrier', ...EXPORT_ONLY];

/** An import is read up to this size (about 10,000 cards). */
export const MAX_CSV_BYTES = 1024 * 1024;

const lineBreaks = (text: string): number => text.split('\n').length - 1;

/**
 * Reads a CSV of cards with a header (serial, PIN, amount, currency, reseller, expiry, carrier;
 * only PIN is required). A file that cannot be read as CSV, or has an unknown column, is refused
 * whole; otherwise each row comes back with the line it starts on, for the wallet to check, and
 * a row with the wrong number of fields as a problem of its line.
 */
export function parseCardsCsv(text: string): { rows: Array<{ line: number; card: NewVoucher }>; problems: LineProblem[] } {
  if (Buffer.byteLength(text) > MAX_CSV_BYTES) throw new WalletError('bad-field', `a CSV import is at most ${MAX_CSV_BYTES / 1024} KiB`);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parseCsv(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 4096 }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    // csv-parse's message may quote the field it stopped at, a PIN perhaps: its digits are masked.
    throw new WalletBatchError([{ line, message: `not readable as CSV (${maskDigits((err as Error).message.replace(/^[^:]*: /, '').slice(0, 120))})` }]);
  }
  const [head, ...body] = records;
  if (!head) throw new WalletBatchError([{ line: 1, message: 'empty: the first line is the header (serial, pin, amount, currency, reseller, expiry, carrier)' }]);
  const problems: LineProblem[] = [];
  const header = head.record.map((name) => {
    const key = name.toLowerCase().replace(/[_-]+/g, ' ').trim();
    if (EXPORT_ONLY.includes(key)) return null;
    const column = IMPORT_COLUMNS[key];
    if (!column) problems.push({ line: 1, message: `unknown column "${name.slice(0, 40)}" (known: serial, pin, amount, currency, reseller, expiry, carrier)` });
    return column ?? null;
  });
  if (!problems.length && !header.includes('pin')) problems.push({ line: 1, message: 'the header has no pin column' });
  if (problems.length) throw new WalletBatchError(problems);
  const rows: Array<{ line: number; card: NewVoucher }> = [];
  for (const { record, info } of body) {
    // csv-parse counts to a record's last line; a quoted field may span several.
    const line = info.lines - record.reduce((n, field) => n + lineBreaks(field), 0);
    if (record.length !== header.length) {
      problems.push({ line, message: `${record.length} field${record.length === 1 ? '' : 's'} where the header has ${header.length}` });
      continue;
    }
    const card: NewVoucher = { pin: '' };
    header.forEach((column, i) => {
      if (column) card[column] = record[i]!;
    });
    rows.push({ line, card });
  }
  return { rows, problems };
}

const amountText = (cents: number | null): string => (cents === null ? '' : (cents / 100).toFixed(2));

/**
 * Cards as CSV, with the import's header first: PINs masked, unless the full ones are given (an
 * export the owner asked for and confirmed).
 */
export function cardsCsv(cards: CardView[], fullPins?: Map<number, string>): string {
  const rows = cards.map((card) => [
    card.serial ?? '', fullPins?.get(card.id) ?? card.pin, amountText(card.amountCents), card.currency ?? '', card.reseller ?? '', card.expiresOn ?? '', card.carrier ?? '',
    card.status, card.activatedAt ?? '', card.dial?.by ?? '', card.dial?.line ?? '', card.createdAt,
  ]);
  return stringifyCsv([EXPORT_HEADER, ...rows]);
}
