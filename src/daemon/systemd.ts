import { formatDay, formatMoney } from '../carriers/money.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { BalanceRow } from '../store/balances.js';
import type { Line } from '../line/line.js';
import type { Daemon } from './daemon.js';
import { openNotifier, watchdogTimeoutMs } from './sd-notify.js';
import { startWatchdog } from './watchdog.js';

/**
 * What systemd hears from a Type=notify service: READY=1 once the lines are up (or parked, or
 * still coming, past the start-up wait) and the relay listens; STATUS= with each line's state and
 * balance whenever either changes; WATCHDOG=1 from the health tick; STOPPING=1 when a stop begins.
 * Outside systemd (no NOTIFY_SOCKET) nothing is loaded and every call is a no-op.
 */
export interface SystemdLink {
  ready(daemon: Daemon): void;
  stopping(): void;
}

export interface LineView {
  /** The line's name: said when the box has several. */
  name: string | null;
  carrier: string | null;
  /** The modem's rung of the recovery ladder ('healthy' when none), or null while the line has no modem. */
  step: string | null;
  problems: string[];
  balance: BalanceRow | undefined;
}

/** One line for `systemctl status`: carrier, modem, problems, balance. */
export function describeLine(view: LineView): string {
  const modem = view.step === null ? null : view.step === 'healthy' ? 'modem ok' : `modem recovering (${view.step})`;
  // The recovery rung is said once, as the modem's state, not again among the problems.
  const parts = [view.carrier ?? 'carrier unknown', ...(modem ? [modem] : []), ...view.problems.filter((problem) => !problem.startsWith('modem '))];
  const { balance } = view;
  const money = balance?.balance_cents != null && balance.currency ? `balance ${formatMoney({ cents: balance.balance_cents, currency: balance.currency })}` : 'balance unknown';
  parts.push(balance?.valid_until ? `${money}, valid until ${formatDay(balance.valid_until)}` : money);
  return `${view.name ? `${view.name}: ` : ''}${parts.join('; ')}`;
}

/** Every line, and a withheld watchdog: what STATUS= says. */
export function describeBox(views: LineView[], withheld: string | null = null): string {
  return [...views.map(describeLine), ...(withheld ? [`watchdog pings withheld: ${withheld}`] : [])].join(views.length > 1 ? ' | ' : '; ');
}

function lineView(line: Line, store: Daemon['store'], named: boolean): LineView {
  return {
    name: named ? line.name : null,
    carrier: line.profile?.name ?? null,
    step: line.step,
    problems: line.problems(),
    balance: line.imsi ? store.balances.latest(line.imsi) : undefined,
  };
}

/**
 * When the box last made progress, for the watchdog: the longest-silent supervisor of the lines
 * that are up (a wedged one gets the daemon restarted); with no line up there is nothing to watch.
 */
function progressAt(daemon: Daemon): number {
  const watched = daemon.lines.map((line) => line.progressAt).filter((at): at is number => at !== null);
  return watched.length ? Math.min(...watched) : performance.now();
}

/** A keep-alive's own worst case: AT+CPIN? and AT+CREG? both up to their timeouts. */
const KEEP_ALIVE_MARGIN_MS = 30_000;

export async function connectSystemd(config: Config, logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<SystemdLink> {
  const notifier = await openNotifier(env, logger);
  if (!notifier.active) return { ready: () => {}, stopping: () => {} };
  const log = logger.child({ channel: 'systemd' });
  const timeoutMs = watchdogTimeoutMs(env);
  if (timeoutMs && timeoutMs < config.modem.keepAliveSeconds * 1000 + KEEP_ALIVE_MARGIN_MS) {
    log.warn({ watchdogSeconds: timeoutMs / 1000, keepAliveSeconds: config.modem.keepAliveSeconds }, 'WatchdogSec is shorter than a keep-alive interval and its answer: systemd may restart a healthy daemon');
  }
  let watchdog: { stop(): void } | null = null;
  let withheld: string | null = null;
  return {
    ready(daemon) {
      const views = () => daemon.lines.map((line) => lineView(line, daemon.store, daemon.lines.length > 1));
      const status = () => notifier.send({ STATUS: describeBox(views(), withheld) });
      notifier.send({ READY: '1', STATUS: describeBox(views()) });
      daemon.events.on('line-state', status);
      daemon.events.on('balance-recorded', status);
      if (!timeoutMs) return;
      watchdog = startWatchdog({
        timeoutMs,
        ping: () => notifier.send({ WATCHDOG: '1' }),
        progressAt: () => progressAt(daemon),
        onWithheld: (reason) => {
          withheld = reason;
          if (reason) log.error({ reason }, 'watchdog pings withheld: systemd restarts the daemon unless this clears');
          else log.warn('watchdog pings resumed');
          status();
        },
      });
    },
    stopping() {
      watchdog?.stop();
      notifier.send({ STOPPING: '1', STATUS: 'stopping' });
    },
  };
}
