import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { RechargeRequestError } from '../../wallet/recharge-sources.js';
import type { ServiceAnswer } from '../../control/recharge-answer.js';
import { checkStylesheet } from '../stylesheet.js';
import { runRechargeService, SERVICE_FIELDS, type RechargeServiceDeps } from './recharge.js';

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

function page(title: string, body: string, css: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><link rel="stylesheet" href="${escape(css ?? '/recharge/form.css')}"></head>
<body>${body}</body></html>
`;
}

function form(css: string | null, destination: string, notice = ''): string {
  return `<h1>Recharge</h1>${notice}
<form method="post" action="/recharge">
<label for="destination">Destination (line or number)</label><input id="destination" name="destination" required maxlength="40" value="${escape(destination)}">
<fieldset><legend>Coupon</legend><label for="source_coupon">Coupon number</label><input id="source_coupon" name="source_coupon" inputmode="numeric" autocomplete="off" maxlength="40"></fieldset>
<fieldset><legend>Or a card</legend><label for="source_account">Account (card serial)</label><input id="source_account" name="source_account" autocomplete="off" maxlength="40">
<label for="source_pin">PIN</label><input id="source_pin" name="source_pin" type="password" inputmode="numeric" autocomplete="off" maxlength="40"></fieldset>
${css ? `<input type="hidden" name="css" value="${escape(css)}">` : ''}<button type="submit" name="submit" value="recharge">Recharge</button>
</form>`;
}

function answer(result: ServiceAnswer, css: string | null): string {
  const again = `<p><a href="/recharge${css ? `?css=${encodeURIComponent(css)}` : ''}">Recharge again</a></p>`;
  return `<h1>Recharge</h1><p class="${result.outcome === 'success' ? 'done' : 'refused'}" role="status">${escape(result.message)}</p>${again}`;
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

/** A stylesheet named by the page's caller, or none (the box's own); a bad one is refused. */
function stylesheetOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? checkStylesheet(value) : null;
}

/**
 * The embeddable recharge form (served when http.rechargeForm is on): `GET /recharge` is the form,
 * `POST /recharge` runs the same recharge service as the API and answers with a page. Neither needs
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
      const destination = typeof (request.body as Record<string, unknown> | undefined)?.destination === 'string' ? String((request.body as Record<string, unknown>).destination) : '';
      if (err instanceof RechargeRequestError) return securityHeaders(reply.code(400), css, options.ancestors).send(page('Recharge', form(css, destination, `<p class="refused" role="alert">${escape(err.message)}</p>`), css));
      if (err.statusCode === 429) return securityHeaders(reply.code(429), css, options.ancestors).send(page('Recharge', '<h1>Recharge</h1><p class="refused" role="alert">Too many attempts from your address: please wait a few minutes.</p>', css));
      if (err.statusCode && err.statusCode < 500) return securityHeaders(reply.code(400), css, options.ancestors).send(page('Recharge', form(css, '', '<p class="refused" role="alert">The request could not be read.</p>'), css));
      throw err;
    });

    scope.get('/recharge/form.css', { config: publicRoute }, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' }).send(DEFAULT_CSS));

    scope.get<{ Querystring: { css?: string; destination?: string } }>(
      '/recharge',
      { config: publicRoute, schema: { querystring: { type: 'object', additionalProperties: false, properties: { css: SERVICE_FIELDS.css, destination: SERVICE_FIELDS.destination } } } },
      async (request, reply) => {
        const css = stylesheetOf(request.query.css);
        return securityHeaders(reply, css, options.ancestors).send(page('Recharge', form(css, request.query.destination ?? ''), css));
      },
    );

    scope.post<{ Body: Record<string, string> }>(
      '/recharge',
      {
        config: { ...publicRoute, rateLimit: { max: options.maxPosts ?? 10, timeWindow: (options.windowMinutes ?? 10) * 60_000 } },
        schema: { body: { type: 'object', additionalProperties: false, properties: SERVICE_FIELDS } },
      },
      async (request, reply) => {
        const css = stylesheetOf(request.body.css);
        const result = await runRechargeService(deps, request.body, `form:${request.ip}`);
        return securityHeaders(reply, css, options.ancestors).send(page('Recharge', answer(result, css), css));
      },
    );
  });
}
