import { formatDay, formatMoney } from '../carriers/money.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { BalanceRow } from '../store/balances.js';
import type { LadderStep } from '../supervisor/supervisor.js';
import type { Daemon } from './daemon.js';
import { openNotifier, watchdogTimeoutMs } from './sd-notify.js';
import { startWatchdog } from './watchdog.js';

/**
 * What systemd hears from a Type=notify service: READY=1 once the modem is initialised (or the
 * simulator is up) and the relay listens; STATUS= with the line's state and balance whenever
 * either changes; WATCHDOG=1 from the health tick; STOPPING=1 when a stop begins. Outside
 * systemd (no NOTIFY_SOCKET) nothing is loaded and every call is a no-op.
 */
export interface SystemdLink {
  ready(daemon: Daemon): void;
  stopping(): void;
}

export interface LineView {
  carrier: string | null;
  step: LadderStep;
  problems: string[];
  balance: BalanceRow | undefined;
}

/** One line for `systemctl status`: carrier, modem, problems, balance, and a withheld watchdog. */
export function describeLine(view: LineView, withheld: string | null = null): string {
  const parts = [view.carrier ?? 'carrier unknown', view.step === 'healthy' ? 'modem ok' : `modem recovering (${view.step})`, ...view.problems];
  const { balance } = view;
  const money = balance?.balance_cents != null && balance.currency ? `balance ${formatMoney({ cents: balance.balance_cents, currency: balance.currency })}` : 'balance unknown';
  parts.push(balance?.valid_until ? `${money}, valid until ${formatDay(balance.valid_until)}` : money);
  if (withheld) parts.push(`watchdog pings withheld: ${withheld}`);
  return parts.join('; ');
}

function lineView(daemon: Daemon): LineView {
  const imsi = daemon.modem.imsi;
  return {
    carrier: daemon.carrier?.name ?? null,
    step: daemon.supervisor.step,
    problems: daemon.supervisor.degraded,
    balance: imsi ? daemon.store.balances.latest(imsi) : undefined,
  };
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
      const status = () => notifier.send({ STATUS: describeLine(lineView(daemon), withheld) });
      notifier.send({ READY: '1', STATUS: describeLine(lineView(daemon)) });
      daemon.supervisor.on('step', status);
      daemon.supervisor.on('degraded', status);
      daemon.store.balances.onRecorded(status);
      if (!timeoutMs) return;
      watchdog = startWatchdog({
        timeoutMs,
        ping: () => notifier.send({ WATCHDOG: '1' }),
        progressAt: () => daemon.supervisor.progressAt,
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
