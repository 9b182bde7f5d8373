import type { Db } from './db.js';
import { nowIso } from './db.js';

/** Wrong-password strikes and lockouts per sender (phone number or `http:<ip>`). */
export class SecurityStore {
  constructor(private readonly db: Db) {}

  /** Records a strike and returns how many the sender has since `since`. */
  strike(sender: string, since: string): number {
    this.db.prepare('INSERT INTO sender_strikes (sender, at) VALUES (?, ?)').run(sender, nowIso());
    return (this.db.prepare('SELECT COUNT(*) AS n FROM sender_strikes WHERE sender = ? AND at > ?').get(sender, since) as { n: number }).n;
  }

  lockOut(sender: string, until: string): void {
    this.db.prepare('INSERT INTO sender_lockouts (sender, until) VALUES (?, ?) ON CONFLICT (sender) DO UPDATE SET until = excluded.until').run(sender, until);
  }

  lockedUntil(sender: string, now = nowIso()): string | null {
    const row = this.db.prepare('SELECT until FROM sender_lockouts WHERE sender = ? AND until > ?').get(sender, now) as { until: string } | undefined;
    return row?.until ?? null;
  }

  /** Housekeeping: strikes older than `before` no longer count for anything. */
  prune(before: string): void {
    this.db.prepare('DELETE FROM sender_strikes WHERE at < ?').run(before);
    this.db.prepare('DELETE FROM sender_lockouts WHERE until < ?').run(before);
  }
}
