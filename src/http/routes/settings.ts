import type { FastifyInstance } from 'fastify';
import { COMMANDS } from '../../control/commands.js';
import type { ControlContext } from '../../control/context.js';
import type { Language } from '../../control/texts.js';
import type { Logger } from '../../log/logger.js';
import { registerSecret } from '../../log/secrets.js';
import { ApiError } from '../errors.js';
import { LANG_FIELD } from '../language.js';
import { SETTINGS, type CommandCall, type SettingEntry } from '../settings-list.js';

/** Where the settings live: the context a command's handlers get. */
export interface SettingsApi {
  context(): ControlContext;
}

/** A setting as the API shows it: what it is, its words in both languages, and its value (never a secret's). */
function view(entry: SettingEntry, ctx: ControlContext): Record<string, unknown> {
  const base = { id: entry.id, kind: entry.kind, label: entry.label, hint: entry.hint ?? null };
  switch (entry.kind) {
    case 'on-off':
    case 'numbers':
      return { ...base, value: entry.read(ctx) };
    case 'number':
      return { ...base, value: entry.read(ctx), unit: entry.unit(ctx) };
    case 'choice':
      return { ...base, value: entry.read(ctx), choices: entry.choices };
    case 'secret':
      return { ...base, value: null };
  }
}

/** The command a change of this setting is, or a refusal of a body that does not fit the setting's kind. */
function commandOf(entry: SettingEntry, body: ChangeBody, ctx: ControlContext): CommandCall {
  const wrong = (what: string) => new ApiError(400, 'bad_request', `${entry.id} takes ${what}`);
  if (entry.kind === 'numbers') {
    if (typeof body.add === 'string' && body.remove === undefined) return entry.add(body.add.trim());
    if (typeof body.remove === 'string' && body.add === undefined) return entry.remove(body.remove.trim());
    throw wrong('{"add": <number>} or {"remove": <number>}');
  }
  const { value } = body;
  if (entry.kind === 'on-off') {
    if (typeof value !== 'boolean') throw wrong('{"value": true|false}');
    return entry.change(value, ctx);
  }
  if (typeof value !== 'string') throw wrong('{"value": "<text>"}');
  if (entry.kind === 'secret') registerSecret(value.trim());
  return entry.change(value, ctx);
}

interface ChangeBody {
  value?: unknown;
  add?: unknown;
  remove?: unknown;
  /** The language the answer is worded in (the panel's); the box's reply language otherwise. */
  lang?: Language;
}

/**
 * GET /api/v1/settings and POST /api/v1/settings/<id>: the settings of the SMS config commands,
 * each change run by that command's own handler (its checks, its words), for a caller the token
 * vouches for — as an authenticated HTTP command would be.
 */
export function settingsRoutes(app: FastifyInstance, api: SettingsApi, logger: Logger): void {
  const log = logger.child({ channel: 'settings' });
  app.get('/api/v1/settings', async () => {
    const ctx = api.context();
    return { settings: SETTINGS.map((entry) => view(entry, ctx)) };
  });

  app.post<{ Params: { id: string }; Body: ChangeBody }>(
    '/api/v1/settings/:id',
    {
      schema: {
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,39}$' } } },
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            value: { anyOf: [{ type: 'boolean' }, { type: 'string', maxLength: 40 }] },
            add: { type: 'string', maxLength: 40 },
            remove: { type: 'string', maxLength: 40 },
            lang: LANG_FIELD,
          },
        },
      },
    },
    async (request) => {
      const entry = SETTINGS.find((candidate) => candidate.id === request.params.id);
      if (!entry) throw new ApiError(404, 'not_found', `no setting "${request.params.id}": the settings are ${SETTINGS.map((s) => s.id).join(', ')}`);
      const ctx = api.context();
      const call = commandOf(entry, request.body, ctx);
      const spec = COMMANDS[call.name];
      if (!spec) throw new Error(`setting ${entry.id} names ${call.name}, which is no command`);
      const client = `http:${request.ip}`;
      if (!ctx.mayConfigure(client, 'http')) throw new ApiError(403, 'forbidden', 'this caller may not change settings');
      const command = { password: '', replyTo: null, name: call.name, query: false, params: call.params };
      // Answered in the panel's language when it says; a change of LANG itself is the box's default.
      const language = request.body.lang ?? ctx.settings.language;
      const result = await spec.handler({ command, sender: client, channel: 'http', commandId: null, language }, ctx);
      // The setting and the command only: a new password is never logged, nor are the numbers.
      log.info({ setting: entry.id, command: call.name, client, ok: result.ok }, result.ok ? 'setting changed' : 'setting change refused');
      if (!result.ok) throw new ApiError(400, 'bad_request', result.text);
      return { setting: view(entry, api.context()), message: result.text };
    },
  );
}
