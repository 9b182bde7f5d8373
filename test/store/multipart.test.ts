import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { GAP } from '../../src/store/parts.js';
import { tmpDir } from '../helpers/tmp.js';

const part = (seq: number, text: string, over: Partial<{ sender: string; ref: number; total: number; line: string }> = {}) => ({
  line: 'main', sender: '+359888000001', ref: 7, total: 3, seq, text, sentAt: '2026-11-21T10:00:00+02:00', pdu: `PDU${seq}`, ...over,
});

describe('multipart reassembly in SQLite', () => {
  it('partsInAnyOrderBecomeOneCommandWhenTheLastArrives', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    expect(store.parts.add(part(3, 'three'))).toBeNull();
    expect(store.parts.add(part(1, 'one '))).toBeNull();
    const row = store.parts.add(part(2, 'two '));
    expect(row).toMatchObject({ sender: '+359888000001', text: 'one two three', state: 'received' });
  });

  it('aDuplicatePartIsIgnored', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    store.parts.add(part(1, 'one '));
    expect(store.parts.add(part(1, 'one '))).toBeNull();
    store.parts.add(part(2, 'two '));
    expect(store.parts.add(part(3, 'three'))!.text).toBe('one two three');
    // Every part arriving once more after completion starts nothing new.
    expect(store.parts.add(part(1, 'one '))).toBeNull();
  });

  it('keysOnSenderReferenceAndTotalNotTheReferenceAlone', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    store.parts.add(part(1, 'A1 ', { sender: '+359888000001' }));
    store.parts.add(part(1, 'B1 ', { sender: '+359888000002' }));
    store.parts.add(part(1, 'C1 ', { total: 2 }));
    expect(store.parts.add(part(2, 'C2', { total: 2 }))!.text).toBe('C1 C2');
    store.parts.add(part(2, 'A2 ', { sender: '+359888000001' }));
    expect(store.parts.add(part(3, 'A3', { sender: '+359888000001' }))!.text).toBe('A1 A2 A3');
  });

  it('anIncompleteMessageIsHandedOnAfterTheWaitWithItsGapsMarked', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    store.parts.add(part(1, 'one '));
    store.parts.add(part(3, 'three'));
    expect(store.parts.expire('main', new Date(Date.now() - 60_000).toISOString())).toEqual([]);
    const [row] = store.parts.expire('main', new Date(Date.now() + 1000).toISOString());
    expect(row!.text).toBe(`one ${GAP}three`);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM sms_parts').get()).toEqual({ n: 0 });
  });

  it('partsSurviveARestartOfTheStore', () => {
    const file = path.join(tmpDir(), 'gsmkeeper.db');
    const first = Store.open(file);
    first.parts.add(part(1, 'one '));
    first.parts.add(part(2, 'two '));
    first.close();
    expect(Store.open(file).parts.add(part(3, 'three'))!.text).toBe('one two three');
  });
});
