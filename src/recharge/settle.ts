import type { Store } from '../store/store.js';

export type SettleResult =
  | { kind: 'settled'; id: number; masked: string; used: boolean }
  | { kind: 'not-found'; ref: string }
  | { kind: 'ambiguous'; ref: string; ids: number[] };

/**
 * An operator settles a recharge whose outcome is unknown: `ref` is the recharge's number or the
 * last 4 digits of its card. A card settled as unused may be dialled again; as used, never.
 */
export function settleRecharge(store: Store, ref: string, used: boolean, by: string): SettleResult {
  const matches = store.recharges.unsettled().filter((row) => String(row.id) === ref || (ref.length === 4 && row.code_masked.endsWith(ref)));
  if (matches.length === 0) return { kind: 'not-found', ref };
  if (matches.length > 1) return { kind: 'ambiguous', ref, ids: matches.map((row) => row.id) };
  const row = matches[0]!;
  if (!store.recharges.settleByOperator(row.id, used, by)) return { kind: 'not-found', ref };
  return { kind: 'settled', id: row.id, masked: row.code_masked, used };
}

/** "12,USED", "2345 unused": the reference and the verdict, or null when they are not both there. */
export function parseSettle(words: string[]): { ref: string; used: boolean } | null {
  const parts = words.flatMap((w) => w.split(/[\s,]+/)).filter(Boolean);
  if (parts.length !== 2 || !/^\d{1,9}$/.test(parts[0]!)) return null;
  const verdict = parts[1]!.toUpperCase();
  if (verdict !== 'USED' && verdict !== 'UNUSED') return null;
  return { ref: parts[0]!, used: verdict === 'USED' };
}
