import { nowIso, stmt, type Db } from './db.js';

/** Wrong-password strikes and lockouts per sender (phone number or `http:<ip>`). */
export class SecurityStore {
  constructor(private readonly db: Db) {}

  /** Records a strike and returns how many the sender has since `since`. */
  strike(sender: string, since: string): number {
    stmt(this.db, 'INSERT INTO sender_strikes (sender, at) VALUES (?, ?)').run(sender, nowIso());
    return (stmt(this.db, 'SELECT COUNT(*) AS n FROM sender_strikes WHERE sender = ? AND at > ?').get(sender, since) as { n: number }).n;
  }

  lockOut(sender: string, until: string): void {
    stmt(this.db, 'INSERT INTO sender_lockouts (sender, until) VALUES (?, ?) ON CONFLICT (sender) DO UPDATE SET until = excluded.until').run(sender, until);
  }

  lockedUntil(sender: string, now = nowIso()): string | null {
    const row = stmt(this.db, 'SELECT until FROM sender_lockouts WHERE sender = ? AND until > ?').get(sender, now) as { until: string } | undefined;
    return row?.until ?? null;
  }

  /** Housekeeping: strikes older than `before` no longer count for anything. */
  prune(before: string): void {
    stmt(this.db, 'DELETE FROM sender_strikes WHERE at < ?').run(before);
    stmt(this.db, 'DELETE FROM sender_lockouts WHERE until < ?').run(before);
  }
}
