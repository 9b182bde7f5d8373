import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { splitText } from '../../src/codec/split.js';
import { AtRest } from '../../src/store/at-rest.js';
import { countReplyParts } from '../../src/store/count-reply-parts.js';
import { migrate } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { installSecret, Store } from '../../src/store/store.js';
import { tmpDir } from '../helpers/tmp.js';

const PHONE = '+359888000001';
const report = (reference: number) => ({ recipient: PHONE, reference, delivery: 'delivered' as const });

describe('a reply keeps how many parts it was sent in', () => {
  it('aReplyIsDeliveredOnlyWhenEveryPartTheModemCountedIsReported', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    // The modem's count is the reply's, whatever its text would split into here: three parts.
    const id = store.outbox.enqueue({ line: 'main', recipient: PHONE, text: 'Balance 7.50 EUR', countryCode: '359' });
    store.outbox.markSending(id);
    store.outbox.markPartSent(id, 60, 3);
    expect(store.outbox.recordDelivery(report(60), '359')).toMatchObject({ outboxId: id, delivery: 'pending' });
    store.outbox.markPartSent(id, 61, 3);
    expect(store.outbox.recordDelivery(report(61), '359')).toMatchObject({ outboxId: id, delivery: 'pending' });
    store.outbox.markPartSent(id, 62, 3);
    store.outbox.markSent(id);
    expect(store.outbox.recordDelivery(report(62), '359')).toMatchObject({ outboxId: id, delivery: 'delivered' });
    expect(store.outbox.get(id)).toMatchObject({ parts_total: 3, delivered_refs: '60,61,62' });
  });

  it('thePartCountOutlivesARestartBetweenParts', () => {
    const file = path.join(tmpDir(), 'gsmkeeper.db');
    const text = 'x'.repeat(400);
    expect(splitText(text).parts).toHaveLength(3);
    const before = Store.open(file);
    const id = before.outbox.enqueue({ line: 'main', recipient: PHONE, text, countryCode: '359' });
    before.outbox.markSending(id);
    before.outbox.markPartSent(id, 70, 3);
    before.outbox.markPartSent(id, 71, 3);
    before.outbox.retryLater(id, '+CMS ERROR: 38', new Date().toISOString());
    before.close();

    const after = Store.open(file);
    expect(after.outbox.get(id)).toMatchObject({ parts_total: 3, parts_sent: 2, state: 'pending' });
    after.outbox.recordDelivery(report(70), '359');
    expect(after.outbox.recordDelivery(report(71), '359')).toMatchObject({ outboxId: id, delivery: 'pending' });
    after.outbox.markSending(id);
    after.outbox.markPartSent(id, 72, 3);
    after.outbox.markSent(id);
    expect(after.outbox.recordDelivery(report(72), '359')).toMatchObject({ outboxId: id, delivery: 'delivered' });
    after.close();
  });

  it('repliesSentBeforeTheCountWasKeptAreCountedFromTheirText', () => {
    // The database as the version before this one left it: no part count on the outbox.
    const dir = tmpDir();
    const file = path.join(dir, 'gsmkeeper.db');
    const old = new Database(file);
    migrate(old, new AtRest(installSecret(dir)), MIGRATIONS.indexOf(countReplyParts));
    expect(old.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('outbox') WHERE name = 'parts_total'").get()).toEqual({ n: 0 });
    const insert = old.prepare(`INSERT INTO outbox (line, recipient, recipient_key, text, state, attempts, next_attempt_at, created_at, sent_at, message_refs, parts_sent)
      VALUES ('main', '${PHONE}', '${PHONE}', ?, ?, 1, ?, ?, ?, ?, ?)`);
    const now = new Date().toISOString();
    const long = 'a long reply '.repeat(15);
    expect(splitText(long).parts).toHaveLength(2);
    // Sent whole; half sent when the upgrade came (its second part to be retried); never sent.
    const whole = Number(insert.run(long, 'sent', now, now, now, '30,31', 2).lastInsertRowid);
    const half = Number(insert.run(long, 'pending', now, now, now, '40', 1).lastInsertRowid);
    const unsent = Number(insert.run(long, 'pending', now, now, null, null, 0).lastInsertRowid);
    old.close();

    const store = Store.open(file);
    expect([whole, half, unsent].map((id) => store.outbox.get(id)!.parts_total)).toEqual([2, 2, null]);
    expect(store.outbox.recordDelivery(report(30), '359')).toMatchObject({ outboxId: whole, delivery: 'pending' });
    expect(store.outbox.recordDelivery(report(31), '359')).toMatchObject({ outboxId: whole, delivery: 'delivered' });
    expect(store.outbox.recordDelivery(report(40), '359')).toMatchObject({ outboxId: half, delivery: 'pending' });
    store.close();
  });
});
