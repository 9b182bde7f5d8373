/**
 * Counts of events by their labels (a command's channel and outcome, a recharge's outcome), kept
 * in the daemon and read by /metrics when it is scraped. Label values come from fixed sets, never
 * from what a sender typed, so the number of entries stays small.
 */
export class Tally<L extends string> {
  private readonly counts = new Map<string, { labels: Record<L, string>; count: number }>();

  add(labels: Record<L, string>): void {
    const key = JSON.stringify(Object.entries(labels).sort());
    const entry = this.counts.get(key);
    if (entry) entry.count += 1;
    else this.counts.set(key, { labels: { ...labels }, count: 1 });
  }

  entries(): Array<{ labels: Record<L, string>; count: number }> {
    return [...this.counts.values()];
  }
}
