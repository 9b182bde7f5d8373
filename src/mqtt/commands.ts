import { Ajv } from 'ajv';
import { PHONE_RE } from '../control/grammar.js';
import { maskDigits, registerSecret } from '../log/secrets.js';
import { LEVEL_RE, type BoxTopics, type HaCommand } from './topics.js';

/** Home Assistant's notify text: `<number>: <message>` with a number as the SMS grammar takes one, or the message alone. */
const ADDRESSED_SMS = new RegExp(`^(${PHONE_RE.source.slice(1, -1)})\\s*:\\s*([\\s\\S]+)$`);

/** The actions a command may ask for by name, with their arguments. */
export const ACTIONS = ['recharge', 'check-balance', 'send-sms', 'top-up', 'restart-modem'] as const;
export type ActionName = (typeof ACTIONS)[number];

/** `lang`: the language the answer is worded in (null: the box's). */
export type Request =
  | { kind: 'text'; line: string | null; text: string; lang: 'en' | 'bg' | null }
  | { kind: 'recharge'; line: string | null; code: string; lang: 'en' | 'bg' | null }
  | { kind: 'check-balance'; line: string | null }
  /** `to` null: the line's Notify group. */
  | { kind: 'send-sms'; line: string | null; to: string | null; text: string }
  | { kind: 'top-up'; line: string | null; lang: 'en' | 'bg' | null }
  | { kind: 'restart-modem'; line: string | null };

export type ErrorCode = 'bad_request' | 'unknown_action' | 'expired' | 'unknown_line' | 'not_a_command' | 'interrupted' | 'failed';

/** Where an answer goes: the MQTT 5 response topic with its correlation data, else `res/<id>`. */
export interface ReplyTo {
  topic: string;
  /** base64 */
  correlation: string | null;
}

export type ReadCommand =
  | { ok: true; id: string; replyTo: ReplyTo; expires: number | null; request: Request }
  /** `id` null: nothing usable to answer by, so the answer goes to the box's errors topic. */
  | { ok: false; id: string | null; replyTo: ReplyTo; code: ErrorCode; message: string };

/** A command payload is read up to this size; anything longer is refused unread. */
export const MAX_COMMAND_BYTES = 8 * 1024;

const ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;
const ISO_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const CODE_RE = /^[0-9]{1,40}$/;

const ajv = new Ajv({ allErrors: false, strict: true });
const envelope = ajv.compile({
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: {
    id: { type: 'string', pattern: ID_RE.source },
    text: { type: 'string', minLength: 1, maxLength: 480 },
    action: { type: 'string', maxLength: 40 },
    args: { type: 'object' },
    line: { type: 'string', pattern: LEVEL_RE.source },
    replyTo: { type: 'string', minLength: 1, maxLength: 256 },
    expires: { type: 'string', pattern: ISO_TIME_RE.source },
    lang: { enum: ['en', 'bg'] },
  },
});
const noArgs = { type: 'object', additionalProperties: false, properties: {} } as const;
const argsOf: Record<ActionName, ReturnType<typeof ajv.compile>> = {
  recharge: ajv.compile({ type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', pattern: CODE_RE.source } } }),
  'send-sms': ajv.compile({
    type: 'object',
    additionalProperties: false,
    required: ['text'],
    properties: { to: { type: 'string', pattern: PHONE_RE.source }, text: { type: 'string', minLength: 1, maxLength: 480 } },
  }),
  'check-balance': ajv.compile(noArgs),
  'top-up': ajv.compile(noArgs),
  'restart-modem': ajv.compile(noArgs),
};

const problem = (validate: { errors?: Array<{ instancePath: string; message?: string }> | null }): string =>
  (validate.errors ?? []).map((e) => `${e.instancePath || 'the payload'} ${e.message ?? 'is not valid'}`).join('; ');

/** A topic an answer may be sent to: below the box's `res/`, with no wildcard, so the box writes only its own topics. */
function answerTopic(topic: string | undefined, topics: BoxTopics): string | null {
  if (topic === undefined) return null;
  return topic.startsWith(topics.answers) && topic.length > topics.answers.length && topic.length <= 256 && !/[+#\u0000]/.test(topic) ? topic : null;
}

/**
 * Reads a command from `<base>/<box>/cmd`: `{"id", "text"}` (the SMS grammar) or
 * `{"id", "action", "args"}`, with `line`, `expires` (RFC 3339), `replyTo` and `lang` optional (it words the
 * answer of a text, a recharge or a top-up; the other answers have no words to choose). Every
 * field is checked before anything runs; a code is registered as a secret the moment it is read,
 * so no log line can show it.
 */
export function readCommand(payload: Buffer, properties: { responseTopic?: string; correlationData?: Buffer } | undefined, topics: BoxTopics): ReadCommand {
  const v5Topic = answerTopic(properties?.responseTopic, topics);
  const correlation = v5Topic && properties?.correlationData ? properties.correlationData.toString('base64') : null;
  const fail = (id: string | null, replyTo: ReplyTo | null, code: ErrorCode, message: string): ReadCommand =>
    ({ ok: false, id, replyTo: replyTo ?? { topic: v5Topic ?? topics.errors, correlation }, code, message });
  if (payload.length > MAX_COMMAND_BYTES) return fail(null, null, 'bad_request', `a command is at most ${MAX_COMMAND_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    return fail(null, null, 'bad_request', 'not JSON: send {"id", "text"} or {"id", "action", "args"}');
  }
  const rawId = typeof body === 'object' && body !== null && typeof (body as { id?: unknown }).id === 'string' ? (body as { id: string }).id : null;
  const id = rawId !== null && ID_RE.test(rawId) ? rawId : null;
  // The code is a secret from here on, whatever else is wrong with the command.
  const code = (body as { args?: { code?: unknown } } | null)?.args?.code;
  if (typeof code === 'string' && CODE_RE.test(code)) registerSecret(code);
  const payloadTopic = typeof (body as { replyTo?: unknown } | null)?.replyTo === 'string' ? answerTopic((body as { replyTo: string }).replyTo, topics) : null;
  const replyTo: ReplyTo | null = id === null ? null : v5Topic ? { topic: v5Topic, correlation } : { topic: payloadTopic ?? topics.answer(id), correlation: null };
  if (!envelope(body)) return fail(id, replyTo, 'bad_request', problem(envelope));
  const command = body as { id: string; text?: string; action?: string; args?: unknown; line?: string; replyTo?: string; expires?: string; lang?: 'en' | 'bg' };
  if (command.replyTo !== undefined && payloadTopic === null) return fail(id, replyTo, 'bad_request', `replyTo must be a topic below ${topics.answers}`);
  const expires = command.expires === undefined ? null : Date.parse(command.expires);
  if (Number.isNaN(expires)) return fail(id, replyTo, 'bad_request', 'expires is not a date and time');
  const line = command.line ?? null;
  const lang = command.lang ?? null;
  const ok = (request: Request): ReadCommand => ({ ok: true, id: command.id, replyTo: replyTo!, expires, request });
  if ((command.text === undefined) === (command.action === undefined)) return fail(id, replyTo, 'bad_request', 'give either "text" or "action"');
  if (command.text !== undefined) {
    if (command.args !== undefined) return fail(id, replyTo, 'bad_request', '"args" go with an "action"');
    return ok({ kind: 'text', line, text: command.text, lang });
  }
  const action = command.action as ActionName;
  // What was asked is echoed with its digits masked: it may be a code pasted into the wrong field.
  if (!(ACTIONS as readonly string[]).includes(action)) return fail(id, replyTo, 'unknown_action', `unknown action "${maskDigits(command.action!.slice(0, 40))}" (known: ${ACTIONS.join(', ')})`);
  const args = command.args ?? {};
  const validate = argsOf[action];
  if (!validate(args)) return fail(id, replyTo, 'bad_request', `args: ${problem(validate)}`);
  const a = args as { code?: string; to?: string; text?: string };
  if (action === 'recharge') return ok({ kind: 'recharge', line, code: a.code!, lang });
  if (action === 'send-sms') return ok({ kind: 'send-sms', line, to: a.to ?? null, text: a.text! });
  if (action === 'top-up') return ok({ kind: 'top-up', line, lang });
  return ok({ kind: action, line });
}

/**
 * What one of Home Assistant's entities sent: a button's press, the text entity's code, the
 * notify entity's message (`+359888123456: text` for one number, else the line's Notify group).
 * Null for anything else; none of them has an id, so each press is one request.
 */
export function readHaCommand(line: string, command: HaCommand, payload: Buffer): Request | null {
  if (payload.length > MAX_COMMAND_BYTES) return null;
  const text = payload.toString('utf8').trim();
  if (command === 'recharge') {
    if (!CODE_RE.test(text)) return null;
    registerSecret(text);
    return { kind: 'recharge', line, code: text, lang: null };
  }
  if (command === 'send-sms') {
    const addressed = ADDRESSED_SMS.exec(text);
    const [to, message] = addressed ? [addressed[1]!, addressed[2]!.trim()] : [null, text];
    return message.length >= 1 && message.length <= 480 ? { kind: 'send-sms', line, to, text: message } : null;
  }
  if (text !== 'PRESS') return null;
  return command === 'top-up' ? { kind: 'top-up', line, lang: null } : { kind: command, line };
}
