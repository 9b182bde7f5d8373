import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { formatNotification, openNotifier, watchdogTimeoutMs } from '../../src/daemon/sd-notify.js';
import { describeBox, describeLine } from '../../src/daemon/systemd.js';
import { startWatchdog, withholdReason } from '../../src/daemon/watchdog.js';
import { Supervisor, type SupervisedModem, type SupervisorOptions } from '../../src/supervisor/supervisor.js';

describe('sd_notify messages', () => {
  it('fieldsAreKeyValueLinesAndAValueNeverStartsANewField', () => {
    expect(formatNotification({ READY: '1', STATUS: 'Vivacom; modem ok' })).toBe('READY=1\nSTATUS=Vivacom; modem ok');
    expect(formatNotification({ STATUS: 'a\nWATCHDOG=1\r\nb' })).toBe('STATUS=a WATCHDOG=1 b');
  });

  it('watchdogTimeoutComesFromWatchdogUsecForThisProcessOnly', () => {
    expect(watchdogTimeoutMs({ WATCHDOG_USEC: '300000000' })).toBe(300_000);
    expect(watchdogTimeoutMs({ WATCHDOG_USEC: '8000000', WATCHDOG_PID: String(process.pid) })).toBe(8000);
    expect(watchdogTimeoutMs({ WATCHDOG_USEC: '8000000', WATCHDOG_PID: String(process.pid + 1) })).toBeNull();
    for (const bad of [undefined, '', '0', '-5', 'soon', '1.5']) expect(watchdogTimeoutMs({ WATCHDOG_USEC: bad })).toBeNull();
  });

  it('withoutNotifySocketNothingIsLoadedAndEverySendIsANoOp', async () => {
    const notifier = await openNotifier({}, silentLogger());
    expect(notifier.active).toBe(false);
    expect(() => notifier.send({ READY: '1' })).not.toThrow();
  });

  it('anAbstractOrOverlongSocketIsRefusedWithoutThrowing', async () => {
    expect((await openNotifier({ NOTIFY_SOCKET: '@/org/freedesktop/systemd1/notify' }, silentLogger())).active).toBe(false);
    expect((await openNotifier({ NOTIFY_SOCKET: `/tmp/${'x'.repeat(120)}` }, silentLogger())).active).toBe(false);
  });
});

describe('the status line systemctl shows', () => {
  const balance = { id: 1, line: 'main', imsi: '284030000000001', checked_at: '2026-12-01T09:00:00Z', balance_cents: 750, currency: 'EUR', valid_until: '2027-11-22', source: 'recharge' };

  it('saysCarrierModemAndBalanceWithValidity', () => {
    expect(describeLine({ name: null, carrier: 'Vivacom', step: 'healthy', problems: [], balance })).toBe('Vivacom; modem ok; balance 7.50 EUR, valid until 22.11.2027');
  });

  it('putsRecoveryAndProblemsBeforeTheBalance', () => {
    expect(describeLine({ name: null, carrier: 'A1', step: 'reopen', problems: ['SIM removed', 'modem reopen'], balance: undefined })).toBe('A1; modem recovering (reopen); SIM removed; balance unknown');
  });

  it('aValidityWithoutAnAmountAndAWithheldWatchdogAreBothShown', () => {
    const line = describeBox([{ name: null, carrier: null, step: 'healthy', problems: [], balance: { ...balance, balance_cents: null } }], 'the event loop is 9 s late');
    expect(line).toBe('carrier unknown; modem ok; balance unknown, valid until 22.11.2027; watchdog pings withheld: the event loop is 9 s late');
  });

  it('eachLineOfSeveralIsNamedAndAParkedOneSaysWhy', () => {
    const status = describeBox([
      { name: 'main', carrier: 'Vivacom', step: 'healthy', problems: [], balance },
      { name: 'a1', carrier: null, step: null, problems: ['line parked: no such device'], balance: undefined },
    ]);
    expect(status).toBe('main: Vivacom; modem ok; balance 7.50 EUR, valid until 22.11.2027 | a1: carrier unknown; line parked: no such device; balance unknown');
  });
});

describe('the watchdog health tick', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pingsOnlyWhileTheSupervisorProgressedWithinTheTimeoutAndTheLoopKeepsTime', () => {
    expect(withholdReason(100_000, 95_000, 10, 60_000)).toBeNull();
    expect(withholdReason(100_000, 30_000, 10, 60_000)).toBe('the modem supervisor has made no progress for 70 s');
    expect(withholdReason(100_000, 99_000, 6_000, 60_000)).toBe('the event loop is 6 s late');
    // A short timeout tolerates less lag: a quarter of it.
    expect(withholdReason(100_000, 99_000, 3_000, 8_000)).toBe('the event loop is 3 s late');
    expect(withholdReason(100_000, 99_000, 1_500, 8_000)).toBeNull();
  });

  it('stopsPingingWhenTheSupervisorStallsAndSaysSoOnceThenResumes', () => {
    vi.useFakeTimers();
    let clock = 0;
    let progressAt = 0;
    const events: string[] = [];
    const watchdog = startWatchdog({
      timeoutMs: 8000,
      now: () => clock,
      progressAt: () => progressAt,
      ping: () => events.push('ping'),
      onWithheld: (reason) => events.push(reason === null ? 'resumed' : 'withheld'),
    });
    const advance = (ms: number) => {
      clock += ms;
      vi.advanceTimersByTime(ms);
    };
    try {
      for (let i = 0; i < 4; i += 1) {
        advance(2000);
        progressAt = clock;
      }
      expect(events).toEqual(['ping', 'ping', 'ping', 'ping', 'ping']);
      for (let i = 0; i < 8; i += 1) advance(2000);
      expect(events.slice(5)).toEqual(['ping', 'ping', 'ping', 'ping', 'withheld']);
      progressAt = clock;
      advance(2000);
      expect(events.slice(10)).toEqual(['ping', 'resumed']);
    } finally {
      watchdog.stop();
    }
  });
});

describe('the supervisor knows when it last made progress', () => {
  /** A modem whose line moves as `traffic` says and which answers nothing: every rung fails. */
  function optionsOver(traffic: { busy: boolean; bytesRead: number }, exit: (code: number) => void = () => {}): SupervisorOptions {
    const silent = async () => {
      throw new Error('no answer');
    };
    const modem: SupervisedModem = {
      get traffic() {
        return { ...traffic, commands: 0 };
      },
      ping: silent, init: silent, reopen: silent,
      // A restart is asked for, never answered for sure: it does not fail.
      restart: async () => {},
      simState: async () => 'ready', registration: async () => 'home',
      on: () => modem as never,
    };
    return {
      modem,
      afterInit: async () => {},
      keepAliveMs: 60_000,
      restartWaitMs: 1,
      resetHook: null,
      exit,
      logger: silentLogger(),
    };
  }
  const supervisorOver = (traffic: { busy: boolean; bytesRead: number }, exit?: (code: number) => void) => new Supervisor(optionsOver(traffic, exit));

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('aKeepAliveThatPassesRefreshesIt', async () => {
    const now = vi.spyOn(performance, 'now').mockReturnValue(1000);
    const supervisor = supervisorOver({ busy: false, bytesRead: 0 });
    now.mockReturnValue(5000);
    await supervisor.keepAlive();
    supervisor.stop();
    expect(supervisor.progressAt).toBe(5000);
  });

  it('aBusyLineCountsOnlyWhileAnswersKeepArriving', async () => {
    const now = vi.spyOn(performance, 'now').mockReturnValue(1000);
    const traffic = { busy: true, bytesRead: 10 };
    const supervisor = supervisorOver(traffic);
    now.mockReturnValue(2000);
    await supervisor.keepAlive();
    expect(supervisor.progressAt).toBe(2000);
    traffic.bytesRead = 500;
    now.mockReturnValue(3000);
    await supervisor.keepAlive();
    expect(supervisor.progressAt).toBe(3000);
    // Busy and nothing read since the last tick: a command stuck in flight proves nothing.
    now.mockReturnValue(4000);
    await supervisor.keepAlive();
    supervisor.stop();
    expect(supervisor.progressAt).toBe(3000);
  });

  it('eachRungOfTheRecoveryLadderCountsUntilTheLastOneExits', async () => {
    const now = vi.spyOn(performance, 'now').mockReturnValue(1000);
    const exits: number[] = [];
    const supervisor = supervisorOver({ busy: false, bytesRead: 0 }, (code) => exits.push(code));
    now.mockReturnValue(7000);
    await supervisor.recover('the modem stopped answering');
    supervisor.stop();
    expect(supervisor.step).toBe('failed');
    expect(exits).toEqual([3]);
    expect(supervisor.progressAt).toBe(7000);
  });

  it('aStopCutsTheLaddersLongWaitShortSoTheDaemonCanExit', async () => {
    vi.useFakeTimers();
    try {
      const supervisor = new Supervisor({
        ...optionsOver({ busy: false, bytesRead: 0 }),
        restartWaitMs: 600_000,
      });
      const climbing = supervisor.restart();
      await vi.advanceTimersByTimeAsync(1000);
      expect(supervisor.step).toBe('restart');
      supervisor.stop();
      await climbing;
      expect(supervisor.step).toBe('restart');
    } finally {
      vi.useRealTimers();
    }
  });
});
