import type { FastifyInstance } from 'fastify';
import { PHONE_RE } from '../../control/grammar.js';
import { answerRechargeErrors, destinationLine, type RechargeApi } from './recharge.js';

export interface SmsApi {
  /** Queues an SMS on a line's durable outbox; the outbox's limits (daily cap, hourly limit) apply as to any reply. */
  send(line: string, to: string, text: string): { id: number };
  /** Which line a request names (null: the default line). */
  lines: Pick<RechargeApi, 'resolveDestination'>;
}

/**
 * POST /api/v1/sms {"to", "text", "line"}: an SMS of the caller's own through a line's durable outbox
 * (token holders only), answered 202 with its outbox id once it is committed; what became of it is
 * in the outbox (and the events). `line` is a line's name, its SIM's number or IMSI; without it,
 * the default line.
 */
export function smsRoutes(app: FastifyInstance, api: SmsApi): void {
  void app.register(async (scope) => {
    answerRechargeErrors(scope);
    scope.post<{ Body: { to: string; text: string; line?: string } }>(
      '/api/v1/sms',
      {
        schema: {
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['to', 'text'],
            properties: {
              to: { type: 'string', pattern: PHONE_RE.source },
              text: { type: 'string', minLength: 1, maxLength: 1530 },
              line: { type: 'string', minLength: 1, maxLength: 40 },
            },
          },
        },
      },
      async (request, reply) => {
        const line = destinationLine(api.lines, request.body.line ?? null);
        const { id } = api.send(line, request.body.to, request.body.text);
        return reply.code(202).send({ id, line, status: 'queued' });
      },
    );
  });
}
