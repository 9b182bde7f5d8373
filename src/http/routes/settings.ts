import type { FastifyInstance } from 'fastify';
import type { ControlContext } from '../../control/context.js';
import { commandText } from '../../control/grammar.js';
import type { Language } from '../../control/texts.js';
import type { Logger } from '../../log/logger.js';
import { registerSecret } from '../../log/secrets.js';
import { ApiError } from '../errors.js';
import { LANG_FIELD } from '../language.js';
import { SETTINGS, type CommandCall, type SettingEntry } from '../settings-list.js';
import type { CommandResponse } from './commands.js';

/** Where the settings live, and the command pipeline a change goes through. */
export interface SettingsApi {
  /** The context a command's handlers get, to read the settings as they stand. */
  context(): ControlContext;
  /**
   * Runs a config command (`CREDITCFG ON,5`: the text after the password, which the token stands
   * for) from `client` as an HTTP command is run: recorded, answered, told as `command-answered`.
   */
  run(command: string, client: string, lang: Language | null): Promise<CommandResponse>;
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

/** The command a change of this setting is, as an SMS would read after the password (`CREDITCFG ,4`), or a refusal. */
function commandOf(entry: SettingEntry, body: ChangeBody, ctx: ControlContext): { name: string; text: string } {
  const wrong = (what: string) => new ApiError(400, 'bad_request', `${entry.id} takes ${what}`);
  const call = callOf(entry, body, ctx, wrong);
  const text = commandText(call.name, call.params);
  if (text !== null) return { name: call.name, text };
  // Nothing run, nothing recorded: no SMS could say it either.
  throw wrong(entry.kind === 'number' ? `a dot for decimals (2.50): a comma separates the fields of ${call.name}` : `a value that is one field of ${call.name} (no comma, no lone "?")`);
}

/** The setting's command and its parameters, or a refusal of a body that does not fit the setting's kind. */
function callOf(entry: SettingEntry, body: ChangeBody, ctx: ControlContext, wrong: (what: string) => ApiError): CommandCall {
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
 * each change that setting's command run as an HTTP command is, for a caller the token vouches
 * for: its handler's checks and words, and the same trail — the command in the message log with
 * its answer (the password hidden), and its `command-answered` event.
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
      const command = commandOf(entry, request.body, api.context());
      const client = `http:${request.ip}`;
      // Answered in the panel's language when it says; a change of LANG itself is the box's default.
      const outcome = await api.run(command.text, client, request.body.lang ?? null);
      // The setting and the command only: a new password is never logged, nor are the numbers.
      log.info({ setting: entry.id, command: command.name, commandId: outcome.commandId, client, ok: outcome.ok ?? null }, outcome.ok ? 'setting changed' : 'setting change refused');
      // A caller the box stopped listening to (repeated wrong passwords from its address).
      if (outcome.kind === 'dropped') throw new ApiError(403, 'forbidden', `this caller may not change settings now (${outcome.reason})`);
      if (!outcome.ok) throw new ApiError(400, 'bad_request', outcome.reply ?? `${command.name} was refused`);
      return { setting: view(entry, api.context()), message: outcome.reply };
    },
  );
}
