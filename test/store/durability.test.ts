import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { relaxedWrite } from '../../src/store/db.js';
import { Store } from '../../src/store/store.js';
import { tmpDir } from '../helpers/tmp.js';

describe('relaxed writes and the durable barrier', () => {
  it('aRelaxedWriteInsideAnotherStaysRelaxedAndFullComesBackAfterBoth', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const level = () => store.db.pragma('synchronous', { simple: true });
    expect(level()).toBe(2); // FULL
    relaxedWrite(store.db, () => {
      relaxedWrite(store.db, () => expect(level()).toBe(1));
      expect(level()).toBe(1); // NORMAL: the outer scope is still relaxed
    });
    expect(level()).toBe(2);
  });

  it('theBarrierIsASynchronousCommit', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    relaxedWrite(store.db, () => store.commands.recordSms('main', { sender: '+359888000001', sentAt: null, text: 'x', pdu: null }));
    store.flush();
    expect(store.settings.get('durable.barrier')).toEqual(expect.any(String));
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
  });
});
