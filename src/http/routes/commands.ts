import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

export interface CommandResponse {
  kind: 'answered' | 'dropped';
  commandId: number;
  name?: string;
  reply?: string | null;
  smsTo?: string | null;
  reason?: string;
}

export interface CommandApi {
  run(text: string, client: string, idempotencyKey: string | null): Promise<CommandResponse>;
}

/** POST /api/v1/commands {"text": "*123456 STAT?"}: the SMS grammar over HTTP, answer as JSON. */
export function commandRoutes(app: FastifyInstance, api: CommandApi): void {
  app.post<{ Body: { text: string } }>(
    '/api/v1/commands',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['text'],
          properties: { text: { type: 'string', minLength: 1, maxLength: 480 } },
        },
      },
    },
    async (request) => {
      const key = request.headers['idempotency-key'];
      if (key !== undefined && (typeof key !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(key))) {
        throw new ApiError(400, 'bad_request', 'Idempotency-Key must be 1–128 printable characters');
      }
      const outcome = await api.run(request.body.text, `http:${request.ip}`, key ?? null);
      if (outcome.kind === 'dropped') {
        // The token already proved who is asking, so unlike SMS a refusal is answered plainly.
        if (outcome.reason === 'wrong-password') throw new ApiError(403, 'wrong_password', 'the command password is wrong');
        throw new ApiError(400, 'not_a_command', 'expected *<password> [PH <phone>] <COMMAND> [params]');
      }
      return { commandId: outcome.commandId, command: outcome.name, reply: outcome.reply ?? null, smsTo: outcome.smsTo ?? null };
    },
  );
}
