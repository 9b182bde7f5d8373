import type { CarrierProfile } from '../carriers/profile.js';
import { callingCodeForImsi } from '../carriers/mcc-country.js';
import { canonicalNumber } from '../codec/address.js';
import type { LineConfig } from '../config/lines.js';
import type { BalanceReport, LinePort } from '../control/context.js';
import { lockNotice, type NoticeText, type TopUpReason } from '../control/texts.js';
import { balanceReport, balanceStale } from './balance-report.js';
import { CarrierSmsWaiters } from './carrier-sms.js';
import type { LineState } from '../events/box-events.js';
import { reconcileOnLine } from '../daemon/reconcile-notices.js';
import type { Logger } from '../log/logger.js';
import type { Modem } from '../modem/modem.js';
import { BalanceReader, checkBalance, type BalanceCheck } from '../recharge/balance.js';
import type { RechargeResult } from '../recharge/result.js';
import { RechargeService, type RechargeRequest } from '../recharge/service.js';
import type { Job } from '../scheduler/scheduler.js';
import type { LineDeps } from './deps.js';
import { lineJobs, type ScheduledLine } from './jobs.js';
import { LineMessages } from './messages.js';
import { openLineModem, profileForLine, sessionOnModem } from './bring-up.js';
import { Parking } from './parking.js';
import { SessionSlot, type LineSession } from './session.js';
import { StatePublisher, supervisedState, upState } from './state.js';
import { lineProblems, StatusCollector } from './status.js';

export type { LineDeps, LineTiming } from './deps.js';

/**
 * One line: a modem and its SIM, with everything that belongs to them — the supervisor and its
 * recovery ladder, the intake, the outbox pump, the recharge service and the SIM's attempt budget,
 * the balance reads and schedules, and its state. A line that cannot be brought up (no port, no
 * modem, no SIM, every rung failed) is parked and tried again with backoff, while the others
 * carry on.
 */
export class Line implements LinePort, ScheduledLine {
  readonly name: string;
  state: LineState = 'starting';
  profile: CarrierProfile | null = null;
  imsi: string | null = null;
  number: string | null;
  private modem: Modem | null = null;
  private readonly sessions = new SessionSlot();
  private attempting: Promise<boolean> | null = null;
  /** How long the last modem init took (the start-up log line says it). */
  initMs: number | null = null;
  private stopped = false;
  private readonly parking: Parking;
  private readonly stateTold: StatePublisher;
  private readonly carrierSms = new CarrierSmsWaiters();
  private readonly messages: LineMessages;
  private readonly service: RechargeService;
  private readonly balances: BalanceReader;
  private readonly statusCollector: StatusCollector;
  private readonly log: Logger;

  constructor(private readonly deps: LineDeps) {
    this.name = deps.config.name;
    this.number = deps.config.number;
    this.log = deps.logger.child({ channel: 'line', line: this.name });
    this.parking = new Parking(deps.timing.parkFirstMs, () => void this.attempt());
    this.stateTold = new StatePublisher(deps.events, this.name);
    const { store } = deps;
    this.messages = new LineMessages({ ...deps, name: this.name, log: this.log, carrierSms: this.carrierSms, countryCode: () => this.countryCode, kick: () => this.kickOutbox() });
    this.balances = new BalanceReader((source) => this.readBalance(source), store, () => this.imsi);
    this.service = new RechargeService({
      line: this.name,
      store,
      dialer: { ussd: (request) => this.requireModem().ussd(request) },
      sim: () => (this.modem && this.imsi && this.profile ? { imsi: this.imsi, profile: this.profile } : null),
      enabled: () => deps.settings.credit.enabled,
      secret: deps.secret,
      logger: deps.logger,
      onLock: (reason, rejections) => this.notify((lang) => lockNotice(reason, rejections, lang)),
      awaitSms: (from, ms) => this.carrierSms.wait(from, ms),
      readBalance: (source) => this.balances.now(source),
    });
    this.statusCollector = new StatusCollector(
      {
        name: this.name,
        modem: () => this.modem,
        imsi: () => this.imsi,
        carrierName: () => this.profile?.name ?? null,
        unconfirmed: () => this.profile?.unconfirmed() ?? [],
        problems: () => this.problems(),
        walletReady: () => deps.walletReady(this),
      },
      store,
      deps.startedAt,
    );
  }

  get config(): LineConfig {
    return this.deps.config;
  }

  /** Whether the line is up: its modem answers (it may still lack a network). */
  get up(): boolean {
    return this.session !== null && upState(this.state);
  }

  /** The country calling code of the line's numbers: the config's, else its SIM's country's. */
  get countryCode(): string | null {
    return this.deps.config.countryCode ?? (this.imsi ? callingCodeForImsi(this.imsi) : null);
  }

  /** When a parked line is tried again. */
  get retryAtIso(): string | null {
    return this.parking.retryAtIso;
  }

  /** What is wrong with the line, in plain words (none when it is ready). */
  problems(): string[] {
    return lineProblems(this.state, this.parking.why, this.session?.supervisor ?? null);
  }

  /** The supervisor's progress, for systemd's watchdog (a parked line makes none, and needs none). */
  get progressAt(): number | null {
    return this.session?.supervisor.progressAt ?? null;
  }

  /** How many times the recovery ladder entered each rung, over every session of the line. */
  get recoveries(): Record<string, number> {
    return this.sessions.recoveries;
  }

  private get session(): LineSession | null {
    return this.sessions.current;
  }

  /** The modem's current rung of the recovery ladder, or null while there is no modem. */
  get step(): string | null {
    return this.session?.supervisor.step ?? null;
  }

  /** The first attempt to bring the line up; resolves once it is up or parked. */
  start(): Promise<boolean> {
    return this.attempt();
  }

  private attempt(): Promise<boolean> {
    this.attempting ??= this.bringUp().finally(() => {
      this.attempting = null;
    });
    return this.attempting;
  }

  private async bringUp(): Promise<boolean> {
    if (this.stopped) return false;
    this.parking.trying();
    this.setState('starting');
    const { config } = this.deps;
    let modem: Modem | null = null;
    try {
      modem = await openLineModem(this.deps);
      const initStarted = performance.now();
      const identity = await modem.init();
      this.initMs = Math.round(performance.now() - initStarted);
      if (this.stopped) throw new Error('stopping');
      this.know(identity.imsi, config.number ?? (await modem.ownNumber()));
      this.modem = modem;
      const calls = this.deps.dialogue;
      if (calls) modem.on('incoming-call', (call) => calls.call(this, call));
      const session = sessionOnModem(this.deps, this, modem, this.messages);
      this.sessions.current = session;
      session.supervisor.on('step', () => this.publishState());
      session.supervisor.on('degraded', () => this.publishState());
      // Recharges a crash left unknown on this SIM are settled by its balance before anything else dials.
      await reconcileOnLine(this.deps.store, modem, { imsi: this.imsi!, profile: this.profile!, balanceUssd: config.balanceUssd }, this.deps.settings, this.log, { line: this.name, countryCode: this.countryCode });
      this.parking.up();
      this.setState('ready');
      await session.begin();
      this.publishState();
      return true;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      if (this.modem === modem) this.modem = null;
      this.sessions.end();
      await modem?.close().catch(() => undefined);
      if (!this.stopped) this.park(why);
      return false;
    }
  }

  /** The SIM the modem reports: its carrier profile (with this line's confirmed facts), noted in the store. */
  private know(imsi: string, number: string | null): void {
    const profile = profileForLine(this.deps, imsi);
    this.imsi = imsi;
    this.profile = profile;
    this.number = number === null ? null : canonicalNumber(number, this.countryCode);
    this.deps.store.lines.note(this.name, { imsi, carrier: profile.id, number: this.number });
    const unconfirmed = profile.unconfirmed();
    this.log.info({ carrier: profile.id, mccMnc: imsi.slice(0, 5), ...(unconfirmed.length ? { unconfirmed } : {}) }, 'carrier detected from the IMSI');
  }

  /** Not up: tried again after a wait that grows each time (10 s doubling to an hour). */
  park(why: string): void {
    if (this.stopped) return;
    this.sessions.end();
    const modem = this.modem;
    this.modem = null;
    void modem?.close().catch(() => undefined);
    this.carrierSms.cancelAll();
    const wait = this.parking.park(why);
    this.log.warn({ why, retryInSeconds: Math.round(wait / 1000) }, 'line parked: the others carry on');
    this.setState('parked');
  }

  private setState(state: LineState): void {
    this.state = state;
    this.publishState();
    this.deps.onState(this);
  }

  /** Tells the listeners where the line stands (as its supervisor sees it, while it is up), when that changed. */
  private publishState(): void {
    this.state = supervisedState(this.state, this.session?.supervisor);
    this.stateTold.publish(this.state, this.problems(), this.profile?.id ?? null, this.retryAtIso);
  }

  private requireModem(): Modem {
    if (!this.modem) throw new Error(`line ${this.name} is ${this.state}`);
    return this.modem;
  }

  /** Queues an SMS on this line (a reply, a notice, a message asked for over the API) and sends it soon. */
  send(to: string, text: string, commandId: number | null = null): number {
    return this.messages.send(to, text, commandId);
  }

  kickOutbox(): void {
    this.session?.pump.kick();
  }

  /** Tells the Notify group, each member in its own language; `about` is the SMS it forwards, if it forwards one. */
  notify(text: NoticeText, about: { commandId: number; forwarded: true } | null = null): void {
    this.messages.notify(text, about);
  }

  /** Every recharge on this line, whoever asks (CREDIT, the wallet, the recharge API). */
  recharge(request: RechargeRequest): Promise<RechargeResult> {
    return this.service.recharge(request).then(
      (result) => {
        this.deps.onRecharge(request, result);
        return result;
      },
      (err: unknown) => {
        this.deps.onRecharge(request, 'error');
        throw err;
      },
    );
  }

  /** Reads the balance and records it (through the shared reader: one read at a time). */
  readBalanceNow(source: string): Promise<BalanceCheck> {
    return this.balances.now(source);
  }

  private readBalance(source: string): Promise<BalanceCheck> {
    const modem = this.modem;
    if (!modem || !this.imsi || !this.profile) return Promise.resolve({ kind: 'no-method' });
    return checkBalance(this.deps.store, modem, this.imsi, this.profile, this.deps.config.balanceUssd, source, this.name);
  }

  /** CREDIT?: the balance now, else the last known figures with why. */
  balance(): Promise<BalanceReport> {
    return balanceReport(this.deps.store, this, this.modem ? () => this.readBalanceNow('query') : null, this.state);
  }

  /** Hangs up the call ringing on the line, unanswered (it costs the caller nothing). */
  rejectCall(): Promise<string> {
    return this.requireModem().rejectCall();
  }

  async ussd(code: string): Promise<{ status: string; text: string | null }> {
    const answer = await this.requireModem().ussd({ code, timeoutMs: (this.profile?.file.recharge.answerTimeoutSeconds ?? 30) * 1000 });
    return { status: answer.status, text: answer.text };
  }

  /** RESET: through the recovery path (AT+CFUN=1,1, reopen, init, stored-message scan). */
  async restartModem(): Promise<void> {
    const session = this.session;
    if (!session) throw new Error(`the line is ${this.state}`);
    this.log.warn('modem restart requested');
    await session.supervisor.restart();
    if (session.supervisor.step !== 'healthy') throw new Error(`the modem did not come back (${session.supervisor.step})`);
  }

  resetRechargeLock(): boolean {
    if (!this.imsi) return false;
    this.deps.store.recharges.resetAttempts(this.imsi);
    this.log.warn({ imsiPrefix: this.imsi.slice(0, 5) }, 'recharge attempt lock reset');
    return true;
  }

  /** STAT?'s figures for this line. */
  status(): ReturnType<StatusCollector['collect']> {
    return this.statusCollector.collect();
  }

  /** Hands on long messages whose missing parts did not come within the wait. */
  expireParts(): void {
    this.session?.expireParts();
  }

  /** The line's scheduled work: its credit check and, for carriers that need one, its keep-alive. */
  jobs(): Job[] {
    const { box, store, settings, topUp } = this.deps;
    return lineJobs(this, { box, store, settings, logger: this.log, ...(topUp ? { topUp: (reason: TopUpReason) => topUp(this, reason) } : {}) });
  }

  /** The line's modem, for a job's USSD (asked only while the line is up). */
  dialer(): Modem {
    return this.requireModem();
  }

  get balanceUssd(): string | null {
    return this.deps.config.balanceUssd;
  }

  /** Whether the line knows no balance read within a day (the box then asks now rather than at the schedule). */
  needsBalance(): boolean {
    return balanceStale(this.deps.store, this.imsi);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.parking.stop();
    this.session?.end();
    this.carrierSms.cancelAll();
    this.state = 'stopped';
    this.publishState();
  }

  /** After the commands in flight settled: lets go of the modem and its line. */
  async close(): Promise<void> {
    await this.attempting?.catch(() => undefined);
    const modem = this.modem;
    this.modem = null;
    this.sessions.current = null;
    await modem?.close();
  }
}
