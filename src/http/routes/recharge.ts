import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../../control/texts.js';
import { registerSecret } from '../../log/secrets.js';
import type { RechargeResult } from '../../recharge/result.js';
import { readRechargeFields, rechargeFromSource, RechargeRequestError, type ResolveDestination } from '../../wallet/recharge-sources.js';
import type { Wallet } from '../../wallet/wallet.js';
import { errorBody } from '../errors.js';
import { LANG_FIELD, requestLanguage } from '../language.js';
import { rechargeJson, serviceAnswer, type ServiceAnswer } from '../../control/recharge-answer.js';
import { checkStylesheet } from '../stylesheet.js';

export { rechargeJson } from '../../control/recharge-answer.js';

/** What the box provides for recharging: each line's one recharge path, which line a destination names, and how it replies. */
export interface RechargeApi {
  rechargeCode(code: string, requestedBy: string, line: string): Promise<RechargeResult>;
  resolveDestination: ResolveDestination;
  /** The box's reply language (for a request that asks for none) and the script of its Bulgarian SMS. */
  replies(): { language: Language; script: 'latin' | 'cyrillic' };
}

export interface RechargeServiceDeps {
  recharge: RechargeApi;
  wallet: Pick<Wallet, 'cardToDial'>;
}

/** A destination that names no line, or a line that is not up: the lines there are come with the refusal. */
export class UnknownDestination extends RechargeRequestError {
  constructor(message: string, readonly lines: string[], readonly unavailable = false, bulgarian = message) {
    super(message, bulgarian);
  }
}

/** The line a request is for, or the refusal that names the lines there are. */
export function destinationLine(recharge: Pick<RechargeApi, 'resolveDestination'>, destination: string | null): string {
  const resolved = recharge.resolveDestination(destination);
  if ('error' in resolved) throw new UnknownDestination(resolved.error, resolved.lines, resolved.unavailable, resolved.errorBg);
  return resolved.line;
}

/** The seed's variables: destination, source_account + source_pin, source_coupon, submit, css; and the answer's language. */
export const SERVICE_FIELDS = {
  destination: { type: 'string', maxLength: 40 },
  source_account: { type: 'string', maxLength: 40 },
  source_pin: { type: 'string', maxLength: 40 },
  source_coupon: { type: 'string', maxLength: 40 },
  submit: { type: 'string', maxLength: 40 },
  css: { type: 'string', maxLength: 300 },
  lang: LANG_FIELD,
} as const;

const langOf = (fields: unknown): unknown => (typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>).lang : undefined);

/**
 * The language a recharge request is answered in: the `lang` it names (a field, else a query
 * parameter), else the one its Accept-Language prefers, else the box's.
 */
export function answerLanguage(request: FastifyRequest, recharge: Pick<RechargeApi, 'replies'>): Language {
  return requestLanguage([langOf(request.body), langOf(request.query)], request.headers['accept-language'], recharge.replies().language);
}

/**
 * The recharge service: the destination resolved to a line, exactly one source, the dial through
 * the one recharge path, and the answer as the seed's IVR gives it, in `lang`.
 */
export async function runRechargeService(deps: RechargeServiceDeps, body: Record<string, unknown>, requestedBy: string, lang: Language): Promise<ServiceAnswer> {
  const fields = readRechargeFields(body);
  if (typeof body.css === 'string' && body.css.trim() !== '') checkStylesheet(body.css);
  const line = destinationLine(deps.recharge, fields.destination);
  const outcome = await rechargeFromSource(fields.source, { cardToDial: (serial, pin) => deps.wallet.cardToDial(serial, pin, line), rechargeCode: (code, by) => deps.recharge.rechargeCode(code, by, line) }, requestedBy);
  return serviceAnswer(outcome, line, fields.source.kind, lang);
}

/**
 * A recharge request's mistake as its answer, in `lang` — 400, or 503 for a line that is not up,
 * with the lines there are — or null for any other error.
 */
export function rechargeErrorReply(err: unknown, reply: FastifyReply, lang: Language = 'en'): FastifyReply | null {
  if (!(err instanceof RechargeRequestError)) return null;
  const message = err.in(lang);
  if (err instanceof UnknownDestination && err.unavailable) return reply.code(503).send({ error: { ...errorBody('unavailable', message).error, lines: err.lines } });
  return reply.code(400).send({ error: { ...errorBody('bad_request', message).error, ...(err instanceof UnknownDestination ? { lines: err.lines } : {}) } });
}

/**
 * Request mistakes of one scope answered as rechargeErrorReply says, in the language `languageOf`
 * gives the request (English unless told); other errors go on to the server's handler.
 */
export function answerRechargeErrors(scope: FastifyInstance, languageOf: (request: FastifyRequest) => Language = () => 'en'): void {
  scope.setErrorHandler((err, request, reply) => {
    const answered = rechargeErrorReply(err, reply, languageOf(request));
    if (answered) return answered;
    throw err;
  });
}

/**
 * POST /api/v1/recharge, JSON or form-encoded (bearer token): the recharge service's variables, or
 * the older `{"code"}` (with a `destination` on a box of several lines), which recharges that line
 * with that code and answers as before. Either answers in the language answerLanguage chooses.
 */
export function rechargeRoutes(app: FastifyInstance, deps: RechargeServiceDeps): void {
  void app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 4096 });
    answerRechargeErrors(scope, (request) => answerLanguage(request, deps.recharge));
    scope.post<{ Body: Record<string, string> }>(
      '/api/v1/recharge',
      {
        schema: {
          body: { type: 'object', additionalProperties: false, properties: { code: { type: 'string', maxLength: 40 }, ...SERVICE_FIELDS } },
          querystring: { type: 'object', properties: { lang: LANG_FIELD } },
        },
      },
      async (request) => {
        const lang = answerLanguage(request, deps.recharge);
        const { code, lang: _named, ...service } = request.body;
        if (code !== undefined) {
          registerSecret(code);
          const { destination, ...others } = service;
          if (Object.keys(others).length) {
            throw new RechargeRequestError(
              'code is the older form of the request: send it alone (or with a destination), or use source_coupon',
              'code е по-старата форма на заявката: изпратете го сам (или с destination) или използвайте source_coupon',
            );
          }
          const result = await deps.recharge.rechargeCode(code.trim(), `http:${request.ip}`, destinationLine(deps.recharge, destination ?? null));
          return rechargeJson(result, lang, deps.recharge.replies().script);
        }
        return runRechargeService(deps, service, `http:${request.ip}`, lang);
      },
    );
  });
}
