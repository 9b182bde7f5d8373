import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import { LANG_FIELD } from '../language.js';
import { answerRechargeErrors, UnknownDestination } from './recharge.js';
import { noSuchLine, type Language } from '../../control/texts.js';

export interface CommandResponse {
  kind: 'answered' | 'dropped';
  commandId: number;
  name?: string;
  reply?: string | null;
  smsTo?: string | null;
  reason?: string;
  /** Whether an answered command did what it asked (false: refused, `reply` says why). */
  ok?: boolean;
}

export interface CommandApi {
  /** Runs a command addressed to a line (null: none named; the command's own rules then apply), answered in `lang` (null: the box's). */
  run(text: string, client: string, idempotencyKey: string | null, line: string | null, lang: 'en' | 'bg' | null): Promise<CommandResponse>;
  /** The name of the line a destination names (a line's name, its SIM's number or IMSI), up or not; null for none. */
  lineNamed(destination: string): string | null;
  /** The lines there are, for a refusal. */
  lineNames(): string[];
  /** The box's language: a request's answer, and its refusal, unless it names its own. */
  language(): Language;
}

/**
 * POST /api/v1/commands {"text": "*123456 STAT?", "destination": "a1", "lang": "bg"}: the SMS grammar
 * over HTTP, answer as JSON, in `lang` when given (else the box's language). `destination` (a line's name, its SIM's number or IMSI) is the line the command
 * acts on and replies by SMS from; it must name a line, which may be down (the command then says so).
 */
export function commandRoutes(app: FastifyInstance, api: CommandApi): void {
  void app.register(async (scope) => {
    // A destination that names no line is refused in the language the request asked for.
    answerRechargeErrors(scope, (request) => (request.body as { lang?: Language } | undefined)?.lang ?? api.language());
    scope.post<{ Body: { text: string; destination?: string; lang?: 'en' | 'bg' } }>(
      '/api/v1/commands',
      {
        schema: {
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['text'],
            properties: { text: { type: 'string', minLength: 1, maxLength: 480 }, destination: { type: 'string', minLength: 1, maxLength: 40 }, lang: LANG_FIELD },
          },
        },
      },
      async (request) => {
        const key = request.headers['idempotency-key'];
        if (key !== undefined && (typeof key !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(key))) {
          throw new ApiError(400, 'bad_request', 'Idempotency-Key must be 1–128 printable characters');
        }
        const line = request.body.destination === undefined ? null : namedLine(api, request.body.destination);
        const outcome = await api.run(request.body.text, `http:${request.ip}`, key ?? null, line, request.body.lang ?? null);
        if (outcome.kind === 'dropped') {
          // The token already proved who is asking, so unlike SMS a refusal is answered plainly.
          if (outcome.reason === 'wrong-password') throw new ApiError(403, 'wrong_password', 'the command password is wrong');
          if (outcome.reason === 'sender-locked-out') throw new ApiError(403, 'locked_out', 'too many wrong passwords from this caller: its commands are refused for now');
          throw new ApiError(400, 'not_a_command', 'expected *<password> [PH <phone>] <COMMAND> [params]');
        }
        return { commandId: outcome.commandId, command: outcome.name, reply: outcome.reply ?? null, smsTo: outcome.smsTo ?? null };
      },
    );
  });
}

/** The line a destination names, up or not: a command on a line that is down says so itself. */
function namedLine(api: CommandApi, destination: string): string {
  const line = api.lineNamed(destination);
  if (line !== null) return line;
  const lines = api.lineNames();
  throw new UnknownDestination(noSuchLine('en', destination, lines), lines, false, noSuchLine('bg', destination, lines));
}
