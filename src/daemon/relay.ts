import type { FastifyInstance } from 'fastify';
import { noSuchLine, say, type Language } from '../control/texts.js';
import { buildHttpServer, parseListen } from '../http/server.js';
import { VERSION } from '../util/version.js';
import { boxApi } from './box-api.js';
import type { Daemon, DaemonOptions } from './daemon.js';
import { metricsSource } from './metrics-source.js';
import { findLine } from './routing.js';
import { maskDigits } from '../log/secrets.js';

/**
 * The relay and the web panel over a started daemon: commands, the recharge service and the
 * wallet, each line's state, an SMS through a line, the live events, health and metrics.
 */
export async function startRelay(daemon: Daemon, options: DaemonOptions): Promise<{ app: FastifyInstance; address: string }> {
  const { config } = options;
  const lines = daemon.lines;
  const resolveDestination = (destination: string | null) => {
    const chosen = daemon.chooseLine(destination);
    if ('line' in chosen) return { line: chosen.line.name };
    const { refusal } = chosen;
    const names = refusal.lines.map((line) => line.name).join(', ');
    // Echoed back, so masked as a code would be: a coupon typed into the wrong field stays hidden.
    const wanted = maskDigits((refusal.wanted ?? '').slice(0, 40));
    const state = refusal.lines.find((line) => line.name === refusal.wanted)?.state ?? 'not up';
    const error = (lang: Language): string =>
      refusal.reason === 'unknown' ? noSuchLine(lang, refusal.wanted ?? '', refusal.lines.map((line) => line.name))
        : refusal.reason === 'unavailable' ? say(lang, `line ${wanted} is ${state}: nothing was done`, `линия ${wanted} не работи (${state}): нищо не е направено`)
          : say(lang, `name a destination: the lines are ${names}`, `посочете получател: линиите са ${names}`);
    return { error: error('en'), errorBg: error('bg'), lines: refusal.lines.map((line) => line.name), unavailable: refusal.reason === 'unavailable' };
  };
  const recharge = {
    rechargeCode: (code: string, requestedBy: string, line: string) => daemon.line(line).recharge({ code, requestedBy, commandId: null }),
    resolveDestination,
    replies: () => {
      const { settings } = daemon;
      return { language: settings.language, script: settings.bulgarianScript };
    },
  };
  const { host, port } = parseListen(config.http.listen);
  const app = buildHttpServer({
    token: options.token,
    logger: options.logger,
    commands: {
      run: (text, client, key, line, lang) => daemon.runRequest('http', text, client, key, line, lang),
      lineNamed: (destination) => findLine(lines, destination)?.name ?? null,
      lineNames: () => lines.map((line) => line.name),
      language: () => daemon.settings.language,
    },
    wallet: { cards: daemon.wallet, recharge },
    rechargeForm: config.http.rechargeForm ? { ancestors: config.http.rechargeFormAncestors } : undefined,
    box: boxApi({ store: daemon.store, wallet: daemon.wallet, lines, startedAt: daemon.startedAt, simulated: options.sim !== undefined }),
    sms: { send: (line, to, text) => ({ id: daemon.line(line).send(to, text) }), lines: { resolveDestination } },
    events: daemon.events,
    settings: { context: () => daemon.controlContext(), run: (command, client, lang) => daemon.runVouched('http', command, client, lang) },
    health: () => {
      const perLine = lines.map((line) => ({ name: line.name, state: line.state, problems: line.problems(), carrier: line.profile?.id ?? null, recoveries: line.recoveries }));
      const problems = perLine.flatMap((line) => (lines.length > 1 ? line.problems.map((problem) => `${line.name}: ${problem}`) : line.problems));
      const first = lines[0]!;
      return {
        status: problems.length ? 'degraded' : 'ok', problems,
        // The first line's, where one line used to be reported; `lines` has each.
        carrier: first.profile?.id ?? null, recoveries: first.recoveries,
        uptimeSeconds: Math.round((Date.now() - daemon.startedAt) / 1000),
        // Facts of the carrier profiles nobody confirmed on a real SIM, and outcomes an operator must settle.
        unconfirmed: [...new Set(lines.flatMap((line) => line.profile?.unconfirmed() ?? []))], unsettledRecharges: daemon.store.recharges.unsettled().length, version: VERSION,
        lines: perLine,
      };
    },
    sim: options.sim,
    limits: { maxConnections: config.http.maxConnections, maxConnectionsPerClient: config.http.maxConnectionsPerClient },
    metrics: { public: config.http.metricsPublic, source: metricsSource({ lines, tallies: daemon.tallies }) },
    fleet: options.fleet,
  });
  const address = await app.listen({ host, port });
  return { app, address };
}
