import type { FastifyInstance } from 'fastify';
import { formatMoney, type Money } from '../../carriers/money.js';
import { rechargeReply } from '../../control/texts.js';
import { registerSecret } from '../../log/secrets.js';
import type { RechargeResult } from '../../recharge/result.js';
import type { VoucherView } from '../../store/vouchers.js';
import { WalletError, type NewVoucher, type TopUpOutcome } from '../../wallet/wallet.js';
import { ApiError } from '../errors.js';

export interface WalletApi {
  list(): VoucherView[];
  add(card: NewVoucher): VoucherView;
  remove(id: number): void;
  topUp(reason: string): Promise<TopUpOutcome>;
}

export interface RechargeApi {
  rechargeCode(code: string, requestedBy: string): Promise<RechargeResult>;
}

const money = (m: Money | null | undefined): string | null => (m ? formatMoney(m) : null);

/** A recharge outcome as data, with the same text an SMS would carry (never the full code). */
export function rechargeJson(result: RechargeResult): Record<string, unknown> {
  return {
    outcome: result.kind,
    card: 'masked' in result ? result.masked : null,
    added: result.kind === 'success' ? money(result.added) : null,
    balance: result.kind === 'success' ? money(result.balance) : null,
    before: result.kind === 'success' ? money(result.before) : null,
    validUntil: result.kind === 'success' ? result.validUntil : null,
    attemptsLeft: result.kind === 'rejected' ? result.attemptsLeft : null,
    reply: rechargeReply(result, 'en'),
  };
}

const CARD_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['pin'],
  properties: {
    pin: { type: 'string', maxLength: 40 },
    serial: { type: ['string', 'null'], maxLength: 80 },
    amount: { type: ['string', 'null'], maxLength: 12 },
    currency: { type: ['string', 'null'], maxLength: 3 },
    shop: { type: ['string', 'null'], maxLength: 80 },
    expires: { type: ['string', 'null'], maxLength: 10 },
    carrier: { type: ['string', 'null'], maxLength: 40 },
  },
} as const;

function walletError(err: unknown): never {
  if (!(err instanceof WalletError)) throw err;
  if (err.code === 'not-found') throw new ApiError(404, 'not_found', err.message);
  if (err.code === 'duplicate' || err.code === 'dialled' || err.code === 'used') throw new ApiError(409, 'conflict', err.message);
  throw new ApiError(400, 'bad_request', err.message);
}

/**
 * The voucher wallet and the recharge API. PINs arrive in request bodies only, are registered as
 * secrets before anything else happens (so no log line can carry them), and never leave again.
 */
export function walletRoutes(app: FastifyInstance, wallet: WalletApi, recharge: RechargeApi): void {
  app.get('/api/v1/vouchers', async () => ({ vouchers: wallet.list() }));

  app.post<{ Body: NewVoucher }>('/api/v1/vouchers', { schema: { body: CARD_BODY } }, async (request, reply) => {
    registerSecret(request.body.pin);
    try {
      return reply.code(201).send({ voucher: wallet.add(request.body) });
    } catch (err) {
      return walletError(err);
    }
  });

  app.delete<{ Params: { id: string } }>('/api/v1/vouchers/:id', async (request, reply) => {
    const id = Number(request.params.id);
    if (!Number.isInteger(id) || id < 1) throw new ApiError(400, 'bad_request', 'a card id is a positive whole number');
    try {
      wallet.remove(id);
    } catch (err) {
      return walletError(err);
    }
    return reply.code(204).send();
  });

  /** Dials the next card now, as the credit check would when the balance runs low. */
  app.post('/api/v1/vouchers/top-up', async () => {
    const outcome = await wallet.topUp('asked over HTTP');
    if (outcome.kind === 'no-sim') throw new ApiError(503, 'unavailable', 'the modem has no SIM the box knows yet');
    if (outcome.kind === 'empty' || outcome.kind === 'dialled-today') return { outcome: outcome.kind, voucher: null, result: null };
    return { outcome: 'dialled', voucher: outcome.voucher, cardsLeft: outcome.left, result: rechargeJson(outcome.result) };
  });

  app.post<{ Body: { code: string } }>(
    '/api/v1/recharge',
    { schema: { body: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', maxLength: 40 } } } } },
    async (request) => {
      registerSecret(request.body.code);
      return rechargeJson(await recharge.rechargeCode(request.body.code.trim(), `http:${request.ip}`));
    },
  );
}
