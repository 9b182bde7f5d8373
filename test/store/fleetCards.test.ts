import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cardStateAfter, FleetCards } from '../../src/mqtt/fleet-cards.js';
import { WalletBatchError } from '../../src/wallet/errors.js';
import { tmpDir } from '../helpers/tmp.js';

const opened: FleetCards[] = [];
afterEach(() => {
  for (const cards of opened.splice(0)) cards.close();
});

function list(file = path.join(tmpDir(), 'fleet-cards.db')): { file: string; cards: FleetCards } {
  const cards = FleetCards.open(file);
  opened.push(cards);
  return { file, cards };
}

const CSV = [
  'serial,pin,amount,currency,expiry',
  '101-0001,111112222233333,5.00,EUR,2099-12-31',
  '101-0002,444445555566666,5.00,EUR,30.06.2099',
  '101-0003,777778888899999,10,EUR,',
].join('\n');

describe("the operator's card list", () => {
  it('takesTheCardThatExpiresFirstAndCommitsItsRequestIdFirst', () => {
    const { file, cards } = list();
    expect(cards.importCsv(CSV)).toBe(3);
    const card = cards.take('north-1', null)!;
    expect(card).toMatchObject({ box: 'north-1', pin: '444445555566666', masked: '***********6666', requestId: expect.stringMatching(/^card-/) });
    cards.close();
    opened.splice(0);
    // Reopened (the operator's command stopped): the card is still handed, with the same id.
    const again = list(file).cards;
    expect(again.handed()).toEqual([card]);
    expect(again.take('south-2', 'main')!.pin).toBe('111112222233333');
  });

  it('aFileWithABadLineImportsNothingAndNamesEveryBadLine', () => {
    const { cards } = list();
    const bad = `${CSV}\n101-0004,12ab5,5.00,EUR,2099-01-01\n101-0005,111112222233333,5.00,EUR,2099-01-01\n101-0006,999990000011111,5.00,EUR,2001-01-01`;
    let error: unknown;
    try {
      cards.importCsv(bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(WalletBatchError);
    expect((error as WalletBatchError).problems).toEqual([
      { line: 5, message: 'a PIN is 5 to 30 digits' },
      { line: 6, message: 'the same PIN as line 2' },
      { line: 7, message: 'it expired on 2001-01-01' },
    ]);
    expect(cards.list()).toEqual([]);
  });

  it('aCardNeverDialledGoesBackAndOneThatMayHaveBeenNeverDoes', () => {
    const { cards } = list();
    cards.importCsv(CSV);
    const locked = cards.take('north-1', null)!;
    expect(cards.answered(locked.requestId, { ok: true, outcome: 'locked' })).toBe('new');
    expect(cards.take('north-1', null)!.pin).toBe(locked.pin);
    const unclear = cards.handed()[0]!;
    expect(cards.answered(unclear.requestId, { ok: true, outcome: 'no-answer' })).toBe('unknown');
    expect(cards.list().find((c) => c.id === unclear.id)).toMatchObject({ state: 'unknown', box: 'north-1', outcome: 'no-answer' });
  });

  it.each([
    [{ ok: true, outcome: 'success' }, 'used'],
    [{ ok: true, outcome: 'already-used' }, 'used'],
    [{ ok: true, outcome: 'rejected' }, 'rejected'],
    [{ ok: true, outcome: 'invalid-code' }, 'rejected'],
    [{ ok: true, outcome: 'disabled' }, 'new'],
    [{ ok: true, outcome: 'failed' }, 'new'],
    [{ ok: true, outcome: 'outcome-unknown' }, 'unknown'],
    [{ ok: true, outcome: 'in-progress' }, 'unknown'],
    [{ ok: false, error: 'expired' }, 'new'],
    [{ ok: false, error: 'unknown_line' }, 'new'],
    [{ ok: false, error: 'interrupted' }, 'unknown'],
  ])('theBoxsAnswerDecidesTheCardsFate (%o → %s)', (answer, state) => {
    expect(cardStateAfter(answer).state).toBe(state);
  });

  it('thePinsAreSealedUnderAKeyFileOfTheirOwn', () => {
    const { file, cards } = list();
    cards.importCsv(CSV);
    cards.close();
    opened.splice(0);
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from('111112222233333'))).toBe(false);
    expect(fs.statSync(`${file}.key`).mode & 0o777).toBe(0o600);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
