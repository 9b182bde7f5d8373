import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatMoney } from '../../carriers/money.js';
import { cardsForWallet, CardIssueError } from '../../sim/cards.js';
import type { SimCards } from '../../sim/control.js';
import type { SimVoucher } from '../../sim/state.js';
import { pageSummary } from '../../wallet/card-query.js';
import { parseAmount, parseDay } from '../../wallet/card-fields.js';
import { WalletError } from '../../wallet/errors.js';
import { ApiError } from '../errors.js';


/** A card with the billing system's columns: status, serial, amount, PIN, reseller, activated, created on. */
function cardJson(card: SimVoucher): Record<string, unknown> {
  return {
    status: card.status, serial: card.serial, amount: formatMoney({ cents: card.amountCents, currency: card.currency }), pin: card.pin, reseller: card.reseller ?? null,
    activated: card.activatedAt ? { at: card.activatedAt, by: card.activatedBy ?? null } : null, createdAt: card.createdAt, expiresOn: card.expiresOn,
  };
}

const FORMAT = { enum: ['json', 'csv'] } as const;

function asCsv(reply: FastifyReply, csv: string): FastifyReply {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="cards.csv"').send(csv);
}

/**
 * The simulated carrier issues top-up cards as a billing system does: generated in series, listed
 * with their status, and handed to the box's wallet as the CSV it imports (`format=csv`).
 */
export function simCardRoutes(app: FastifyInstance, cards: SimCards): void {
  app.get<{ Querystring: { series?: string; status?: SimVoucher['status']; page?: string; perPage?: string; format?: 'json' | 'csv' } }>(
    '/api/v1/sim/cards',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            series: { type: 'string', pattern: '^[A-Za-z0-9]{1,12}$' },
            status: { enum: ['new', 'activated', 'expired'] },
            page: { type: 'string', pattern: '^[0-9]{1,7}$' },
            perPage: { type: 'string', pattern: '^[0-9]{1,4}$' },
            format: FORMAT,
          },
        },
      },
    },
    async (request, reply) => {
      const { series, status, page, perPage, format } = request.query;
      const list = cards.listCards({ series, status, page: page ? Number(page) : undefined, perPage: perPage ? Number(perPage) : format === 'csv' ? 1000 : 20 });
      if (format === 'csv') return asCsv(reply, cardsForWallet(list.cards, cards.id));
      const summary = pageSummary(list);
      return { cards: list.cards.map(cardJson), total: list.total, page: list.page, pages: list.pages, rows: summary.rows, pageOf: summary.pages };
    },
  );

  app.post<{ Body: { amount: string; quantity: number; series: string; pinLength: number; reseller?: string; expires: string }; Querystring: { format?: 'json' | 'csv' } }>(
    '/api/v1/sim/cards',
    {
      schema: {
        querystring: { type: 'object', additionalProperties: false, properties: { format: FORMAT } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['amount', 'quantity', 'series', 'pinLength', 'expires'],
          properties: {
            amount: { type: 'string', maxLength: 12 },
            quantity: { type: 'integer', minimum: 1, maximum: 10_000 },
            series: { type: 'string', maxLength: 12 },
            pinLength: { type: 'integer', minimum: 1, maximum: 20 },
            reseller: { type: 'string', maxLength: 80 },
            expires: { type: 'string', maxLength: 10 },
          },
        },
      },
    },
    async (request, reply) => {
      const { amount, quantity, series, pinLength, reseller, expires } = request.body;
      let created: SimVoucher[];
      try {
        created = cards.generateSeries({ amountCents: parseAmount(amount), quantity, series, pinLength, reseller: reseller ?? null, expiresOn: parseDay(expires) });
      } catch (err) {
        if (err instanceof CardIssueError || err instanceof WalletError) throw new ApiError(400, 'bad_request', err.message);
        throw err;
      }
      reply.code(201);
      if (request.query.format === 'csv') return asCsv(reply, cardsForWallet(created, cards.id));
      return { cards: created.map(cardJson) };
    },
  );
}
