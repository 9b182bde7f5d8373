import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadCarriers, BUILTIN_CARRIERS_DIR, type CarrierRegistry } from '../carriers/loader.js';
import type { CarrierProfile } from '../carriers/profile.js';
import type { Config } from '../config/schema.js';
import type { SimControl } from '../http/routes/sim.js';
import type { Logger } from '../log/logger.js';
import { Modem, type ModemTimeouts } from '../modem/modem.js';
import { RechargeService, type RechargeRequest } from '../recharge/service.js';
import { BalanceReader, checkBalance } from '../recharge/balance.js';
import type { RechargeResult } from '../recharge/result.js';
import { installSecret, Store } from '../store/store.js';
import { describeLink, lineOf, type ModemLink } from '../transport/open-port.js';
import { InstanceLock } from './instance-lock.js';
import { PortLock } from './port-lock.js';
import { buildControlContext } from './control-context.js';
import { RuntimeSettings } from './settings.js';
import { buildJobs } from './jobs.js';
import { CarrierSmsWaiters } from './carrier-sms.js';
import { Supervisor } from '../supervisor/supervisor.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { SenderGuard } from './sender-guard.js';
import { sendRefusal } from './send-policy.js';
import { reconcileAndNotify } from './reconcile-notices.js';
import { canonicalNumber } from '../codec/address.js';
import { lockNotice } from '../control/texts.js';
import { PHONE_GROUPS } from '../store/groups.js';
import { Intake } from './intake.js';
import { OutboxPump } from './outbox-pump.js';
import { CommandRunner, type RunOutcome } from './runner.js';
import { transliterate } from '../control/transliterate.js';
import { walletTopUpNotice, type TopUpReason } from '../control/texts.js';
import type { TopUpNotice } from '../scheduler/credit-check.js';
import { SIM_CARRIER_SETTING, Wallet } from '../wallet/wallet.js';
import { oneLineDestination } from '../wallet/recharge-sources.js';
import type { ControlContext } from '../control/context.js';
import { boxApi } from './box-api.js';
import { BoxTallies, metricsSource } from './metrics-source.js';
import { localDay } from '../util/local-day.js';
import { makePrivateDir } from '../util/private-files.js';
import { VERSION } from '../util/version.js';
import { BoxEvents, eventTime, type LineState } from './events.js';
import type { RequestChannel } from '../store/channel.js';

export interface DaemonOptions {
  config: Config;
  logger: Logger;
  link: ModemLink;
  token: string;
  /** Present when the modem is the built-in simulator: enables /api/v1/sim/…. */
  sim?: SimControl;
  timeouts?: ModemTimeouts;
  carriers?: CarrierRegistry;
  outboxBaseDelayMs?: number;
  /** How long a modem takes to come back after AT+CFUN=1,1 (overrides the config, for tests). */
  modemRestartWaitMs?: number;
  /** Keep-alive interval (overrides the config, for tests). */
  keepAliveMs?: number;
  /** What the last recovery rung does (default: process.exit). */
  exit?: (code: number) => void;
  /** The data dir's lock, when the caller took it before touching the data dir (else start takes it). */
  lock?: InstanceLock;
}

/** Wiring and lifecycle: config → store → modem → control → HTTP. */
export class Daemon {
  readonly startedAt = Date.now();
  store!: Store;
  modem!: Modem;
  http: FastifyInstance | null = null;
  httpAddress: string | null = null;
  private pump!: OutboxPump;
  private runner!: CommandRunner;
  private profile: CarrierProfile | null = null;
  private readonly log: Logger;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly httpInFlight = new Map<number, Promise<RunOutcome>>();
  private guard!: SenderGuard;
  private settings!: RuntimeSettings;
  private intake!: Intake;
  private scheduler: Scheduler | null = null;
  private readonly carrierSms = new CarrierSmsWaiters();
  supervisor!: Supervisor;
  wallet!: Wallet;
  private recharge!: Pick<RechargeService, 'recharge'>;
  /** Commands and recharges counted by outcome, for /metrics. */
  readonly tallies = new BoxTallies();
  /** What the box tells whoever listens: the panel's live view, the MQTT bridge. */
  readonly events: BoxEvents;
  private ctx!: ControlContext;
  private lock: InstanceLock | null = null;
  private portLock: PortLock | null = null;

  constructor(private readonly options: DaemonOptions) {
    this.log = options.logger.child({ channel: 'daemon' });
    this.events = new BoxEvents((err, name) => this.log.warn({ event: name, err: err instanceof Error ? err.message : String(err) }, 'an event listener failed'));
  }

  /** The one line's state, as its events say it. */
  private lineState(): LineState {
    if (!this.supervisor) return 'starting';
    if (this.supervisor.step === 'failed') return 'parked';
    if (this.supervisor.step !== 'healthy') return 'recovering';
    return this.supervisor.degraded.length ? 'degraded' : 'ready';
  }

  private publishLineState(state = this.lineState()): void {
    const problems = this.supervisor ? [...this.supervisor.degraded, ...(this.supervisor.step === 'healthy' ? [] : [`modem ${this.supervisor.step}`])] : [];
    this.events.publish('line-state', { line: 'main', state, problems, carrier: this.profile?.id ?? null, retryAt: null, at: eventTime() });
  }

  get carrier(): CarrierProfile | null {
    return this.profile;
  }

  /** Whether commands still take the factory password (which is no secret, so a banner may show it). */
  get usesFactoryPassword(): boolean {
    return this.settings.checkPassword(this.settings.defaultPassword);
  }

  /** Starts everything; a start that fails lets go of what it took (the data dir and port locks, the store). */
  async start(): Promise<void> {
    try {
      await this.startAll();
    } catch (err) {
      await this.stop().catch(() => undefined);
      throw err;
    }
  }

  private async startAll(): Promise<void> {
    const { config, logger } = this.options;
    // One daemon per data dir and per modem port; a second one stops here, naming the first.
    this.lock = this.options.lock ?? InstanceLock.acquire(config.dataDir, { modem: describeLink(this.options.link) });
    const link = this.options.link;
    if (link.kind === 'port' && link.spec.kind === 'serial') {
      this.portLock = PortLock.acquire(link.spec.path, config.modem.lockDir);
      if (!this.portLock.held) this.log.warn({ why: this.portLock.why }, 'no UUCP lock file for the modem port: other programs may open it');
    }
    const carriers = this.options.carriers ?? loadCarriers([BUILTIN_CARRIERS_DIR, ...(config.carriersDir ? [config.carriersDir] : [])]);
    // The database, the install key and the token: the daemon's user's alone, whatever the umask.
    if (!makePrivateDir(config.dataDir)) this.log.warn({ dataDir: config.dataDir }, 'the data dir is a shared folder (sticky bit): it is left open to others');
    const secret = installSecret(config.dataDir);
    this.store = Store.open(path.join(config.dataDir, 'gsmkeeper.db'), secret);
    this.store.balances.onRecorded((row) => {
      const balance = row.balance_cents !== null && row.currency ? { cents: row.balance_cents, currency: row.currency } : null;
      this.events.publish('balance-recorded', { line: row.imsi === this.modem?.imsi ? 'main' : null, imsi: row.imsi, balance, validUntil: row.valid_until, source: row.source, at: row.checked_at });
    });
    this.publishLineState('starting');

    // What a previous run left unfinished: a dial whose code was sent is never redialled
    // automatically; one stopped before the code was sent did not use its card.
    const interrupted = this.store.recharges.markInterrupted();
    if (interrupted.unknown.length) this.log.warn({ recharges: interrupted.unknown.map((r) => r.id) }, 'recharges interrupted by a restart marked unknown');
    if (interrupted.released.length) this.log.warn({ recharges: interrupted.released.map((r) => r.id) }, 'recharges interrupted before their code was sent: cards released');
    const uncertain = this.store.outbox.recoverInterrupted(config.outbox.atLeastOnce);
    if (uncertain) this.log.warn({ replies: uncertain }, config.outbox.atLeastOnce ? 'interrupted replies will be resent' : 'interrupted replies marked uncertain, not resent');

    // The stable path may name another device after a replug: its lock moves along before each opening.
    this.modem = await Modem.open(lineOf(this.options.link, () => this.portLock?.follow()), {
      ussdEncoding: config.modem.ussdEncoding,
      reopenWaitMs: config.modem.reopenWaitSeconds * 1000,
      logger,
      ...(this.options.timeouts ? { timeouts: this.options.timeouts } : {}),
    });
    const initStarted = performance.now();
    const identity = await this.modem.init();
    const modemInitMs = Math.round(performance.now() - initStarted);
    this.profile = carriers.forSim(identity.imsi, { rechargeUssd: config.carrier.rechargeUssd, codeLengths: config.carrier.codeLengths, balanceUssd: config.credit.balanceUssd });
    const unconfirmed = this.profile.unconfirmed();
    this.log.info({ carrier: this.profile.id, mccMnc: identity.imsi.slice(0, 5), ...(unconfirmed.length ? { unconfirmed } : {}) }, 'carrier detected from the IMSI');
    // The wallet CLI checks a new card against the SIM's carrier while the daemon is not running.
    this.store.settings.set(SIM_CARRIER_SETTING, this.profile.id);

    for (const group of PHONE_GROUPS) {
      for (const number of config.groups[group]) {
        try {
          this.store.groups.add(group, canonicalNumber(number));
        } catch (err) {
          this.log.warn({ group, err: err instanceof Error ? err.message : String(err) }, 'config group number not added');
        }
      }
    }
    this.settings = new RuntimeSettings(this.store, config, () => this.profile?.file.currency ?? 'EUR');
    const notifyGroup = (text: string): void => {
      // The same script rule as replies: Bulgarian goes out transliterated unless Cyrillic was chosen.
      const out = this.settings.bulgarianScript === 'latin' ? transliterate(text) : text;
      for (const number of this.store.groups.members('notify')) this.store.outbox.enqueue(number, out);
      this.pump?.kick();
    };
    const balances = new BalanceReader(
      (source) => (this.modem.imsi && this.profile ? checkBalance(this.store, this.modem, this.modem.imsi, this.profile, config.credit.balanceUssd, source) : Promise.resolve({ kind: 'no-method' as const })),
      this.store,
      () => this.modem.imsi,
    );
    const service = new RechargeService({
      store: this.store,
      dialer: this.modem,
      sim: () => (this.modem.imsi && this.profile ? { imsi: this.modem.imsi, profile: this.profile } : null),
      enabled: () => this.settings.credit.enabled,
      secret,
      logger,
      onLock: (reason, rejections) => notifyGroup(lockNotice(reason, rejections, this.settings.language)),
      awaitSms: (from, ms) => this.carrierSms.wait(from, ms),
      readBalance: (source) => balances.now(source),
    });
    // Every recharge, whoever asks (CREDIT, the wallet, the recharge API), is counted here once.
    const recharge = (this.recharge = {
      recharge: (request: RechargeRequest) =>
        service.recharge(request).then(
          (result) => {
            this.tallies.recharge(result);
            this.events.publish('recharge-finished', {
              line: 'main', outcome: result.kind, card: 'masked' in result ? result.masked : null, requestedBy: request.requestedBy,
              added: result.kind === 'success' ? result.added : null, balance: result.kind === 'success' ? result.balance : null,
              validUntil: result.kind === 'success' ? result.validUntil : null, at: eventTime(),
            });
            return result;
          },
          (err: unknown) => {
            this.tallies.recharge('error');
            throw err;
          },
        ),
    });
    this.wallet = new Wallet({
      store: this.store,
      secret,
      carriers,
      sim: () => (this.profile ? { profile: this.profile } : null),
      recharge: (request) => recharge.recharge(request),
      today: () => localDay(),
      logger,
      onChange: (change, cards) => this.events.publish('wallet-changed', { change, cards, at: eventTime() }),
    });
    this.guard = new SenderGuard(this.store, config.security, logger);
    const ctx = (this.ctx = buildControlContext({
      config,
      store: this.store,
      settings: this.settings,
      modem: this.modem,
      recharge,
      guard: this.guard,
      profile: () => this.profile,
      startedAt: this.startedAt,
      restartModem: () => this.restartModem(),
      problems: () => (this.supervisor ? [...this.supervisor.degraded, ...(this.supervisor.step === 'healthy' ? [] : [`modem ${this.supervisor.step}`])] : []),
      walletReady: () => this.wallet.ready().length,
      readBalance: (source) => balances.now(source),
      logger,
    }));
    this.pump = new OutboxPump(
      this.store,
      this.modem,
      { maxAttempts: config.outbox.maxAttempts, atLeastOnce: config.outbox.atLeastOnce, baseDelayMs: this.options.outboxBaseDelayMs ?? 5000, maxDelayMs: 30 * 60_000 },
      (row) => sendRefusal(this.store, config.sms, row),
      logger,
      (row, fate) => {
        const about = { line: 'main', outboxId: row.id, commandId: row.command_id, to: row.recipient, at: eventTime() };
        if (fate.kind === 'sent') this.events.publish('reply-sent', { ...about, references: fate.references });
        else this.events.publish('reply-failed', { ...about, fate: fate.kind, reason: fate.reason });
      },
    );
    this.runner = new CommandRunner(this.store, ctx, this.guard, logger, () => this.pump.kick(), (row, outcome) => {
      this.tallies.command(row.channel, outcome);
      const answered = outcome.kind === 'answered' ? outcome : null;
      this.events.publish('command-answered', {
        line: row.channel === 'sms' ? 'main' : null, commandId: row.id, channel: row.channel, sender: row.sender, name: answered?.name ?? null,
        outcome: outcome.kind, reason: outcome.kind === 'dropped' ? outcome.reason : null, reply: answered?.reply ?? null, replyTo: answered?.smsTo ?? null, at: eventTime(),
      });
    });
    this.intake = new Intake(this.modem, this.store, logger, (row) => {
      this.events.publish('sms-received', { line: 'main', sender: row.sender, text: row.text, command: row.text.includes('*'), commandId: row.id, at: eventTime() });
      if (this.carrierSms.offer(row.sender, this.store.commands.runnableText(row) ?? '')) this.store.commands.drop(row.id, 'carrier answer to a recharge');
      else this.track(this.runner.run(row));
    });

    await reconcileAndNotify(this.store, this.modem, identity.imsi, this.profile, config.credit.balanceUssd, this.settings.language, logger, interrupted.released);
    this.scheduler = new Scheduler(
      buildJobs({
        config, store: this.store, modem: this.modem, settings: this.settings, profile: () => this.profile, notify: notifyGroup,
        kickOutbox: () => this.pump.kick(), expireParts: () => this.intake.expireParts(config.sms.multipartTimeoutSeconds * 1000), logger,
        readBalance: (source) => balances.now(source),
        ...(config.credit.autoTopUp ? { topUp: (reason: TopUpReason) => this.walletTopUp(reason) } : {}),
      }),
      config.timezone,
      logger,
    );
    this.scheduler.start();
    // A box that knows no recent balance asks now rather than at the next scheduled check, so STAT?
    // and the first recharge's "was …" have figures from the start. It starts before the stored
    // commands run, so a recharge among them shares this read instead of dialling its own.
    const known = this.store.balances.latest(identity.imsi);
    if (this.settings.credit.enabled && (!known || Date.now() - Date.parse(known.checked_at) > 86_400_000)) this.scheduler.runNow('credit-check');
    for (const row of this.store.commands.unfinished()) this.track(this.runner.run(row));
    await this.intake.scan();
    this.intake.expireParts(config.sms.multipartTimeoutSeconds * 1000);
    this.pump.kick();
    this.supervisor = new Supervisor({
      modem: this.modem,
      afterInit: async () => {
        await this.intake.scan();
        this.pump.kick();
      },
      sweep: async () => {
        if (((await this.modem.storageStatus())?.used ?? 0) > 0) await this.intake.scan();
      },
      keepAliveMs: this.options.keepAliveMs ?? config.modem.keepAliveSeconds * 1000,
      restartWaitMs: this.options.modemRestartWaitMs ?? config.modem.restartWaitSeconds * 1000,
      resetHook: config.modem.resetHook,
      exit: this.options.exit ?? ((code) => process.exit(code)),
      logger,
    });
    this.supervisor.on('step', () => this.publishLineState());
    this.supervisor.on('degraded', () => this.publishLineState());
    this.supervisor.start();
    this.publishLineState();
    if (config.http.listen) await this.startHttp();
    this.log.info({ startupMs: Math.round(process.uptime() * 1000), modemInitMs }, 'ready');
  }

  /**
   * Runs a command that arrived on a request channel (HTTP, MQTT) through the same pipeline as an
   * SMS. The same idempotency key returns the first command's outcome instead of running it again.
   */
  async runRequest(channel: RequestChannel, text: string, client: string, idempotencyKey: string | null = null): Promise<RunOutcome> {
    const { row, repeat } = this.store.commands.recordRequest(channel, client, text, idempotencyKey);
    if (!repeat) {
      const running = this.track(this.runner.run(row));
      this.httpInFlight.set(row.id, running);
      return running.finally(() => this.httpInFlight.delete(row.id));
    }
    const inFlight = this.httpInFlight.get(row.id);
    if (inFlight) return inFlight;
    const stored = this.store.commands.get(row.id)!;
    if (stored.state === 'dropped') return { kind: 'dropped', commandId: stored.id, reason: stored.drop_reason ?? 'dropped' };
    return { kind: 'answered', commandId: stored.id, name: stored.name ?? '', reply: stored.reply, smsTo: stored.reply_to };
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.catch((err) => this.log.error({ err: err instanceof Error ? err.message : String(err) }, 'command pipeline failed')).finally(() => this.inFlight.delete(work));
    return work;
  }

  private async startHttp(): Promise<void> {
    // Loaded only when the relay is on: fastify is most of the daemon's memory after Node itself.
    const { buildHttpServer, parseListen } = await import('../http/server.js');
    const { host, port } = parseListen(this.options.config.http.listen);
    this.http = buildHttpServer({
      token: this.options.token,
      logger: this.options.logger,
      commands: { run: (text, client, key) => this.runRequest('http', text, client, key) },
      wallet: { cards: this.wallet, recharge: this },
      rechargeForm: this.options.config.http.rechargeForm ? { ancestors: this.options.config.http.rechargeFormAncestors } : undefined,
      box: boxApi({ store: this.store, ctx: this.ctx, wallet: this.wallet, imsi: () => this.modem.imsi, simulated: this.options.sim !== undefined }),
      health: () => {
        const problems = [...this.supervisor.degraded, ...(this.supervisor.step === 'healthy' ? [] : [`modem ${this.supervisor.step}`])];
        return {
          status: problems.length ? 'degraded' : 'ok', problems, carrier: this.profile?.id ?? null, recoveries: this.supervisor.recoveries,
          uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
          // Facts of the carrier profile nobody confirmed on a real SIM, and outcomes an operator must settle.
          unconfirmed: this.profile?.unconfirmed() ?? [], unsettledRecharges: this.store.recharges.unsettled().length, version: VERSION,
        };
      },
      sim: this.options.sim,
      limits: { maxConnections: this.options.config.http.maxConnections, maxConnectionsPerClient: this.options.config.http.maxConnectionsPerClient },
      metrics: {
        public: this.options.config.http.metricsPublic,
        source: metricsSource({ ctx: this.ctx, carrier: () => this.profile?.id ?? null, modemUp: () => this.supervisor.step === 'healthy', recoveries: () => this.supervisor.recoveries, tallies: this.tallies }),
      },
    });
    this.httpAddress = await this.http.listen({ host, port });
    this.lock?.update({ http: this.httpAddress });
  }

  /** The credit check's automatic top-up: the next wallet card, and what the Notify group is told. */
  private async walletTopUp(reason: TopUpReason): Promise<TopUpNotice | null> {
    const outcome = await this.wallet.topUp(reason, { oncePerDay: true });
    if (outcome.kind !== 'dialled') return null;
    return { notice: walletTopUpNotice(reason, outcome.result, outcome.left, this.settings.language), toppedUp: outcome.result.kind === 'success' };
  }

  /** A recharge asked for over HTTP (the recharge API): the same path as CREDIT, the result as data. */
  rechargeCode(code: string, requestedBy: string): Promise<RechargeResult> {
    return this.recharge.recharge({ code, requestedBy, commandId: null });
  }

  /** Which line a recharge's destination names: the box has one line, `main`. */
  readonly resolveDestination = oneLineDestination('main', () => ({ imsi: this.modem?.imsi ?? null, number: null }));

  /** RESET: through the recovery path (AT+CFUN=1,1, reopen, init, stored-message scan). */
  async restartModem(): Promise<void> {
    this.log.warn('modem restart requested');
    await this.supervisor.restart();
    if (this.supervisor.step !== 'healthy') throw new Error(`the modem did not come back (${this.supervisor.step})`);
  }

  /** Idle until commands in flight settle (used by tests and a graceful stop). */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  async stop(): Promise<void> {
    // The supervisor first: a RESET over HTTP waits on its ladder, and the relay closes only once
    // its requests are answered.
    this.supervisor?.stop();
    await this.http?.close();
    await this.scheduler?.stop();
    this.carrierSms.cancelAll();
    this.pump?.stop();
    let patience: NodeJS.Timeout | undefined;
    await Promise.race([this.settle(), new Promise((r) => (patience = setTimeout(r, 5000)))]);
    clearTimeout(patience);
    await this.modem?.close();
    this.store?.close();
    this.portLock?.release();
    this.lock?.release();
  }
}
