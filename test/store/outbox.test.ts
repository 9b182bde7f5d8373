import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { tmpDir } from '../helpers/tmp.js';

describe('the outbox records every send attempt', () => {
  it('aFailedAttemptThenASentOneAreBothKeptWithTheirErrorAndReferences', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const id = store.outbox.enqueue('+359888000001', 'Balance 7.50 EUR');
    store.outbox.markSending(id);
    store.outbox.retryLater(id, '+CMS ERROR: 38', new Date().toISOString());
    store.outbox.markSending(id);
    store.outbox.markPartSent(id, 17);
    store.outbox.markPartSent(id, 18);
    store.outbox.markSent(id);
    expect(store.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 2, message_refs: '17,18', parts_sent: 2, last_error: null });
    expect(store.outbox.attempts(id)).toEqual([
      { started_at: expect.any(String), finished_at: expect.any(String), message_refs: null, error: '+CMS ERROR: 38' },
      { started_at: expect.any(String), finished_at: expect.any(String), message_refs: '17,18', error: null },
    ]);
  });

  it('anAttemptCutByARestartIsClosedAsInterruptedAndTheReplyIsUncertain', () => {
    const file = path.join(tmpDir(), 'gsmkeeper.db');
    const before = Store.open(file);
    const id = before.outbox.enqueue('+359888000001', 'Balance 7.50 EUR');
    before.outbox.markSending(id);
    before.close();
    const after = Store.open(file);
    expect(after.outbox.recoverInterrupted(false)).toBe(1);
    expect(after.outbox.get(id)).toMatchObject({ state: 'uncertain' });
    expect(after.outbox.attempts(id)).toEqual([{ started_at: expect.any(String), finished_at: expect.any(String), message_refs: null, error: 'interrupted by a restart' }]);
  });

  it('aReplyRefusedByTheDailyCapHasNoAttempt', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const id = store.outbox.enqueue('+359888000001', 'Balance 7.50 EUR');
    store.outbox.giveUp(id, 'daily SMS cap reached');
    expect(store.outbox.get(id)).toMatchObject({ state: 'failed', last_error: 'daily SMS cap reached' });
    expect(store.outbox.attempts(id)).toEqual([]);
  });
});
