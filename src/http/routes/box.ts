import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

/** One line as the API shows it. */
export interface LineView {
  name: string;
  /** starting, ready, degraded, recovering, parked, stopped */
  state: string;
  problems: string[];
  /** For a parked line: when it is tried again. */
  retryAt: string | null;
  /** The carrier's name, and its profile's id. */
  carrier: string | null;
  carrierId: string | null;
  imsi: string | null;
  /** The SIM's own number, when configured or told by the modem. */
  number: string | null;
  notes: string | null;
  network: string | null;
  registration: string | null;
  signal: { dbm: number | null; bars: number } | null;
  balance: { amount: string | null; validUntil: string | null; checkedAt: string } | null;
  pendingOutbox: number;
  /** The wallet cards this line's SIM could take now. */
  wallet: { cards: number; value: string };
  /** Facts of the carrier profile nobody confirmed on a real SIM. */
  unconfirmed: string[];
}

export interface BoxApi {
  /** STAT? as data: the first line's figures at the top, each line under `lines`, the box's totals. */
  status(): Promise<Record<string, unknown>>;
  lines(): Promise<LineView[]>;
  /** The lines' names, in the config's order. */
  lineNames(): string[];
  /** A line's balance history (null: the first line's). */
  balances(limit: number, line: string | null): Array<Record<string, unknown>>;
  messages(limit: number): Array<Record<string, unknown>>;
}

const LIMIT = { type: 'object', additionalProperties: false, properties: { limit: { type: 'string', pattern: '^[0-9]{1,3}$' } } } as const;
const LIMIT_AND_LINE = { ...LIMIT, properties: { ...LIMIT.properties, line: { type: 'string', maxLength: 40 } } } as const;
const limitOf = (query: { limit?: string }): number => Math.min(200, Math.max(1, Number(query.limit ?? 50)));

/** What the web panel shows: the box's state, each line, their balance history, and the commands the box handled. */
export function boxRoutes(app: FastifyInstance, box: BoxApi): void {
  app.get('/api/v1/status', async () => box.status());
  app.get('/api/v1/lines', async () => ({ lines: await box.lines() }));
  app.get<{ Querystring: { limit?: string; line?: string } }>('/api/v1/balances', { schema: { querystring: LIMIT_AND_LINE } }, async (request) => {
    const line = request.query.line ?? null;
    const known = box.lineNames();
    if (line !== null && !known.includes(line)) throw new ApiError(404, 'not_found', `no line "${line.slice(0, 40)}": the lines are ${known.join(', ')}`);
    return { balances: box.balances(limitOf(request.query), line) };
  });
  app.get<{ Querystring: { limit?: string } }>('/api/v1/messages', { schema: { querystring: LIMIT } }, async (request) => ({ messages: box.messages(limitOf(request.query)) }));
}
