import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { CarrierRegistry } from '../carriers/loader.js';
import { callingCodeForImsi } from '../carriers/mcc-country.js';
import { canonicalNumber } from '../codec/address.js';
import type { LineConfig } from '../config/lines.js';
import type { Config } from '../config/schema.js';
import { walletTopUpNotice, type TopUpReason } from '../control/texts.js';
import type { FleetConsoleSource } from '../http/routes/fleet.js';
import type { SimControl } from '../sim/control.js';
import type { Line } from '../line/line.js';
import type { Logger } from '../log/logger.js';
import type { ModemTimeouts } from '../modem/modem.js';
import type { RechargeRequest } from '../recharge/service.js';
import type { RechargeResult } from '../recharge/result.js';
import type { TopUpNotice } from '../scheduler/credit-check.js';
import type { RequestChannel } from '../store/channel.js';
import type { CommandRow } from '../store/commands.js';
import { PHONE_GROUPS } from '../store/groups.js';
import { installSecret, Store } from '../store/store.js';
import { describeLink, type ModemLink } from '../transport/open-port.js';
import { makePrivateDir } from '../util/private-files.js';
import type { Wallet } from '../wallet/wallet.js';
import { commandAnswered, rechargeFinished } from './event-of.js';
import { BoxEvents } from '../events/box-events.js';
import { InstanceLock } from './instance-lock.js';
import type { ControlContext } from '../control/context.js';
import type { RuntimeSettings } from './settings.js';
import { buildServices, type BoxServices } from './box.js';
import { BoxTallies } from './metrics-source.js';
import { PortLock } from './port-lock.js';
import { tellReleased, type NoticeRoute } from './reconcile-notices.js';
import { chooseLine, type RouteRules } from './routing.js';
import { RequestDesk } from './requests.js';
import type { RunOutcome } from './runner.js';

/** A line of the box and how its modem is reached. */
export interface LineSetup {
  config: LineConfig;
  link: ModemLink;
}

export interface DaemonOptions {
  config: Config;
  logger: Logger;
  /** The box's lines, in the config's order (see config/lines.ts), each with its modem's link. */
  lines: LineSetup[];
  token: string;
  /** Present when lines run on the built-in simulator: enables /api/v1/sim/…. */
  sim?: SimControl;
  timeouts?: ModemTimeouts;
  carriers?: CarrierRegistry;
  outboxBaseDelayMs?: number;
  /** How long a modem takes to come back after AT+CFUN=1,1 (overrides the config, for tests). */
  modemRestartWaitMs?: number;
  /** Keep-alive interval (overrides the config, for tests). */
  keepAliveMs?: number;
  /** How long a recharge dialogue session waits for its coupon (overrides `dialogue.sessionSeconds`, for tests). */
  dialogueSessionMs?: number;
  /** The first wait of a parked line before it is tried again (default 10 s). */
  parkFirstMs?: number;
  /** How long start-up waits for the slowest line before it goes on without it (default 5 s). */
  startWaitMs?: number;
  /** What happens when every line has given up (default: process.exit, so systemd restarts the service). */
  exit?: (code: number) => void;
  /** The data dir's lock, when the caller took it before touching the data dir (else start takes it). */
  lock?: InstanceLock;
  /** A console box's view of the fleet on its broker, for the web panel's fleet page. */
  fleet?: FleetConsoleSource;
}

/** What a started box holds; made in one piece by the start-up steps. */
interface Running extends BoxServices {
  instanceLock: InstanceLock;
  portLocks: PortLock[];
  store: Store;
}

/**
 * The box: its lines, the services they share (the store, the wallet, the command runner, the
 * settings), its jobs and its servers. Start-up goes in steps — take the locks and open the store,
 * build the services and lines, recover unfinished work, open the lines (not waiting for the
 * slowest), start the jobs and the servers — and a start that fails lets go of what it took.
 */
export class Daemon {
  readonly startedAt = Date.now();
  /** Commands and recharges counted by outcome, for /metrics. */
  readonly tallies = new BoxTallies();
  /** What the box tells whoever listens: the panel's live view, the MQTT bridge. */
  readonly events: BoxEvents;
  http: FastifyInstance | null = null;
  httpAddress: string | null = null;
  private running: Running | null = null;
  private readonly log: Logger;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly requests = new RequestDesk(() => this.box, (work) => this.track(work));
  private jobsStarted = false;
  private groupsAdded = false;
  private stopping = false;

  constructor(private readonly options: DaemonOptions) {
    this.log = options.logger.child({ channel: 'daemon' });
    this.events = new BoxEvents((err, name) => this.log.warn({ event: name, err: err instanceof Error ? err.message : String(err) }, 'an event listener failed'));
  }

  private get box(): Running {
    if (!this.running) throw new Error('the daemon is not running');
    return this.running;
  }

  get store(): Store {
    return this.box.store;
  }

  get wallet(): Wallet {
    return this.box.wallet;
  }

  /** The box's lines, in the config's order. */
  get lines(): readonly Line[] {
    return this.box.lines;
  }

  /** One line by its name; throws for a name the box has not. */
  line(name: string): Line {
    const line = this.box.lines.find((candidate) => candidate.name === name);
    if (!line) throw new Error(`no line "${name}"`);
    return line;
  }

  get config(): Config {
    return this.options.config;
  }

  /** The box's settings as they are now (language, reply script, password, groups…). */
  get settings(): RuntimeSettings {
    return this.box.settings;
  }

  get routes(): RouteRules {
    return this.box.routes;
  }

  /** What a command's handlers get, for reading the settings as they stand (the panel's settings page). */
  controlContext(line: string | null = null): ControlContext {
    return this.box.contextFor(line);
  }

  /** Whether commands still take the factory password (which is no secret, so a banner may show it). */
  get usesFactoryPassword(): boolean {
    return this.box.settings.checkPassword(this.box.settings.defaultPassword);
  }

  /** Starts everything; a start that fails lets go of what it took (the data dir and port locks, the store). */
  async start(): Promise<void> {
    const startup = performance.now();
    try {
      this.running = this.build();
      this.recoverUnfinishedWork();
      await this.openLines();
      this.startJobs();
      await this.startServers();
    } catch (err) {
      await this.stop().catch(() => undefined);
      throw err;
    }
    const initMs = this.box.lines.map((line) => line.initMs).filter((ms): ms is number => ms !== null);
    this.log.info({ startupMs: Math.round(process.uptime() * 1000), startMs: Math.round(performance.now() - startup), modemInitMs: initMs.length ? Math.max(...initMs) : null, lines: this.box.lines.map((line) => `${line.name}: ${line.state}`) }, 'ready');
  }

  /**
   * Step one: the locks (one daemon per data dir and per modem port; a second one stops here,
   * naming the first), the store, and everything built on it — the services and the lines.
   */
  private build(): Running {
    const { config } = this.options;
    const instanceLock = this.options.lock ?? InstanceLock.acquire(config.dataDir, { modem: this.options.lines.map((line) => describeLink(line.link)).join(', ') });
    const portLocks: PortLock[] = [];
    let store: Store | null = null;
    try {
      const portLockOf = new Map<string, PortLock>();
      for (const { config: line, link } of this.options.lines) {
        if (link.kind !== 'port' || link.spec.kind !== 'serial') continue;
        const lock = PortLock.acquire(link.spec.path, config.modem.lockDir);
        portLocks.push(lock);
        portLockOf.set(line.name, lock);
        if (!lock.held) this.log.warn({ line: line.name, why: lock.why }, 'no UUCP lock file for the modem port: other programs may open it');
      }
      store = this.openStore();
      const services = buildServices(this.options, store, portLockOf, {
        events: this.events,
        startedAt: this.startedAt,
        line: (name) => this.line(name),
        noticeRoute: (line) => this.noticeRoute(line),
        track: (work) => this.track(work),
        commandFinished: (row, outcome) => this.commandFinished(row, outcome),
        rechargeFinished: (line, request, result) => this.rechargeFinished(line, request, result),
        lineChanged: (line) => this.lineChanged(line),
        lineGaveUp: (line) => this.lineGaveUp(line),
        walletTopUp: (line, reason) => this.walletTopUp(line, reason),
      });
      return { instanceLock, portLocks, store, ...services };
    } catch (err) {
      store?.close();
      for (const lock of portLocks) lock.release();
      instanceLock.release();
      throw err;
    }
  }

  private openStore(): Store {
    const { config } = this.options;
    // The database, the install key and the token: the daemon's user's alone, whatever the umask.
    if (!makePrivateDir(config.dataDir)) this.log.warn({ dataDir: config.dataDir }, 'the data dir is a shared folder (sticky bit): it is left open to others');
    const store = Store.open(path.join(config.dataDir, 'gsmkeeper.db'), installSecret(config.dataDir));
    store.balances.onRecorded((row) => {
      const balance = row.balance_cents !== null && row.currency ? { cents: row.balance_cents, currency: row.currency } : null;
      this.events.publish('balance-recorded', { line: row.line, imsi: row.imsi, balance, validUntil: row.valid_until, source: row.source, at: row.checked_at });
    });
    return store;
  }

  /**
   * Step two: what a previous run left unfinished. A dial whose code was sent is never redialled
   * automatically; one stopped before the code was sent did not use its card, and its requester is
   * told; a reply a crash caught mid-send is not sent twice.
   */
  private recoverUnfinishedWork(): void {
    const { store, settings } = this.box;
    const { config } = this.options;
    const interrupted = store.recharges.markInterrupted();
    if (interrupted.unknown.length) this.log.warn({ recharges: interrupted.unknown.map((r) => r.id) }, 'recharges interrupted by a restart marked unknown');
    const uncertain = store.outbox.recoverInterrupted(config.outbox.atLeastOnce);
    if (uncertain) this.log.warn({ replies: uncertain }, config.outbox.atLeastOnce ? 'interrupted replies will be resent' : 'interrupted replies marked uncertain, not resent');
    tellReleased(store, interrupted.released, settings, this.log, (row) => this.noticeRoute(row.line));
  }

  /**
   * Step three: every line's first attempt at once. Start-up goes on when all have come up or been
   * parked, or after `startWaitMs`, whichever is first: a slow modem does not hold the others (or
   * the relay) back, and comes up (or is parked) on its own.
   */
  private async openLines(): Promise<void> {
    let patience: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (patience = setTimeout(resolve, this.options.startWaitMs ?? 5000)));
    await Promise.race([Promise.all(this.box.lines.map((line) => line.start())), waited]);
    clearTimeout(patience);
    // No line up yet: the groups are read in the country of a SIM a line had before, if any.
    const before = this.box.store.lines.all().find((line) => line.imsi !== null);
    const known = this.box.lines.find((line) => line.countryCode !== null)?.countryCode ?? (before ? callingCodeForImsi(before.imsi!) : null);
    if (known) this.addConfigGroups(known);
    // Commands that named no line (or a line the config no longer has) do not wait for one.
    const names = new Set(this.box.lines.map((line) => line.name));
    for (const row of this.box.store.commands.unfinished()) if (row.line === null || !names.has(row.line)) this.track(this.box.runner.run(row));
  }

  /** Step four: the jobs; a line up without a recent balance asks for one now rather than at the schedule. */
  private startJobs(): void {
    this.box.scheduler.start();
    this.jobsStarted = true;
    for (const line of this.box.lines) if (line.up) this.checkBalanceSoon(line);
  }

  /**
   * The config's phone groups, kept canonical: a national number (0888…) is read in the country
   * of the first line whose country is known, so they are added once a line knows it.
   */
  private addConfigGroups(countryCode: string): void {
    if (this.groupsAdded) return;
    this.groupsAdded = true;
    for (const group of PHONE_GROUPS) {
      for (const number of this.options.config.groups[group]) {
        try {
          this.box.store.groups.add(group, canonicalNumber(number, countryCode));
        } catch (err) {
          this.log.warn({ group, err: err instanceof Error ? err.message : String(err) }, 'config group number not added');
        }
      }
    }
  }

  /** A line came up (or changed): its waiting commands run, and it reads its balance when it knows none recent. */
  private lineChanged(line: Line): void {
    if (!this.running || this.stopping || line.state !== 'ready') return;
    if (line.countryCode !== null) this.addConfigGroups(line.countryCode);
    if (this.jobsStarted) this.checkBalanceSoon(line);
    for (const row of this.box.store.commands.unfinished()) if (row.line === line.name) this.track(this.box.runner.run(row));
  }

  /**
   * So STAT? and the first recharge's "was …" have figures from the start: the check starts before
   * the line's stored commands run, so a recharge among them shares this read instead of its own.
   */
  private checkBalanceSoon(line: Line): void {
    if (this.box.settings.credit.enabled && line.needsBalance()) this.box.scheduler.runNow(`credit-check:${line.name}`);
  }

  /**
   * Every rung of a line's recovery ladder failed. While another line is up the box carries on
   * and the line is parked; when it was the last, the box exits non-zero for systemd.
   */
  private lineGaveUp(line: Line): void {
    const others = this.box.lines.filter((other) => other !== line && other.state !== 'parked' && other.state !== 'stopped');
    if (others.length === 0) {
      this.log.error({ line: line.name }, 'every recovery step failed on the last line up: exiting so systemd restarts the service');
      (this.options.exit ?? ((code) => process.exit(code)))(3);
      return;
    }
    line.park('every recovery step failed');
  }

  /** The line a command's reply (or a notice about it) goes out on: its own, else the default, else the first. */
  private noticeRoute(name: string | null): NoticeRoute {
    const { lines, routes } = this.box;
    const line = lines.find((candidate) => candidate.name === name) ?? lines.find((candidate) => candidate.name === routes.defaultLine) ?? lines[0]!;
    return { line: line.name, countryCode: line.countryCode };
  }

  private commandFinished(row: CommandRow, outcome: RunOutcome): void {
    this.tallies.command(row.channel, outcome);
    this.events.publish('command-answered', commandAnswered(row, outcome));
  }

  /** Every recharge, whoever asks (CREDIT, the wallet, the recharge API), is counted and told here once. */
  private rechargeFinished(line: string, request: RechargeRequest, result: RechargeResult | 'error'): void {
    this.tallies.recharge(line, result);
    if (result !== 'error') this.events.publish('recharge-finished', rechargeFinished(line, request, result));
  }

  /** A line's credit check's automatic top-up: the next wallet card of its carrier, and what the Notify group is told. */
  private async walletTopUp(line: Line, reason: TopUpReason): Promise<TopUpNotice | null> {
    const outcome = await this.box.wallet.topUp(reason, line.name, { oncePerDay: true });
    if (outcome.kind !== 'dialled') return null;
    return { notice: (lang) => walletTopUpNotice(reason, outcome.result, outcome.left, lang), toppedUp: outcome.result.kind === 'success' };
  }

  /**
   * Runs a command that arrived on a request channel (HTTP, MQTT) through the same pipeline as an
   * SMS, addressed to `destination` (a line's name, its SIM's number or IMSI; null: none), answered in
   * `lang` (null: the box's language); see RequestDesk.
   */
  runRequest(channel: RequestChannel, text: string, client: string, idempotencyKey: string | null = null, destination: string | null = null, lang: 'en' | 'bg' | null = null): Promise<RunOutcome> {
    return this.requests.run(channel, text, client, idempotencyKey, destination, lang);
  }

  runVouched(channel: RequestChannel, command: string, client: string, lang: 'en' | 'bg' | null): Promise<RunOutcome> {
    return this.requests.runVouched(channel, command, client, lang);
  }

  /**
   * A destination as a request names it (a line's name, its SIM's number or IMSI; `self` or nothing:
   * the default line), resolved to a line that is up — or why not, with the lines there are.
   */
  chooseLine(destination: string | null): ReturnType<typeof chooseLine<Line>> {
    const named = destination === null || destination.trim().toLowerCase() === 'self' ? null : destination;
    return chooseLine(this.box.lines, this.box.routes, named, null);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.catch((err) => this.log.error({ err: err instanceof Error ? err.message : String(err) }, 'command pipeline failed')).finally(() => this.inFlight.delete(work));
    return work;
  }

  /** Step five: the relay and the web panel (loaded only when on: fastify is most of the daemon's memory after Node itself). */
  private async startServers(): Promise<void> {
    if (!this.options.config.http.listen) return;
    const { startRelay } = await import('./relay.js');
    const { app, address } = await startRelay(this, this.options);
    this.http = app;
    this.httpAddress = address;
    this.box.instanceLock.update({ http: address });
  }

  /** Idle until commands in flight settle (used by tests and a graceful stop). */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const running = this.running;
    // The lines' supervisors first: a RESET over HTTP waits on its ladder, and the relay closes
    // only once its requests are answered.
    for (const line of running?.lines ?? []) await line.stop();
    running?.dialogue.close();
    await this.http?.close();
    await running?.scheduler.stop();
    let patience: NodeJS.Timeout | undefined;
    await Promise.race([this.settle(), new Promise((r) => (patience = setTimeout(r, 5000)))]);
    clearTimeout(patience);
    for (const line of running?.lines ?? []) await line.close().catch(() => undefined);
    running?.store.close();
    for (const lock of running?.portLocks ?? []) lock.release();
    if (running) running.instanceLock.release();
    else this.options.lock?.release();
  }
}
