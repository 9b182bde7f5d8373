import { describe, expect, it } from 'vitest';
import { decodeDeliver } from '../../src/codec/sms-deliver.js';
import { DELIVER_VECTORS } from '../vectors/deliver-vectors.js';

describe('the shared SMS-DELIVER vector set (also used by bench/codec)', () => {
  it.each(DELIVER_VECTORS.map((v) => [v.source, v] as const))('%s', (_source, vector) => {
    const { source: _unused, pdu, ...expected } = vector;
    expect(decodeDeliver(pdu)).toMatchObject(expected);
  });
});
