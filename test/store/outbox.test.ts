import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { decodeStatusReport } from '../../src/codec/sms-status-report.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { Store } from '../../src/store/store.js';
import { tmpDir } from '../helpers/tmp.js';

describe('the outbox records every send attempt', () => {
  it('aFailedAttemptThenASentOneAreBothKeptWithTheirErrorAndReferences', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const id = store.outbox.enqueue({ line: 'main', recipient: '+359888000001', text: 'Balance 7.50 EUR', countryCode: '359' });
    store.outbox.markSending(id);
    store.outbox.retryLater(id, '+CMS ERROR: 38', new Date().toISOString());
    store.outbox.markSending(id);
    store.outbox.markPartSent(id, 17, 2);
    store.outbox.markPartSent(id, 18, 2);
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
    const id = before.outbox.enqueue({ line: 'main', recipient: '+359888000001', text: 'Balance 7.50 EUR', countryCode: '359' });
    before.outbox.markSending(id);
    before.close();
    const after = Store.open(file);
    expect(after.outbox.recoverInterrupted(false)).toBe(1);
    expect(after.outbox.get(id)).toMatchObject({ state: 'uncertain' });
    expect(after.outbox.attempts(id)).toEqual([{ started_at: expect.any(String), finished_at: expect.any(String), message_refs: null, error: 'interrupted by a restart' }]);
  });

  it('aReplyRefusedByALimitKeepsWhichLimitAndHasNoAttempt', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const id = store.outbox.enqueue({ line: 'main', recipient: '+359888000001', text: 'Balance 7.50 EUR', countryCode: '359' });
    store.outbox.refuse(id, 'daily-cap');
    expect(store.outbox.get(id)).toMatchObject({ state: 'failed', refused_by: 'daily-cap', last_error: null });
    expect(store.outbox.attempts(id)).toEqual([]);
  });

  it('refusalsStoredAsTextByAnOlderVersionAreReadAsTheirLimit', () => {
    // The database as the version before this one left it: refusals only as messages.
    const file = path.join(tmpDir(), 'gsmkeeper.db');
    const old = new Database(file);
    const before = MIGRATIONS.findIndex((m) => typeof m === 'string' && m.includes('refused_by'));
    for (const migration of MIGRATIONS.slice(0, before)) old.exec(migration as string);
    old.pragma(`user_version = ${before}`);
    const insert = old.prepare("INSERT INTO outbox (recipient, recipient_key, text, state, attempts, next_attempt_at, created_at, last_error) VALUES ('+359888000001', '+359888000001', 'x', 'failed', ?, '2026-01-01', '2026-01-01', ?)");
    insert.run(0, 'daily SMS cap of 50 reached');
    insert.run(0, 'rate limited: 10 SMS per hour to a number in no group');
    insert.run(3, '+CMS ERROR: 38');
    old.close();
    const store = Store.open(file);
    expect([1, 2, 3].map((id) => store.outbox.get(id)).map((r) => [r!.refused_by, r!.last_error])).toEqual([
      ['daily-cap', null],
      ['non-group-hourly', null],
      [null, '+CMS ERROR: 38'],
    ]);
  });
});

describe('status reports tell what became of a reply', () => {
  /** A reply sent in parts with these message references. */
  function sent(store: Store, recipient: string, refs: number[]): number {
    const id = store.outbox.enqueue({ line: 'main', recipient: recipient, text: 'Balance 7.50 EUR', countryCode: '359' });
    store.outbox.markSending(id);
    for (const ref of refs) store.outbox.markPartSent(id, ref, refs.length);
    store.outbox.markSent(id);
    return id;
  }

  it('aReportFromThePublicVectorsMarksTheMatchingReplyDelivered', () => {
    // oFono unit/test-sms.c, status report assembly: mr 4 for +4915259911630, status 0 (delivered).
    const report = decodeStatusReport('0006040D91945152991136F00160124130340A0160124130940A00');
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const other = sent(store, '+4915259911630', [3]);
    const id = sent(store, '+4915259911630', [4]);
    expect(store.outbox.recordDelivery(report, '359')).toEqual({ outboxId: id, commandId: null, recipient: '+4915259911630', delivery: 'delivered', reason: null });
    expect(store.outbox.get(id)).toMatchObject({ delivery: 'delivered', delivered_refs: '4', delivery_at: expect.any(String) });
    expect(store.outbox.get(other)).toMatchObject({ delivery: null });
  });

  it('aLongReplyIsDeliveredOnlyWhenEveryPartIsAndOneFailedPartFailsIt', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const whole = sent(store, '+359888000001', [10, 11]);
    store.outbox.recordDelivery({ recipient: '+359888000001', reference: 10, delivery: 'delivered' }, '359');
    expect(store.outbox.get(whole)).toMatchObject({ delivery: 'pending' });
    store.outbox.recordDelivery({ recipient: '0888000001', reference: 11, delivery: 'delivered' }, '359');
    expect(store.outbox.get(whole)).toMatchObject({ delivery: 'delivered', delivered_refs: '10,11' });

    const broken = sent(store, '+359888000002', [12, 13]);
    store.outbox.recordDelivery({ recipient: '+359888000002', reference: 12, delivery: 'failed' }, '359');
    store.outbox.recordDelivery({ recipient: '+359888000002', reference: 13, delivery: 'delivered' }, '359');
    expect(store.outbox.get(broken)).toMatchObject({ delivery: 'failed' });
  });

  it('aReportOfAFirstPartCountsWhileTheNextPartIsStillBeingSent', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const id = store.outbox.enqueue({ line: 'main', recipient: '+359888000003', text: 'a long reply '.repeat(15), countryCode: '359' });
    store.outbox.markSending(id);
    store.outbox.markPartSent(id, 20, 2);
    expect(store.outbox.recordDelivery({ recipient: '+359888000003', reference: 20, delivery: 'delivered' }, '359')).toMatchObject({ outboxId: id, delivery: 'pending' });
    store.outbox.markPartSent(id, 21, 2);
    store.outbox.markSent(id);
    expect(store.outbox.get(id)).toMatchObject({ state: 'sent', delivery: 'pending', delivered_refs: '20' });
    store.outbox.recordDelivery({ recipient: '+359888000003', reference: 21, delivery: 'delivered' }, '359');
    expect(store.outbox.get(id)).toMatchObject({ delivery: 'delivered', delivered_refs: '20,21' });
  });

  it('aReportForNoReplyOfOursChangesNothing', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const id = sent(store, '+359888000001', [1]);
    expect(store.outbox.recordDelivery({ recipient: '+359888000001', reference: 2, delivery: 'delivered' }, '359')).toBeNull();
    expect(store.outbox.recordDelivery({ recipient: '+359888000009', reference: 1, delivery: 'delivered' }, '359')).toBeNull();
    // A reference comes round again after 255: a report a week after the send is not this reply's.
    expect(store.outbox.recordDelivery({ recipient: '+359888000001', reference: 1, delivery: 'delivered' }, '359', new Date(Date.now() + 8 * 86_400_000))).toBeNull();
    expect(store.outbox.get(id)).toMatchObject({ delivery: null });
  });
});
