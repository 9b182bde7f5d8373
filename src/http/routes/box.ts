import type { FastifyInstance } from 'fastify';

export interface BoxApi {
  /** STAT? as data: signal, network, carrier, balance, outbox, uptime, problems. */
  status(): Promise<Record<string, unknown>>;
  balances(limit: number): Array<Record<string, unknown>>;
  messages(limit: number): Array<Record<string, unknown>>;
}

const LIMIT = { type: 'object', additionalProperties: false, properties: { limit: { type: 'string', pattern: '^[0-9]{1,3}$' } } } as const;
const limitOf = (query: { limit?: string }): number => Math.min(200, Math.max(1, Number(query.limit ?? 50)));

/** What the web panel shows: the box's state, its balance history, and the commands it handled. */
export function boxRoutes(app: FastifyInstance, box: BoxApi): void {
  app.get('/api/v1/status', async () => box.status());
  app.get<{ Querystring: { limit?: string } }>('/api/v1/balances', { schema: { querystring: LIMIT } }, async (request) => ({ balances: box.balances(limitOf(request.query)) }));
  app.get<{ Querystring: { limit?: string } }>('/api/v1/messages', { schema: { querystring: LIMIT } }, async (request) => ({ messages: box.messages(limitOf(request.query)) }));
}
