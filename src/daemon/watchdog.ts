/**
 * systemd's watchdog (WatchdogSec=): a health tick that pings only while the box is really alive,
 * so a daemon whose event loop or modem supervisor is wedged stops pinging and gets restarted.
 * A process that merely runs is not enough: the tick checks that the event loop keeps time and
 * that the modem supervisor made progress (the modem answered, or the recovery ladder moved on)
 * within the watchdog's own timeout.
 */
export interface WatchdogOptions {
  /** WatchdogSec, from WATCHDOG_USEC. */
  timeoutMs: number;
  ping(): void;
  /** When the modem supervisor last made progress (performance.now() scale): its progressAt. */
  progressAt(): number;
  /** Told when pings stop (with why) and when they resume (null). */
  onWithheld(reason: string | null): void;
  now?: () => number;
}

/** Longest event-loop lag at which the tick still pings. */
const MAX_LAG_MS = 5000;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Why the tick must not ping now, or null when it may. */
export function withholdReason(now: number, progressAt: number, lagMs: number, timeoutMs: number): string | null {
  if (lagMs > Math.min(MAX_LAG_MS, timeoutMs / 4)) return `the event loop is ${seconds(lagMs)} late`;
  if (now - progressAt > timeoutMs) return `the modem supervisor has made no progress for ${seconds(now - progressAt)}`;
  return null;
}

/**
 * Ticks four times per timeout, so one tick withheld for a passing lag still leaves pings in time;
 * the timer does not keep the process alive.
 */
export function startWatchdog(options: WatchdogOptions): { stop(): void } {
  const now = options.now ?? (() => performance.now());
  const interval = options.timeoutMs / 4;
  let withheld: string | null = null;
  let timer: NodeJS.Timeout;
  const tick = (due: number) => {
    const at = now();
    const reason = withholdReason(at, options.progressAt(), at - due, options.timeoutMs);
    if (reason === null) options.ping();
    if ((reason === null) !== (withheld === null)) options.onWithheld(reason);
    withheld = reason;
    schedule(at + interval);
  };
  const schedule = (due: number) => {
    timer = setTimeout(() => tick(due), Math.max(0, due - now()));
    timer.unref();
  };
  options.ping();
  schedule(now() + interval);
  return { stop: () => clearTimeout(timer) };
}
