import { loadCarriers, BUILTIN_CARRIERS_DIR } from '../carriers/loader.js';
import type { ControlContext } from '../control/context.js';
import type { TopUpReason } from '../control/texts.js';
import { Dialogue, DIALOGUE_COMMAND } from '../dialogue/dialogue.js';
import { Line } from '../line/line.js';
import type { RechargeRequest } from '../recharge/service.js';
import type { RechargeResult } from '../recharge/result.js';
import type { TopUpNotice } from '../scheduler/credit-check.js';
import { Scheduler } from '../scheduler/scheduler.js';
import type { CommandRow } from '../store/commands.js';
import { installSecret, type Store } from '../store/store.js';
import { localDay } from '../util/local-day.js';
import { rechargeFromSource } from '../wallet/recharge-sources.js';
import { Wallet } from '../wallet/wallet.js';
import { controlContextFor } from './control-context.js';
import type { DaemonOptions } from './daemon.js';
import { eventTime, type BoxEvents } from '../events/box-events.js';
import { buildBoxJobs } from './jobs.js';
import type { PortLock } from './port-lock.js';
import type { NoticeRoute } from './reconcile-notices.js';
import type { RouteRules } from './routing.js';
import { CommandRunner, vouchable, type RunOutcome } from './runner.js';
import { SenderGuard } from './sender-guard.js';
import { RuntimeSettings } from './settings.js';

/** What the box's services and lines tell the daemon, and ask of it. */
export interface BoxHooks {
  events: BoxEvents;
  startedAt: number;
  line(name: string): Line;
  noticeRoute(line: string | null): NoticeRoute;
  /** A command's run, kept until it settles (a stop waits for it). */
  track<T>(work: Promise<T>): Promise<T>;
  commandFinished(row: CommandRow, outcome: RunOutcome): void;
  rechargeFinished(line: string, request: RechargeRequest, result: RechargeResult | 'error'): void;
  lineChanged(line: Line): void;
  lineGaveUp(line: Line): void;
  walletTopUp(line: Line, reason: TopUpReason): Promise<TopUpNotice | null>;
}

export interface BoxServices {
  settings: RuntimeSettings;
  wallet: Wallet;
  lines: Line[];
  runner: CommandRunner;
  scheduler: Scheduler;
  routes: RouteRules;
  dialogue: Dialogue;
  /** The context a command's handlers run in, acting on the line named (null: the default line). */
  contextFor(line: string | null): ControlContext;
}

/**
 * Step one's second half: the services the lines share — the settings, the sender guard, the
 * wallet, the command runner with its routing — the lines, and the jobs of the box and each line.
 */
export function buildServices(options: DaemonOptions, store: Store, portLockOf: ReadonlyMap<string, PortLock>, hooks: BoxHooks): BoxServices {
const { config, logger } = options;
  const carriers = options.carriers ?? loadCarriers([BUILTIN_CARRIERS_DIR, ...(config.carriersDir ? [config.carriersDir] : [])]);
  // The install key (made with the store): codes are hashed and PINs sealed under it.
  const secret = installSecret(config.dataDir);

  const lines: Line[] = [];
  const routes: RouteRules = { defaultLine: config.routing.defaultLine };
  const settings = new RuntimeSettings(store, config, () => lines[0]?.profile?.file.currency ?? 'EUR');
  const guard = new SenderGuard(store, config.security, logger);
  const wallet = new Wallet({
    store,
    secret,
    carriers,
    sims: () => lines.flatMap((line) => (line.profile ? [{ line: line.name, profile: line.profile }] : [])),
    recharge: (name, request) => hooks.line(name).recharge(request),
    today: () => localDay(),
    logger,
    onChange: (change, cards) => hooks.events.publish('wallet-changed', { change, cards, at: eventTime() }),
  });
  const contextFor = (line: string | null): ControlContext => controlContextFor({ config, store, settings, guard, lines, routes, logger }, line);
  const runner = new CommandRunner(
    store,
    {
      contextFor: (row) => {
        const ctx = contextFor(row.line);
        // The broker's ACL stands for the password on MQTT when the owner says so (mqtt.commandPassword: false);
        // the HTTP token does for a change made on the settings page (a vouched row).
        const vouched = (row.vouched === 1 && vouchable(row.text)) || (row.channel === 'mqtt' && !config.mqtt.commandPassword);
        return vouched ? { ...ctx, settings: passwordWaived(ctx.settings) } : ctx;
      },
      replyLine: (row) => hooks.noticeRoute(row.line),
    },
    guard,
    logger,
    (name) => lines.find((line) => line.name === name)?.kickOutbox(),
    (row, outcome) => hooks.commandFinished(row, outcome),
  );
  const dialogue = new Dialogue({
    store,
    enabled: () => settings.dialogue,
    sessionMs: options.dialogueSessionMs ?? config.dialogue.sessionSeconds * 1000,
    maxSessions: config.dialogue.maxSessions,
    languageOf: (phone) => settings.languageOf(phone),
    script: () => settings.bulgarianScript,
    line: (name) => lines.find((line) => line.name === name),
    // The one recharge path: the same local check, attempt budget and no-double-dial as CREDIT.
    recharge: (name, source, requestedBy, commandId) =>
      rechargeFromSource(source, { cardToDial: (serial, pin) => wallet.cardToDial(serial, pin, name), rechargeCode: (code, by) => hooks.line(name).recharge({ code, requestedBy: by, commandId }) }, requestedBy),
    answered: (row, reply, smsTo) => hooks.commandFinished(row, { kind: 'answered', commandId: row.id, name: DIALOGUE_COMMAND, reply, smsTo }),
    track: (work) => hooks.track(work),
    logger,
  });
  const timing = {
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    keepAliveMs: options.keepAliveMs ?? config.modem.keepAliveSeconds * 1000,
    restartWaitMs: options.modemRestartWaitMs ?? config.modem.restartWaitSeconds * 1000,
    reopenWaitMs: config.modem.reopenWaitSeconds * 1000,
    outboxBaseDelayMs: options.outboxBaseDelayMs ?? 5000,
    ...(options.parkFirstMs !== undefined ? { parkFirstMs: options.parkFirstMs } : {}),
  };
  for (const setup of options.lines) {
    lines.push(new Line({
      config: setup.config,
      box: config,
      link: setup.link,
      portLock: portLockOf.get(setup.config.name) ?? null,
      store,
      secret,
      carriers,
      settings,
      events: hooks.events,
      timing,
      startedAt: hooks.startedAt,
      logger,
      namedNotices: options.lines.length > 1,
      onCommand: (row) => hooks.track(runner.run(row)),
      onRecharge: (request, result) => hooks.rechargeFinished(setup.config.name, request, result),
      onState: (line) => hooks.lineChanged(line),
      onGaveUp: (line) => hooks.lineGaveUp(line),
      walletReady: (line) => wallet.ready(line.name).length,
      dialogue,
      ...(config.credit.autoTopUp ? { topUp: (line: Line, reason: TopUpReason) => hooks.walletTopUp(line, reason) } : {}),
    }));
  }
  const scheduler = new Scheduler([...buildBoxJobs({ config, store, lines, logger }), ...lines.flatMap((line) => line.jobs())], config.timezone, logger);
  return { settings, wallet, lines, runner, scheduler, routes, dialogue, contextFor };
}

/** The same settings, except that any password passes: for a channel whose transport vouches for the caller. */
function passwordWaived(settings: ControlContext['settings']): ControlContext['settings'] {
  return Object.create(settings, { checkPassword: { value: () => true } }) as ControlContext['settings'];
}
