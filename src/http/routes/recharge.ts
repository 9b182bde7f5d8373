import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { registerSecret } from '../../log/secrets.js';
import type { RechargeResult } from '../../recharge/result.js';
import { readRechargeFields, rechargeFromSource, RechargeRequestError, type ResolveDestination } from '../../wallet/recharge-sources.js';
import type { Wallet } from '../../wallet/wallet.js';
import { errorBody } from '../errors.js';
import { rechargeJson, serviceAnswer, type ServiceAnswer } from '../recharge-answer.js';
import { checkStylesheet } from '../stylesheet.js';

export { rechargeJson } from '../recharge-answer.js';

/** What the box provides for recharging: the one recharge path, and which line a destination names. */
export interface RechargeApi {
  rechargeCode(code: string, requestedBy: string): Promise<RechargeResult>;
  resolveDestination: ResolveDestination;
}

export interface RechargeServiceDeps {
  recharge: RechargeApi;
  wallet: Pick<Wallet, 'cardToDial'>;
}

/** A destination that names no line: the lines there are come with the refusal. */
export class UnknownDestination extends RechargeRequestError {
  constructor(message: string, readonly lines: string[]) {
    super(message);
  }
}

/** The seed's variables: destination, source_account + source_pin, source_coupon, submit, css. */
export const SERVICE_FIELDS = {
  destination: { type: 'string', maxLength: 40 },
  source_account: { type: 'string', maxLength: 40 },
  source_pin: { type: 'string', maxLength: 40 },
  source_coupon: { type: 'string', maxLength: 40 },
  submit: { type: 'string', maxLength: 40 },
  css: { type: 'string', maxLength: 300 },
} as const;

/**
 * The recharge service: the destination resolved to a line, exactly one source, the dial through
 * the one recharge path, and the answer as the seed's IVR gives it.
 */
export async function runRechargeService(deps: RechargeServiceDeps, body: Record<string, unknown>, requestedBy: string): Promise<ServiceAnswer> {
  const fields = readRechargeFields(body);
  if (typeof body.css === 'string' && body.css.trim() !== '') checkStylesheet(body.css);
  const destination = deps.recharge.resolveDestination(fields.destination);
  if ('error' in destination) throw new UnknownDestination(destination.error, destination.lines);
  const outcome = await rechargeFromSource(fields.source, { cardToDial: (serial, pin) => deps.wallet.cardToDial(serial, pin), rechargeCode: (code, by) => deps.recharge.rechargeCode(code, by) }, requestedBy);
  return serviceAnswer(outcome, destination.line, fields.source.kind);
}

/** Request mistakes as 400 answers (with the lines there are, for an unknown destination). */
export function answerRechargeErrors(scope: FastifyInstance): void {
  scope.setErrorHandler((err, _request, reply) => {
    if (!(err instanceof RechargeRequestError)) throw err;
    return reply.code(400).send({ error: { ...errorBody('bad_request', err.message).error, ...(err instanceof UnknownDestination ? { lines: err.lines } : {}) } });
  });
}

/**
 * POST /api/v1/recharge, JSON or form-encoded (bearer token): the recharge service's variables, or
 * the older `{"code"}`, which recharges the box's own line with that code and answers as before.
 */
export function rechargeRoutes(app: FastifyInstance, deps: RechargeServiceDeps): void {
  void app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 4096 });
    answerRechargeErrors(scope);
    scope.post<{ Body: Record<string, string> }>(
      '/api/v1/recharge',
      { schema: { body: { type: 'object', additionalProperties: false, properties: { code: { type: 'string', maxLength: 40 }, ...SERVICE_FIELDS } } } },
      async (request) => {
        const { code, ...service } = request.body;
        if (code !== undefined) {
          registerSecret(code);
          if (Object.keys(service).length) throw new RechargeRequestError('code is the older form of the request: send it alone, or use source_coupon');
          return rechargeJson(await deps.recharge.rechargeCode(code.trim(), `http:${request.ip}`));
        }
        return runRechargeService(deps, service, `http:${request.ip}`);
      },
    );
  });
}
