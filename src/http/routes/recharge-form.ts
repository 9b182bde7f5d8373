import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { maskDigits } from '../../log/secrets.js';
import { RechargeRequestError } from '../../wallet/recharge-sources.js';
import type { ServiceAnswer } from '../../control/recharge-answer.js';
import type { Language } from '../../control/texts.js';
import EN from '../panel/words-en.js';
import BG from '../panel/words-bg.js';
import { checkStylesheet } from '../stylesheet.js';
import { answerLanguage, runRechargeService, SERVICE_FIELDS, UnknownDestination, type RechargeServiceDeps } from './recharge.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without the bearer token (the recharge form). */
    public?: boolean;
  }
}

export interface RechargeFormOptions {
  /** Who may frame the form: CSP frame-ancestors sources (`*`, `'self'`, `https://shop.example`). */
  ancestors: string[];
  /** Form posts per client address in `windowMinutes`, before it is told to wait. */
  maxPosts?: number;
  windowMinutes?: number;
}

/** The form's own look when no stylesheet is named. */
const DEFAULT_CSS = `body{font:16px/1.4 system-ui,sans-serif;margin:1rem;max-width:28rem}
label{display:block;margin:.6rem 0 .2rem}input{font:inherit;width:100%;box-sizing:border-box;padding:.4rem}
fieldset{border:1px solid #ccc;margin:.8rem 0}button{font:inherit;margin-top:1rem;padding:.5rem 1.2rem}
.refused{color:#a00}.done{color:#060}`;

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The form's words come from the panel's dictionaries (a key Bulgarian lacks is said in English). */
const WORDS: Record<Language, Readonly<Record<string, string>>> = { en: EN, bg: BG };

/** How a page of the form looks: its stylesheet (null: the box's own) and its language. */
interface Look {
  css: string | null;
  lang: Language;
}

const word = (look: Look, key: string): string => escape(WORDS[look.lang][key] ?? EN[key] ?? key);

/** A whole page, with the heading every page of the form has. */
function page(look: Look, body: string): string {
  const title = word(look, 'nav.recharge');
  return `<!doctype html>
<html lang="${look.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="${escape(look.css ?? '/recharge/form.css')}"></head>
<body><h1>${title}</h1>${body}</body></html>
`;
}

/** The form, carrying its stylesheet and its language on to the answer. */
function form(look: Look, destination: string, notice = ''): string {
  return `${notice}
<form method="post" action="/recharge">
<label for="destination">${word(look, 'form.destination')}</label><input id="destination" name="destination" required maxlength="40" value="${escape(destination)}">
<fieldset><legend>${word(look, 'form.coupon')}</legend><label for="source_coupon">${word(look, 'form.couponNumber')}</label><input id="source_coupon" name="source_coupon" inputmode="numeric" autocomplete="off" maxlength="40"></fieldset>
<fieldset><legend>${word(look, 'form.card')}</legend><label for="source_account">${word(look, 'form.account')}</label><input id="source_account" name="source_account" autocomplete="off" maxlength="40">
<label for="source_pin">${word(look, 'recharge.pin')}</label><input id="source_pin" name="source_pin" type="password" inputmode="numeric" autocomplete="off" maxlength="40"></fieldset>
${look.css ? `<input type="hidden" name="css" value="${escape(look.css)}">` : ''}<input type="hidden" name="lang" value="${look.lang}"><button type="submit" name="submit" value="recharge">${word(look, 'recharge.submit')}</button>
</form>`;
}

function answer(result: ServiceAnswer, look: Look): string {
  const query = new URLSearchParams({ ...(look.css ? { css: look.css } : {}), lang: look.lang });
  const again = `<p><a href="/recharge?${escape(query.toString())}">${word(look, 'form.again')}</a></p>`;
  return `<p class="${result.outcome === 'success' ? 'done' : 'refused'}" role="status">${escape(result.message)}</p>${again}`;
}

/**
 * The page's own policy: nothing runs, nothing loads but the one stylesheet, the form posts only
 * back to the box, and only the configured sites may frame it.
 */
function securityHeaders(reply: FastifyReply, css: string | null, ancestors: string[]): FastifyReply {
  return reply.type('text/html; charset=utf-8').headers({
    'content-security-policy': `default-src 'none'; style-src ${css ?? "'self'"}; form-action 'self'; frame-ancestors ${ancestors.join(' ')}; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
}

/**
 * The form's `lang`, on its GET and its POST: any short text, one it does not know passed over for
 * Accept-Language, then the box's (as `answerLanguage` reads it) — a shop's link with `lang=fr`
 * still shows the form. The API's `lang` stays strict.
 */
const FORM_FIELDS = { ...SERVICE_FIELDS, lang: { type: 'string', maxLength: 40 } } as const;

/**
 * What the refused form's destination field is filled with again: as typed, so a SIM's number
 * survives a bad coupon — unless it named no line, when it may be a code typed into the wrong field
 * and comes back masked (nothing a line could be is lost).
 */
function destinationAgain(err: RechargeRequestError, typed: string): string {
  return err instanceof UnknownDestination && !err.unavailable ? maskDigits(typed) : typed;
}

/** A stylesheet named by the page's caller, or none (the box's own); a bad one is refused. */
function stylesheetOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? checkStylesheet(value) : null;
}

/**
 * The embeddable recharge form (served when http.rechargeForm is on): `GET /recharge` is the form,
 * `POST /recharge` runs the same recharge service as the API and answers with a page, each in the
 * language the request asks for (`lang`, else Accept-Language, else the box's). Neither needs
 * the token, which must never sit in a public page: the form can only recharge this box's own
 * lines with a coupon or a wallet card's serial and PIN — money in, never out — and each client
 * address gets a few posts per window, with the SIM's attempt budget as the last guard.
 */
export function rechargeFormRoutes(app: FastifyInstance, deps: RechargeServiceDeps, options: RechargeFormOptions): void {
  const publicRoute = { public: true };
  void app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 4096 });
    await scope.register(rateLimit, { global: false });
    scope.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
      const css = (() => {
        try {
          return stylesheetOf((request.body as Record<string, unknown> | undefined)?.css ?? (request.query as Record<string, unknown>).css);
        } catch {
          return null;
        }
      })();
      const look = { css, lang: answerLanguage(request, deps.recharge) };
      const destination = typeof (request.body as Record<string, unknown> | undefined)?.destination === 'string' ? String((request.body as Record<string, unknown>).destination) : '';
      const refusal = (text: string): string => `<p class="refused" role="alert">${text}</p>`;
      if (err instanceof RechargeRequestError) return securityHeaders(reply.code(400), css, options.ancestors).send(page(look, form(look, destinationAgain(err, destination), refusal(escape(err.in(look.lang))))));
      if (err.statusCode === 429) return securityHeaders(reply.code(429), css, options.ancestors).send(page(look, refusal(word(look, 'form.wait'))));
      if (err.statusCode && err.statusCode < 500) return securityHeaders(reply.code(400), css, options.ancestors).send(page(look, form(look, '', refusal(word(look, 'form.unreadable')))));
      throw err;
    });

    scope.get('/recharge/form.css', { config: publicRoute }, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' }).send(DEFAULT_CSS));

    scope.get<{ Querystring: { css?: string; destination?: string; lang?: string } }>(
      '/recharge',
      {
        config: publicRoute,
        schema: { querystring: { type: 'object', additionalProperties: false, properties: { css: FORM_FIELDS.css, destination: FORM_FIELDS.destination, lang: FORM_FIELDS.lang } } },
      },
      async (request, reply) => {
        const look = { css: stylesheetOf(request.query.css), lang: answerLanguage(request, deps.recharge) };
        return securityHeaders(reply, look.css, options.ancestors).send(page(look, form(look, request.query.destination ?? '')));
      },
    );

    scope.post<{ Body: Record<string, string> }>(
      '/recharge',
      {
        config: { ...publicRoute, rateLimit: { max: options.maxPosts ?? 10, timeWindow: (options.windowMinutes ?? 10) * 60_000 } },
        schema: { body: { type: 'object', additionalProperties: false, properties: FORM_FIELDS } },
      },
      async (request, reply) => {
        const look = { css: stylesheetOf(request.body.css), lang: answerLanguage(request, deps.recharge) };
        const result = await runRechargeService(deps, request.body, `form:${request.ip}`, look.lang);
        return securityHeaders(reply, look.css, options.ancestors).send(page(look, answer(result, look)));
      },
    );
  });
}
