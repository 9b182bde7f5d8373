import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatMoney } from '../../carriers/money.js';
import { cardsForWallet, CardIssueError, issuedBy, listIssuedCards, type IssuedCard } from '../../sim/cards.js';
import type { SimCards, SimControl } from '../../sim/control.js';
import type { SimVoucher } from '../../sim/state.js';
import { pageSummary } from '../../wallet/card-query.js';
import { parseAmount, parseDay } from '../../wallet/card-fields.js';
import { WalletError } from '../../wallet/errors.js';
import { ApiError } from '../errors.js';
import { LINE, simOf } from './sim.js';

/** A card with the billing system's columns — status, serial, amount, PIN, reseller, activated, created on — and the line whose carrier issued it. */
function cardJson(card: IssuedCard): Record<string, unknown> {
  return {
    status: card.status, serial: card.serial, amount: formatMoney({ cents: card.amountCents, currency: card.currency }), pin: card.pin, reseller: card.reseller ?? null,
    activated: card.activatedAt ? { at: card.activatedAt, by: card.activatedBy ?? null } : null, createdAt: card.createdAt, expiresOn: card.expiresOn, line: card.line,
  };
}

/** A simulated line's card issuer: the line (null for a lone simulator, which names none) and its carrier. */
interface Issuer {
  line: string | null;
  cards: SimCards;
}

/** The issuer of the line a request names, else of the first line; an unknown line is a 404. */
function issuerOf(sim: SimControl, line: string | undefined): Issuer {
  const carrier = simOf(sim, line).carrier;
  if (!carrier) throw new ApiError(404, 'not_found', `this simulator${line === undefined ? '' : `'s line "${line}"`} issues no cards`);
  return { line: line ?? sim.lines?.()[0]?.line ?? null, cards: carrier };
}

/** Every simulated line's issuer, in the box's order; only the one named when a request names a line. */
function issuersOf(sim: SimControl, line: string | undefined): Issuer[] {
  const lines = sim.lines?.() ?? [];
  if (line !== undefined || lines.length === 0) return [issuerOf(sim, line)];
  return lines.map((one) => issuerOf(sim, one.line));
}

const FORMAT = { enum: ['json', 'csv'] } as const;

function asCsv(reply: FastifyReply, csv: string): FastifyReply {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="cards.csv"').send(csv);
}

/**
 * The simulated carriers issue top-up cards as a billing system does: generated in series, listed
 * with their status, and handed to the box's wallet as the CSV it imports (`format=csv`). The list
 * is every simulated line's cards, each marked with its line (`line` narrows it to one); a series
 * is generated on the line named, else the first.
 */
export function simCardRoutes(app: FastifyInstance, sim: SimControl): void {
  app.get<{ Querystring: { series?: string; status?: SimVoucher['status']; page?: string; perPage?: string; format?: 'json' | 'csv'; line?: string } }>(
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
            line: LINE,
          },
        },
      },
    },
    async (request, reply) => {
      const { series, status, page, perPage, format, line } = request.query;
      const issuers = issuersOf(sim, line).map((issuer) => ({ line: issuer.line, carrier: issuer.cards.id, cards: issuer.cards.issued() }));
      const list = listIssuedCards(issuers, { series, status, page: page ? Number(page) : undefined, perPage: perPage ? Number(perPage) : format === 'csv' ? 1000 : 20 });
      if (format === 'csv') return asCsv(reply, cardsForWallet(list.cards));
      const summary = pageSummary(list);
      return { cards: list.cards.map(cardJson), total: list.total, page: list.page, pages: list.pages, rows: summary.rows, pageOf: summary.pages };
    },
  );

  app.post<{ Body: { amount: string; quantity: number; series: string; pinLength: number; reseller?: string; expires: string; line?: string }; Querystring: { format?: 'json' | 'csv' } }>(
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
            line: LINE,
          },
        },
      },
    },
    async (request, reply) => {
      const { amount, quantity, series, pinLength, reseller, expires, line } = request.body;
      const issuer = issuerOf(sim, line);
      let created: IssuedCard[];
      try {
        created = issuedBy(issuer.cards.generateSeries({ amountCents: parseAmount(amount), quantity, series, pinLength, reseller: reseller ?? null, expiresOn: parseDay(expires) }), issuer.line, issuer.cards.id);
      } catch (err) {
        if (err instanceof CardIssueError || err instanceof WalletError) throw new ApiError(400, 'bad_request', err.message);
        throw err;
      }
      reply.code(201);
      if (request.query.format === 'csv') return asCsv(reply, cardsForWallet(created));
      return { cards: created.map(cardJson) };
    },
  );
}
