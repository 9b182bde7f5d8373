import { canonicalNumber } from '../codec/address.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/store.js';
import type { OutboxRow, SendLimit } from '../store/outbox.js';

/**
 * Whether a queued SMS may go out now: a daily cap beyond which only the Notify group is texted,
 * and a per-number hourly limit for numbers in no group (so `PH <number>` cannot spam anyone).
 * Returns null to send, or the limit that refuses it for good.
 */
export function sendRefusal(store: Store, limits: Config['sms'], row: OutboxRow, now = new Date()): SendLimit | null {
  const recipient = canonicalNumber(row.recipient);
  const groups = store.groups.groupsOf(recipient);
  const dayStart = new Date(now);
  dayStart.setHours(0, 0, 0, 0);
  if (store.outbox.sentSince(dayStart.toISOString()) >= limits.dailyCap && !groups.includes('notify')) {
    return 'daily-cap';
  }
  if (groups.length === 0) {
    const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
    if (store.outbox.sentToSince(recipient, hourAgo) >= limits.nonGroupRepliesPerHour) {
      return 'non-group-hourly';
    }
  }
  return null;
}
