import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { registerSecret } from '../../log/secrets.js';
import { ApiError } from '../errors.js';
import { PANEL_SECURITY_HEADERS } from './panel.js';
import { acceptedLanguage, LANG_FIELD } from '../language.js';
import type { Language } from '../../control/texts.js';

/** What the console's page needs of the fleet (the MQTT bridge's fleet client provides it). */
export interface FleetConsoleSource {
  /** Every box and line, those that need looking at first. */
  boxes(): unknown[];
  /** A command to a box, and its answer. */
  request(box: string, body: Record<string, unknown>, options: { timeoutMs: number }): Promise<Record<string, unknown>>;
}

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'panel');
const FILES: Record<string, [file: string, type: string]> = {
  '/panel/fleet.html': ['fleet.html', 'text/html; charset=utf-8'],
  '/panel/fleet.js': ['fleet.js', 'text/javascript; charset=utf-8'],
};
const LEVEL = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;

/**
 * The fleet page of the web panel: every box on the broker with its lines' balance and days left,
 * problems first, and a recharge per line (a code typed in, or the box's own wallet). The page
 * and its script are served like the panel's (they ask for the token); the API needs it.
 */
export function fleetRoutes(app: FastifyInstance, source: FleetConsoleSource): void {
  for (const [url, [file, type]] of Object.entries(FILES)) {
    const body = fs.readFileSync(path.join(DIR, file));
    app.get(url, { config: { public: true } }, async (_request, reply) => reply.type(type).headers(PANEL_SECURITY_HEADERS).send(body));
  }
  app.get('/api/v1/fleet', async () => ({ boxes: source.boxes() }));
  app.post<{ Body: { box: string; line: string; code?: string; lang?: Language } }>(
    '/api/v1/fleet/recharge',
    {
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['box', 'line'], properties: { box: LEVEL, line: LEVEL, code: { type: 'string', pattern: '^[0-9]{5,30}$' }, lang: LANG_FIELD } },
      },
    },
    async (request) => {
      const { box, line, code } = request.body;
      if (code) registerSecret(code);
      // The language the page's reader asked for (lang, else the browser's); none: the box answers in its own.
      const lang = request.body.lang ?? acceptedLanguage(request.headers['accept-language']);
      const body = { ...(code ? { action: 'recharge', line, args: { code } } : { action: 'top-up', line }), ...(lang ? { lang } : {}) };
      try {
        return await source.request(box, body, { timeoutMs: 60_000 });
      } catch (err) {
        throw new ApiError(504, 'unavailable', err instanceof Error ? err.message : String(err));
      }
    },
  );
}
