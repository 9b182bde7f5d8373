import type { Config } from '../config/schema.js';
import type { Store } from '../store/store.js';
import type { OutboxRow, SendLimit } from '../store/outbox.js';

/**
 * Whether a queued SMS may go out now: a daily cap per line (each SIM pays for its own) beyond
 * which only the Notify group is texted, and a per-number hourly limit for numbers in no group (so
 * `PH <number>` cannot spam anyone, whichever line it asks). Returns null to send, or the limit
 * that refuses it for good.
 */
export function sendRefusal(store: Store, limits: Config['sms'], row: OutboxRow, now = new Date()): SendLimit | null {
  const recipient = row.recipient_key;
  const groups = store.groups.groupsOf(recipient);
  const dayStart = new Date(now);
  dayStart.setHours(0, 0, 0, 0);
  if (store.outbox.sentSince(dayStart.toISOString(), row.line) >= limits.dailyCap && !groups.includes('notify')) {
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
