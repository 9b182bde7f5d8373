import type { FastifyInstance } from 'fastify';
import { CHANNEL_NAMES, type Channel } from '../../store/channel.js';
import type { CommandFilter } from '../../store/commands.js';
import { REPLY_STATUSES, type ReplyStatus } from '../../store/reply-status.js';
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
  messages(limit: number, filter: CommandFilter & { fates?: readonly ReplyStatus[] | undefined }): Array<Record<string, unknown>>;
  /** A line's balance over the last `days` days with its recharges, for the panel's plot (null: no SIM known yet). */
  balanceHistory(line: string, days: number): BalanceHistory | null;
}

/** A line's balance over time: each figure read, and each recharge (with its outcome) to mark on it. */
export interface BalanceHistory {
  line: string;
  from: string;
  to: string;
  points: Array<{ at: string; cents: number | null; currency: string | null; validUntil: string | null; source: string }>;
  recharges: Array<{ at: string; outcome: string; card: string; addedCents: number | null; balanceCents: number | null; currency: string | null }>;
}

const LIMIT = { type: 'object', additionalProperties: false, properties: { limit: { type: 'string', pattern: '^[0-9]{1,3}$' } } } as const;
const LIMIT_AND_LINE = { ...LIMIT, properties: { ...LIMIT.properties, line: { type: 'string', maxLength: 40 } } } as const;
const limitOf = (query: { limit?: string }): number => Math.min(200, Math.max(1, Number(query.limit ?? 50)));
const MESSAGE_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...LIMIT.properties,
    line: { type: 'string', maxLength: 40 },
    channel: { enum: CHANNEL_NAMES },
    sender: { type: 'string', minLength: 1, maxLength: 80 },
    fate: { type: 'string', pattern: `^(${REPLY_STATUSES.join('|')})(,(${REPLY_STATUSES.join('|')}))*$` },
  },
} as const;
const DAYS = { type: 'object', additionalProperties: false, properties: { days: { type: 'string', pattern: '^[0-9]{1,3}$' } } } as const;

function knownLine(box: BoxApi, line: string): string {
  const known = box.lineNames();
  if (!known.includes(line)) throw new ApiError(404, 'not_found', `no line "${line.slice(0, 40)}": the lines are ${known.join(', ')}`);
  return line;
}

/** What the web panel shows: the box's state, each line, their balance history, and the commands the box handled. */
export function boxRoutes(app: FastifyInstance, box: BoxApi): void {
  app.get('/api/v1/status', async () => box.status());
  app.get('/api/v1/lines', async () => ({ lines: await box.lines() }));
  app.get<{ Querystring: { limit?: string; line?: string } }>('/api/v1/balances', { schema: { querystring: LIMIT_AND_LINE } }, async (request) => {
    const line = request.query.line === undefined ? null : knownLine(box, request.query.line);
    return { balances: box.balances(limitOf(request.query), line) };
  });
  /** A line's balance and recharges over the last `days` days (30 unless asked; 1–366), oldest first. */
  app.get<{ Params: { line: string }; Querystring: { days?: string } }>('/api/v1/lines/:line/balance-history', { schema: { querystring: DAYS } }, async (request) => {
    const days = Number(request.query.days ?? 30);
    if (days < 1 || days > 366) throw new ApiError(400, 'bad_request', 'days is a whole number from 1 to 366');
    const history = box.balanceHistory(knownLine(box, request.params.line), days);
    if (!history) throw new ApiError(503, 'unavailable', `line ${request.params.line} has no SIM the box knows yet`);
    return history;
  });
  /** The message log, narrowed to a line, a channel, a sender, or replies of some fates (comma-separated). */
  app.get<{ Querystring: { limit?: string; line?: string; channel?: Channel; sender?: string; fate?: string } }>('/api/v1/messages', { schema: { querystring: MESSAGE_QUERY } }, async (request) => {
    const { line, channel, sender, fate } = request.query;
    const filter = { line: line === undefined ? undefined : knownLine(box, line), channel, sender: sender?.trim(), fates: fate === undefined ? undefined : (fate.split(',') as ReplyStatus[]) };
    return { messages: box.messages(limitOf(request.query), filter) };
  });
}
