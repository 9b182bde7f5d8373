export type WalletErrorCode =
  | 'bad-pin'
  | 'bad-amount'
  | 'bad-date'
  | 'bad-field'
  | 'unknown-carrier'
  /** The carrier meant has no recharge service: the card could never be dialled. */
  | 'unusable'
  | 'expired'
  /** Dialled before (by CREDIT, the recharge API or the wallet): used, refused, or under way. */
  | 'used'
  | 'duplicate'
  | 'not-found'
  | 'dialled'
  /** A destructive step asked for without its explicit confirmation. */
  | 'unconfirmed';

/** A card refused before it reaches the wallet (or a removal refused): the message is safe to show. */
export class WalletError extends Error {
  override readonly name = 'WalletError';
  constructor(readonly code: WalletErrorCode, message: string) {
    super(message);
  }
}

/** What was wrong with one line of an import (or one card of a bulk add), by its number. */
export interface LineProblem {
  line: number;
  message: string;
}

/** A batch refused whole: nothing of it was kept, and every bad line is named. */
export class WalletBatchError extends Error {
  override readonly name = 'WalletBatchError';
  constructor(readonly problems: LineProblem[], what: 'line' | 'card' = 'line') {
    super(`nothing imported: ${problems.length} bad ${what}${problems.length === 1 ? '' : 's'} (${problems.slice(0, 3).map((p) => `${what} ${p.line}: ${p.message}`).join('; ')}${problems.length > 3 ? '; …' : ''})`);
  }
}
