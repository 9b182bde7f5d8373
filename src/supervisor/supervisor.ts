import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Logger } from '../log/logger.js';
import type { Modem } from '../modem/modem.js';

/** Where the box stands with its modem; anything but 'healthy' is reported by STAT? and /health. */
export type LadderStep = 'healthy' | 'resync' | 'reinit' | 'reopen' | 'restart' | 'reset-hook' | 'failed';

export const LADDER: LadderStep[] = ['resync', 'reinit', 'reopen', 'restart', 'reset-hook'];

/** The modem operations the supervisor needs: it proves the modem, restarts and reopens it, never speaking AT itself. */
export type SupervisedModem = Pick<Modem, 'traffic' | 'ping' | 'init' | 'restart' | 'reopen' | 'simState' | 'registration' | 'on'>;

export interface SupervisorOptions {
  modem: SupervisedModem;
  /** Runs after every successful (re-)init: the stored-message scan, so nothing waits on the SIM. */
  afterInit: () => Promise<void>;
  /** Runs after each good keep-alive: messages left on the SIM (a delete that failed) are swept. */
  sweep?: () => Promise<void>;
  keepAliveMs: number;
  restartWaitMs: number;
  resetHook: { command: string; args: string[]; timeoutSeconds: number } | null;
  /** The last rung: exit non-zero so systemd restarts the service. */
  exit: (code: number) => void;
  logger: Logger;
}

export interface SupervisorEvents {
  step: [LadderStep];
  degraded: [string[]];
}

/** A wait that a stop cuts short, so a daemon told to stop is not held by a ladder's long waits. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

/**
 * Keeps the modem answering. A keep-alive `AT+CPIN?` on an interval (and after every timeout)
 * proves the line and the SIM; when the modem stops answering, a recovery ladder climbs one rung
 * at a time — resync, re-init, reopen the port, AT+CFUN=1,1, the external reset hook — and exits
 * for systemd when all fail. Each transition is logged and counted.
 */
export class Supervisor extends EventEmitter<SupervisorEvents> {
  step: LadderStep = 'healthy';
  readonly recoveries: Record<LadderStep, number> = { healthy: 0, resync: 0, reinit: 0, reopen: 0, restart: 0, 'reset-hook': 0, failed: 0 };
  /** Plain-words problems that do not need the ladder: no SIM, no network. */
  degraded: string[] = [];
  /**
   * When the supervisor last made progress (performance.now(), immune to clock jumps): a keep-alive
   * that passed, answers read while commands kept the line busy, or a step of the recovery ladder
   * (each rung is bounded by its timeouts and waits). The systemd watchdog pings only while this is
   * recent, so a supervisor stuck in one place gets the daemon restarted.
   */
  progressAt = performance.now();
  private bytesReadAtLastTick = -1;
  private timer: NodeJS.Timeout | null = null;
  private recovering: Promise<void> | null = null;
  private stopped = false;
  private readonly stopping = new AbortController();
  private readonly log: Logger;

  constructor(private readonly options: SupervisorOptions) {
    super();
    this.log = options.logger.child({ channel: 'supervisor' });
  }

  start(): void {
    this.watch();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.stopping.abort();
    if (this.timer) clearTimeout(this.timer);
  }

  /** The modem's notices (they follow it across reopens): each starts the rung it calls for. */
  private watch(): void {
    const { modem } = this.options;
    modem.on('unresponsive', () => void this.recover('the modem stopped answering'));
    // A modem that rebooted by itself has lost its settings (echo back on, no +CMTI): init again.
    modem.on('rebooted', () => {
      if (!this.recovering) void this.recover('the modem restarted by itself', 'reinit');
    });
    // The SIM changed state on its own (+CPIN: NOT INSERTED): check it now.
    modem.on('sim', () => {
      if (!this.recovering && !this.stopped) void this.keepAlive();
    });
    modem.on('line-closed', () => {
      if (!this.stopped) void this.recover('the port closed');
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.keepAlive(), this.options.keepAliveMs);
    this.timer.unref();
  }

  /** One keep-alive: skipped while commands are flowing (they prove the line themselves). */
  async keepAlive(): Promise<void> {
    try {
      if (this.recovering) return;
      const { busy, bytesRead } = this.options.modem.traffic;
      const answered = bytesRead !== this.bytesReadAtLastTick;
      this.bytesReadAtLastTick = bytesRead;
      if (busy) {
        if (answered) this.progressAt = performance.now();
        return;
      }
      await this.check();
      this.progressAt = performance.now();
      if (!this.degraded.length) await this.options.sweep?.();
    } catch (err) {
      await this.recover(`keep-alive failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.schedule();
    }
  }

  /** SIM and network state; throws when the modem does not answer at all. */
  private async check(): Promise<void> {
    const { modem } = this.options;
    const wasAbsent = this.degraded.includes('SIM removed');
    const sim = await modem.simState();
    const problems: string[] = [];
    if (sim === 'absent') problems.push('SIM removed');
    if (sim === 'locked') problems.push('SIM locked (PIN/PUK)');
    if (sim === 'ready') {
      const registration = await modem.registration().catch(() => null);
      if (registration && registration !== 'home' && registration !== 'roaming') problems.push(`no network (${registration})`);
      // A SIM that came back may be another SIM: init again (IMSI, carrier), then collect its messages.
      if (wasAbsent) {
        this.log.warn('SIM is back: initialising again');
        await modem.init();
        await this.options.afterInit();
      }
    }
    if (problems.join() !== this.degraded.join()) {
      this.log.warn({ problems }, problems.length ? 'degraded' : 'no longer degraded');
      this.degraded = problems;
      this.emit('degraded', problems);
    }
  }

  /** Single flight: a second trigger while climbing joins the climb in progress. */
  recover(reason: string, from: LadderStep = 'resync'): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.recovering ??= this.climb(reason, from).finally(() => {
      this.recovering = null;
    });
    return this.recovering;
  }

  /** RESET by command: the restart rung (AT+CFUN=1,1, reopen, init), climbing on if it fails. */
  restart(): Promise<void> {
    return this.recover('restart requested', 'restart');
  }

  private enter(step: LadderStep): void {
    this.step = step;
    this.progressAt = performance.now();
    this.recoveries[step] += 1;
    this.emit('step', step);
    this.log.warn({ step }, step === 'healthy' ? 'modem recovered' : `recovery: ${step}`);
  }

  private async climb(reason: string, from: LadderStep): Promise<void> {
    this.log.warn({ reason }, 'modem needs recovery');
    const { modem } = this.options;
    for (const step of LADDER.slice(Math.max(0, LADDER.indexOf(from)))) {
      if (this.stopped) return;
      this.enter(step);
      try {
        if (step === 'resync') {
          await modem.ping(2000);
        } else if (step === 'reinit') {
          await modem.init();
        } else {
          if (step === 'restart') {
            await modem.restart();
            await sleep(this.options.restartWaitMs, this.stopping.signal);
          } else if (step === 'reset-hook') {
            if (!this.options.resetHook) continue;
            await this.runHook(this.options.resetHook);
            await sleep(this.options.restartWaitMs, this.stopping.signal);
          }
          if (this.stopped) return;
          await modem.reopen(this.stopping.signal);
          await modem.init();
        }
        await this.options.afterInit();
        this.enter('healthy');
        return;
      } catch (err) {
        this.log.warn({ step, err: err instanceof Error ? err.message : String(err) }, 'recovery step failed');
      }
    }
    this.enter('failed');
    this.log.error('every recovery step failed: exiting so systemd restarts the service');
    this.options.exit(3);
  }

  /** No shell, no message content: a fixed program with fixed arguments from the config file. */
  private runHook(hook: { command: string; args: string[]; timeoutSeconds: number }): Promise<void> {
    return new Promise((resolve, reject) => {
      execFile(hook.command, hook.args ?? [], { timeout: (hook.timeoutSeconds ?? 30) * 1000, shell: false }, (err) => (err ? reject(err) : resolve()));
    });
  }
}
