import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Language } from '../../control/texts.js';
import { registerSecret } from '../../log/secrets.js';
import type { Wallet } from '../../wallet/wallet.js';
import { MAX_BATCH, WalletBatchError, WalletError, type NewVoucher, type WalletErrorCode } from '../../wallet/wallet.js';
import { ApiError, errorBody, type ApiErrorCode } from '../errors.js';
import { LANG_FIELD } from '../language.js';
import { answerLanguage, destinationLine, rechargeErrorReply, rechargeJson, type RechargeApi } from './recharge.js';

/** The wallet as the HTTP layer uses it. */
export type WalletApi = Pick<Wallet, 'add' | 'addAll' | 'remove' | 'topUp' | 'search' | 'resellers' | 'importCsv' | 'exportCsv' | 'massEdit' | 'deleteCards' | 'cardToDial'>;

const CARD = {
  type: 'object',
  additionalProperties: false,
  required: ['pin'],
  properties: {
    pin: { type: 'string', maxLength: 40 },
    serial: { type: ['string', 'null'], maxLength: 80 },
    amount: { type: ['string', 'null'], maxLength: 12 },
    currency: { type: ['string', 'null'], maxLength: 3 },
    reseller: { type: ['string', 'null'], maxLength: 80 },
    /** The reseller's older name. */
    shop: { type: ['string', 'null'], maxLength: 80 },
    expires: { type: ['string', 'null'], maxLength: 10 },
    carrier: { type: ['string', 'null'], maxLength: 40 },
  },
} as const;

type CardBody = NewVoucher & { shop?: string | null };
const asCard = ({ shop, ...card }: CardBody): NewVoucher => ({ ...card, reseller: card.reseller ?? shop ?? null });

const STATUS_OF: Partial<Record<WalletErrorCode, [number, ApiErrorCode]>> = {
  'not-found': [404, 'not_found'],
  duplicate: [409, 'conflict'],
  dialled: [409, 'conflict'],
  used: [409, 'conflict'],
};

/**
 * Wallet refusals as API errors, for the routes of one scope: 404 for a card not there, 409 for a
 * conflict with what is, else 400 — a refused batch with every bad line named; a line that is not
 * there or not up as the recharge API answers it, in the language `languageOf` gives the request
 * (English unless told). Anything else goes on to the server's own handler.
 */
export function answerWalletErrors(scope: FastifyInstance, languageOf: (request: FastifyRequest) => Language = () => 'en'): void {
  scope.setErrorHandler((err, request, reply) => {
    const destination = rechargeErrorReply(err, reply, languageOf(request));
    if (destination) return destination;
    if (err instanceof WalletBatchError) return reply.code(400).send({ error: { code: 'bad_request', message: err.message, problems: err.problems } });
    if (!(err instanceof WalletError)) throw err;
    const [status, code] = STATUS_OF[err.code] ?? [400, 'bad_request'];
    return reply.code(status).send(errorBody(code, err.message));
  });
}

/**
 * Cards in and out of the voucher wallet. PINs arrive in request bodies only, are registered as
 * secrets before anything else happens (so no log line can carry them), and never leave again.
 */
export function walletRoutes(app: FastifyInstance, wallet: WalletApi, recharge: RechargeApi): void {
  void app.register(async (scope) => walletScope(scope, wallet, recharge));
}

function walletScope(app: FastifyInstance, wallet: WalletApi, recharge: RechargeApi): void {
  answerWalletErrors(app, (request) => answerLanguage(request, recharge));
  app.post<{ Body: CardBody }>('/api/v1/vouchers', { schema: { body: CARD } }, async (request, reply) => {
    registerSecret(request.body.pin);
    return reply.code(201).send({ voucher: wallet.add(asCard(request.body)) });
  });

  /** Bulk add: every card or none, each bad one named by its place in the list (from 1). */
  app.post<{ Body: { cards: CardBody[] } }>(
    '/api/v1/vouchers/bulk',
    {
      bodyLimit: 2 * 1024 * 1024,
      schema: { body: { type: 'object', additionalProperties: false, required: ['cards'], properties: { cards: { type: 'array', minItems: 1, maxItems: MAX_BATCH, items: CARD } } } },
    },
    async (request, reply) => {
      for (const card of request.body.cards) registerSecret(card.pin);
      const added = wallet.addAll(request.body.cards.map((card, i) => ({ line: i + 1, card: asCard(card) })), 'card');
      return reply.code(201).send({ added: added.length, vouchers: added });
    },
  );

  app.delete<{ Params: { id: string } }>('/api/v1/vouchers/:id', async (request, reply) => {
    const id = Number(request.params.id);
    if (!Number.isInteger(id) || id < 1) throw new ApiError(400, 'bad_request', 'a card id is a positive whole number');
    wallet.remove(id);
    return reply.code(204).send();
  });

  /**
   * Dials the next card of the line's carrier now, as its credit check would when the balance runs
   * low. The recharge's reply is in the request's language (answerLanguage), Bulgarian in Cyrillic:
   * it is read where it arrives (the panel shows it), never texted.
   */
  app.post<{ Body: { line?: string; lang?: Language } | undefined }>(
    '/api/v1/vouchers/top-up',
    {
      schema: {
        body: { type: ['object', 'null'], additionalProperties: false, properties: { line: { type: 'string', maxLength: 40 }, lang: LANG_FIELD } },
        querystring: { type: 'object', properties: { lang: LANG_FIELD } },
      },
    },
    async (request) => {
      const outcome = await wallet.topUp('asked over HTTP', destinationLine(recharge, request.body?.line ?? null));
      if (outcome.kind === 'no-sim') throw new ApiError(503, 'unavailable', 'the modem has no SIM the box knows yet');
      if (outcome.kind === 'empty' || outcome.kind === 'dialled-today') return { outcome: outcome.kind, voucher: null, result: null };
      return { outcome: 'dialled', voucher: outcome.voucher, cardsLeft: outcome.left, result: rechargeJson(outcome.result, answerLanguage(request, recharge), 'cyrillic') };
    },
  );
}
