import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpret, OUTCOMES } from '../../src/carriers/interpret/interpret.js';
import { MAX_TEXT_CHARS } from '../../src/carriers/interpret/tokens.js';

/** Pieces carrier texts are made of, so random texts look like them and reach every reader. */
const PIECES = [
  'balance', 'Balance:', 'valid until', 'do', 'bonus', 'successful', 'not', 'invalid', 'already used', 'try again later',
  'maximum attempts', 'EUR', 'lv.', '€', '$', 'Rs.', 'R', 'P', 'N', 'Ar', 'руб', 'наличност', '+', '-', '.', ',', ':', '/',
  '(', ')', '*', '#', '\n', ' ', '1', '12', '123', '1234', '0', '31', '12.2027', '2027-12-31', 'Dec', '31 Dec', 'MB', 'min',
];

const carrierish = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((parts) => parts.join(''));

function checkReading(text: string): void {
  const reading = interpret(text);
  expect(OUTCOMES).toContain(reading.outcome);
  for (const amount of [reading.added, reading.balance]) {
    if (amount) expect(Number.isSafeInteger(amount.cents)).toBe(true);
  }
  if (reading.validUntil) expect(reading.validUntil).toMatch(/^20\d\d-\d\d-\d\d$/);
}

describe('the interpreter takes any text', () => {
  it('anyUnicodeStringGivesAReading', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), checkReading), { numRuns: 500 });
  });

  it('anyCarrierLikeTextGivesAReading', () => {
    fc.assert(fc.property(carrierish, fc.constantFrom(undefined, 'topup' as const, 'balance' as const), (text, kind) => {
      checkReading(text);
      expect(OUTCOMES).toContain(interpret(text, { kind, currency: 'EUR' }).outcome);
    }), { numRuns: 1000 });
  });

  it('aHugeTextIsReadOnlyUpToItsBound', () => {
    // Past the bound nothing is read: a figure there changes nothing.
    const filler = 'x '.repeat(MAX_TEXT_CHARS);
    expect(interpret(`${filler}Balance: 5.00 EUR`, { kind: 'balance' }).balance).toBeNull();
    expect(interpret(`Balance: 5.00 EUR ${'9'.repeat(1_000_000)}`, { kind: 'balance' }).balance).toEqual({ cents: 500, currency: 'EUR' });
  });

  it('pathologicalRunsOfSeparatorsAndDigitsGiveAReading', () => {
    for (const text of ['1.'.repeat(5000), '1,2'.repeat(3000), '*'.repeat(9000), '1 234 '.repeat(2000), 'не '.repeat(3000), 'valid until '.repeat(1000)]) {
      checkReading(text);
    }
  });
});
