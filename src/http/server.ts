import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from '../log/logger.js';
import { bearerMatches } from './auth.js';
import { ApiError, errorBody } from './errors.js';
import { commandRoutes, type CommandApi } from './routes/commands.js';
import type { SimControl } from '../sim/control.js';
import { simRoutes } from './routes/sim.js';
import { simCardRoutes } from './routes/sim-cards.js';
import { walletRoutes, type WalletApi } from './routes/wallet.js';
import { cardRoutes } from './routes/cards.js';
import { rechargeRoutes, type RechargeApi } from './routes/recharge.js';
import { rechargeFormRoutes, type RechargeFormOptions } from './routes/recharge-form.js';
import { boxRoutes, type BoxApi } from './routes/box.js';
import { panelRoutes, PANEL_PATHS } from './routes/panel.js';
import { fleetRoutes, type FleetConsoleSource } from './routes/fleet.js';
import { capConnections, DEFAULT_CONNECTION_LIMITS, serverOptions, type ConnectionLimits } from './connection-limits.js';
import { metricsRoutes, METRICS_PATH, type MetricsOptions } from './routes/metrics.js';
import { smsRoutes, type SmsApi } from './routes/sms.js';
import { eventRoutes, type EventsApi } from './routes/events.js';
import { settingsRoutes, type SettingsApi } from './routes/settings.js';

export interface HttpOptions {
  token: string;
  logger: Logger;
  /** Absent on the standalone simulator's server. */
  commands?: CommandApi | undefined;
  health: () => Record<string, unknown>;
  sim?: SimControl | undefined;
  /** The voucher wallet and the recharge API (absent on the standalone simulator's server). */
  wallet?: { cards: WalletApi; recharge: RechargeApi } | undefined;
  /** The embeddable recharge form, when http.rechargeForm is on. */
  rechargeForm?: RechargeFormOptions | undefined;
  /** Status, balance history and message log for the web panel (which is served with them). */
  box?: BoxApi | undefined;
  /** Connection caps and timeouts; the defaults suit a box on a LAN or behind a proxy. */
  limits?: Partial<ConnectionLimits> | undefined;
  /** Prometheus metrics at /metrics (absent on the standalone simulator's server). */
  metrics?: MetricsOptions | undefined;
  /** POST /api/v1/sms: an SMS of the caller's own through a line's outbox. */
  sms?: SmsApi | undefined;
  /** GET /api/v1/events: the box's events as server-sent events. */
  events?: EventsApi | undefined;
  /** The settings page's API: the SMS config commands' settings (absent on the standalone simulator's server). */
  settings?: SettingsApi | undefined;
  /** The fleet page of a console box (`fleet.console: true`): every box on its broker. */
  fleet?: FleetConsoleSource | undefined;
}

/** What no API answer may be: cached by a browser or a proxy, or read as anything but JSON. */
const API_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/**
 * The relay API: bearer-token auth on everything but /health, JSON errors with stable codes, and
 * bounded connections (how many, from whom, for how long).
 */
export function buildHttpServer(options: HttpOptions): FastifyInstance {
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const app = Fastify({
    bodyLimit: 16 * 1024,
    logger: false,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    ...serverOptions(limits),
  });
  capConnections(app.server, limits, options.logger);

  app.addHook('onRequest', async (request) => {
    // Health, the panel's own page and files (it asks for the token itself), and routes that say
    // they are public (the recharge form); all else needs it.
    if (request.url === '/api/v1/health' || (request.method === 'GET' && PANEL_PATHS.has(request.url.split('?')[0]!))) return;
    if (options.metrics?.public && request.url.split('?')[0] === METRICS_PATH) return;
    if (request.routeOptions.config.public === true) return;
    if (!bearerMatches(request.headers.authorization, options.token)) {
      throw new ApiError(401, 'unauthorized', 'send Authorization: Bearer <token>');
    }
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    // The panel's files set their own caching; everything else is an API answer.
    if (!reply.hasHeader('cache-control')) reply.headers(API_HEADERS);
    return payload;
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: unknown }, _request, reply) => {
    if (error instanceof ApiError) return reply.code(error.status).send(errorBody(error.code, error.message));
    if (error.validation) return reply.code(400).send(errorBody('bad_request', error.message));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(errorBody('body_too_large', 'the body is too large'));
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send(errorBody('unsupported_media_type', 'send application/json'));
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send(errorBody('bad_request', error.message));
    options.logger.error({ err: error.message }, 'HTTP handler failed');
    return reply.code(500).send(errorBody('internal', 'internal error'));
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('not_found', 'no such endpoint')));

  app.get('/api/v1/health', async () => options.health());
  if (options.commands) commandRoutes(app, options.commands);
  if (options.wallet) walletRoutes(app, options.wallet.cards, options.wallet.recharge);
  if (options.wallet) cardRoutes(app, options.wallet.cards);
  if (options.wallet) rechargeRoutes(app, { recharge: options.wallet.recharge, wallet: options.wallet.cards });
  if (options.wallet && options.rechargeForm) rechargeFormRoutes(app, { recharge: options.wallet.recharge, wallet: options.wallet.cards }, options.rechargeForm);
  if (options.box) {
    boxRoutes(app, options.box);
    panelRoutes(app);
    // A console box's fleet page (fleet.console: true), with the fleet client as its source.
    if (options.fleet) fleetRoutes(app, options.fleet);
  }
  if (options.sim) simRoutes(app, options.sim);
  if (options.metrics) metricsRoutes(app, options.metrics);
  if (options.sms) smsRoutes(app, options.sms);
  if (options.events) eventRoutes(app, options.events);
  if (options.settings) settingsRoutes(app, options.settings, options.logger);
  if (options.sim?.carrier) simCardRoutes(app, options.sim);
  return app;
}

export function parseListen(listen: string): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(listen);
  if (!match) throw new Error(`"${listen}" is not HOST:PORT`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2]) };
}
