import type { FastifyInstance } from 'fastify';
import type { CardPage } from '../../store/cards.js';
import { pageSummary, PAGING_FIELDS, QUERY_FIELDS, type RawCardPaging, type RawCardQuery } from '../../wallet/card-query.js';
import { MAX_CSV_BYTES } from '../../wallet/cards-csv.js';
import type { CardSelection, FieldEdit } from '../../wallet/wallet.js';
import { ApiError } from '../errors.js';
import { answerWalletErrors, type WalletApi } from './wallet.js';

type Query = RawCardQuery & RawCardPaging;

const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const FILTER_PROPERTIES = Object.fromEntries(QUERY_FIELDS.map((field) => [field, text(80)]));
const QUERY = { type: 'object', additionalProperties: false, properties: { ...FILTER_PROPERTIES, ...Object.fromEntries(PAGING_FIELDS.map((field) => [field, text(12)])) } } as const;
const FILTER = { type: 'object', additionalProperties: false, properties: FILTER_PROPERTIES } as const;
const IDS = { type: 'array', minItems: 1, maxItems: 10_000, items: { type: 'integer', minimum: 1 } } as const;
const EDIT = { oneOf: [{ const: 'preserve' }, { type: 'object', additionalProperties: false, required: ['setTo'], properties: { setTo: { type: ['string', 'null'], maxLength: 80 } } }] } as const;

/** Either cards ticked by id, or every card a search finds. */
function selection(body: { ids?: number[]; filter?: RawCardQuery }): CardSelection {
  if (body.ids && body.filter) throw new ApiError(400, 'bad_request', 'select by ids or by a filter, not both');
  if (body.ids) return { ids: body.ids };
  if (body.filter) return { filter: body.filter };
  throw new ApiError(400, 'bad_request', 'select the cards: ids, or a filter (an empty one finds every card)');
}

function pageJson(page: CardPage): Record<string, unknown> {
  const summary = pageSummary(page);
  return { vouchers: page.cards, total: page.total, page: page.page, pages: page.pages, perPage: page.perPage, from: page.from, to: page.to, rows: summary.rows, pageOf: summary.pages };
}

/**
 * The cards as a billing system keeps them: the advanced search (query parameters, or the same in
 * a JSON body so a PIN need not sit in a URL), mass edit, delete, CSV import and export.
 */
export function cardRoutes(app: FastifyInstance, wallet: WalletApi): void {
  void app.register(async (scope) => {
    answerWalletErrors(scope);
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_CSV_BYTES }, (_request, body, done) => done(null, body));

    scope.get<{ Querystring: Query }>('/api/v1/vouchers', { schema: { querystring: QUERY } }, async (request) => pageJson(wallet.search(request.query)));
    scope.post<{ Body: Query }>('/api/v1/vouchers/search', { schema: { body: QUERY } }, async (request) => pageJson(wallet.search(request.body)));
    scope.get('/api/v1/vouchers/resellers', async () => ({ resellers: wallet.resellers() }));

    scope.post<{ Body: { ids?: number[]; filter?: RawCardQuery; expires: FieldEdit; reseller: FieldEdit } }>(
      '/api/v1/vouchers/mass-edit',
      { schema: { body: { type: 'object', additionalProperties: false, required: ['expires', 'reseller'], properties: { ids: IDS, filter: FILTER, expires: EDIT, reseller: EDIT } } } },
      async (request) => wallet.massEdit(selection(request.body), { expires: request.body.expires, reseller: request.body.reseller }),
    );

    scope.post<{ Body: { ids?: number[]; filter?: RawCardQuery; confirm?: string } }>(
      '/api/v1/vouchers/delete',
      { schema: { body: { type: 'object', additionalProperties: false, properties: { ids: IDS, filter: FILTER, confirm: text(40) } } } },
      async (request) => wallet.deleteCards(selection(request.body), request.body.confirm ?? null),
    );

    scope.post<{ Body: string }>('/api/v1/vouchers/import', { bodyLimit: MAX_CSV_BYTES }, async (request, reply) => {
      if (typeof request.body !== 'string') throw new ApiError(415, 'unsupported_media_type', 'send the cards as text/csv');
      const added = wallet.importCsv(request.body);
      return reply.code(201).send({ added: added.length, vouchers: added });
    });

    scope.get<{ Querystring: Query & { pins?: string } }>(
      '/api/v1/vouchers/export',
      { schema: { querystring: { ...QUERY, properties: { ...QUERY.properties, pins: { enum: ['masked', 'full'] } } } } },
      async (request, reply) => {
        const { pins, ...query } = request.query;
        // The relay is plain HTTP: a full PIN would cross the network readable. The owner exports
        // them at the box (gsmkeeper vouchers export --full-pins), where the confirmation is asked.
        if (pins === 'full') throw new ApiError(400, 'bad_request', 'full PINs are exported only at the box: gsmkeeper vouchers export --full-pins');
        return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="cards.csv"').send(wallet.exportCsv(query, { revealPins: false }));
      },
    );
  });
}
