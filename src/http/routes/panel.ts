import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** The panel's files sit next to the compiled routes (the build copies src/http/panel to dist/http/panel). */
const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'panel');

const HTML = 'text/html; charset=utf-8';
const SCRIPT = 'text/javascript; charset=utf-8';

/** The panel's page, its stylesheet and its scripts (a module each: the pages, the plot, the words); the fleet page's are fleet.ts's. */
const SCRIPTS = ['panel.js', 'api.js', 'app.js', 'ui.js', 'i18n.js', 'words-en.js', 'words-bg.js', 'plot.js', 'status.js', 'recharge.js', 'cards.js', 'messages.js', 'settings.js'];
const FILES: Record<string, [file: string, type: string]> = {
  '/panel/': ['index.html', HTML],
  '/panel/panel.css': ['panel.css', 'text/css; charset=utf-8'],
  ...Object.fromEntries(SCRIPTS.map((file) => [`/panel/${file}`, [file, SCRIPT]])),
};

/** What a browser may load without the token: the page asks for the token and sends it with every API call. */
export const PANEL_PATHS = new Set(['/', '/panel', ...Object.keys(FILES)]);

/** Nothing but our own files may run or load on the page, and it may not be framed. */
export const PANEL_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** The web panel: one page of plain HTML, CSS and script over the same API a program would use. */
export function panelRoutes(app: FastifyInstance): void {
  const files = Object.entries(FILES).map(([url, [file, type]]) => ({ url, type, body: fs.readFileSync(path.join(DIR, file)) }));
  app.get('/', async (_request, reply) => reply.redirect('/panel/'));
  app.get('/panel', async (_request, reply) => reply.redirect('/panel/'));
  for (const { url, type, body } of files) {
    app.get(url, async (_request, reply) => reply.type(type).headers(PANEL_SECURITY_HEADERS).send(body));
  }
}
