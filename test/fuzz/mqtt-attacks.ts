/**
 * Hostile publications to a box's MQTT bridge: commands on `<prefix>/cmd` well-formed and not —
 * random bytes, cut or nested JSON, huge strings, wrong types in every field, unknown actions,
 * expired commands, invalid UTF-8, texts through the SMS grammar with wrong passwords and codes
 * written every way — and payloads on Home Assistant's command topics, `homeassistant/status` and
 * random topics below the box's prefix.
 */
import type { Random } from './random.js';
import { codeForm, commandText, PASSWORD, passwordOf, type CodeForm } from './texts.js';

export interface MqttAttack {
  label: string;
  topic: string;
  payload: Buffer;
  /** Sent twice, the second copy the same id and bytes. */
  twice: boolean;
  codes: CodeForm[];
  /** A text command whose password is not the box's (never answered but by an error). */
  wrongPassword: boolean;
  /** Numbers an SMS may go to: a PH in its text (an answer), or a send-sms action's `to`. */
  targets: string[];
}

/** What the box takes for an id: the schema's pattern, written apart from it. */
const USABLE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
/** A command longer than this is refused unread (the README's 8 KiB). */
const MAX_COMMAND_BYTES = 8 * 1024;
const ACTIONS = ['recharge', 'check-balance', 'send-sms', 'top-up'];
const UNKNOWN_ACTIONS = ['format-disk', 'RECHARGE', 'recharge ', 'rm -rf /', '__proto__', 'constructor', 'toString', '', 'check_balance', 'Recharge', 'top-up\u0000'];
const HA_COMMANDS = ['check-balance', 'top-up', 'recharge', 'send-sms', 'restart', 'ha', '', 'recharge/x'];
const ODD_LEVELS = ['main', 'sim9', 'cmd', 'res', 'errors', 'status', '..', '.', ' ', 'ä', '$SYS', 'MAIN', 'main ', '%2F', '😀'];
/** Values of every JSON type but the one a field wants. */
function wrongValue(r: Random, code: string): unknown {
  return r.pick<unknown>([null, true, 0, -1, 1e308, 123456789012345678901234567890, [], [code], {}, { code }, '', ' ', code, Number(code.slice(0, 15)), 'x'.repeat(r.int(41, 600)), '\u0000', { $gt: '' }]);
}

/** A JSON text nested `depth` deep, in arrays or objects, optionally with a code at the bottom. */
function nested(r: Random, depth: number, code: string): string {
  const inArrays = r.chance(0.5);
  const open = inArrays ? '[' : '{"a":';
  const close = inArrays ? ']' : '}';
  return `${open.repeat(depth)}"${code}"${close.repeat(depth)}`;
}

function randomBytes(r: Random, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = r.int(0, 255);
  return out;
}

/** Bytes that are not UTF-8 (a lone continuation byte, an overlong form, a surrogate's encoding, a cut sequence). */
const BAD_UTF8 = [[0xff], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfe, 0xfe, 0xff, 0xff]];

function withBadUtf8(r: Random, json: string): Buffer {
  const bytes = Buffer.from(json, 'utf8');
  const at = r.int(0, bytes.length);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(r.pick(BAD_UTF8)), bytes.subarray(at)]);
}

/** One attack: case `index`, drawn from `r`; `voucher` a real card when the case uses one. */
export function mqttAttack(r: Random, prefix: string, index: number, voucher: string | null): MqttAttack {
  const id = `c${index}`;
  const base = { twice: false, codes: [] as CodeForm[], wrongPassword: false, targets: [] as string[], topic: `${prefix}/cmd` };
  const json = (label: string, body: unknown, extra: Partial<MqttAttack> = {}): MqttAttack => ({ ...base, label, payload: Buffer.from(JSON.stringify(body)), ...extra });
  const roll = r.int(0, 99);
  if (roll < 3) {
    // A code written where a name goes (as a person pastes it in the wrong box): whatever is echoed of it is masked.
    const form = codeForm(r, null);
    const field = r.pick(['action', 'line', 'lang', 'replyTo', 'expires']);
    const body: Record<string, unknown> = field === 'action' ? { id, action: form.written, args: {} } : { id, text: `*${PASSWORD} STAT?`, [field]: form.written };
    return json(`a code in ${field}`, body, { codes: [form] });
  }
  if (roll < 28) {
    // A text through the SMS grammar; a right password never with a config command (it would change the box).
    let made = commandText(r, voucher);
    while (passwordOf(made.text) === PASSWORD && made.config) made = commandText(r, voucher);
    const right = passwordOf(made.text) === PASSWORD;
    const ph = /\sPH\s+(\S+)/i.exec(made.text.slice(made.text.indexOf('*')))?.[1];
    const extra: Record<string, unknown> = {};
    if (r.chance(0.1)) extra.lang = r.pick(['en', 'bg']);
    if (r.chance(0.05)) extra.line = r.pick(ODD_LEVELS.filter((l) => /^[A-Za-z0-9_-]+$/.test(l)));
    if (r.chance(0.05)) extra.expires = r.pick(['2020-01-01T00:00:00Z', '2099-01-01T00:00:00Z', new Date(Date.now() - 1000).toISOString()]);
    const twice = r.chance(0.1);
    return json('text', { id, text: made.text, ...extra }, { codes: made.codes, wrongPassword: !right, targets: ph ? [ph] : [], twice });
  }
  if (roll < 40) {
    const form = codeForm(r, voucher);
    const twice = r.chance(0.25);
    const body: Record<string, unknown> = { id, action: 'recharge', args: { code: form.written } };
    if (r.chance(0.1)) body.expires = r.pick(['2020-01-01T00:00:00Z', '1999-12-31T23:59:59+02:00', new Date(Date.now() - 60_000).toISOString()]);
    if (r.chance(0.1)) body.lang = r.pick(['en', 'bg']);
    return json(body.expires ? 'recharge, expired' : 'recharge', body, { codes: [form], twice });
  }
  if (roll < 48) {
    const action = r.pick(ACTIONS.filter((a) => a !== 'recharge'));
    const to = r.chance(0.7) ? r.pick(['+359888123456', '0888123456', '+', '0888-12', 'abc']) : null;
    const args = action === 'send-sms' ? { text: r.pick(['hello', 'Здравей', '😀'.repeat(r.int(1, 200)), 'x'.repeat(r.int(1, 500))]), ...(to ? { to } : {}) } : r.chance(0.8) ? {} : { extra: 1 };
    return json(action, { id, action, args }, { targets: action === 'send-sms' && to ? [to] : [] });
  }
  if (roll < 53) return json('unknown action', { id, action: r.pick(UNKNOWN_ACTIONS), args: {} });
  if (roll < 63) {
    // Wrong types in every field, a code among the values.
    const form = codeForm(r, voucher);
    const body: Record<string, unknown> = r.chance(0.5) ? { id, text: `*${PASSWORD} STAT?` } : { id, action: 'recharge', args: { code: form.written } };
    const field = r.pick(['id', 'text', 'action', 'args', 'line', 'replyTo', 'expires', 'lang', 'args.code', 'extra']);
    // A code as the id is the caller's own name for the command, echoed by design: not one of the values tried there.
    const value = wrongValue(r, field === 'id' ? 'x' : form.digits);
    if (field === 'args.code') body.args = { code: value };
    else body[field] = value;
    return json(`wrong type in ${field}`, body, { codes: [form] });
  }
  if (roll < 67) return { ...base, label: 'random bytes', payload: randomBytes(r, r.int(0, r.chance(0.1) ? 20_000 : 300)) };
  if (roll < 72) {
    const form = codeForm(r, voucher);
    const whole = JSON.stringify({ id, action: 'recharge', args: { code: form.written } });
    return { ...base, label: 'cut JSON', codes: [form], payload: Buffer.from(whole.slice(0, r.int(0, whole.length - 1))) };
  }
  if (roll < 75) {
    const form = codeForm(r, null);
    return { ...base, label: 'deep nesting', codes: [form], payload: Buffer.from(nested(r, r.pick([10, 100, 1000, 3000, 50_000]), form.written)) };
  }
  if (roll < 79) {
    // Huge: past the box's 8 KiB for a command, well within the broker's packet size.
    const size = r.pick([480, 481, 8_000, 8_193, 70_000, 300_000]);
    const text = r.chance(0.5) ? `*${PASSWORD} STAT? ${'A'.repeat(size)}` : 'x'.repeat(size);
    return json('huge string', { id, text });
  }
  if (roll < 83) {
    const form = codeForm(r, voucher);
    const body = r.chance(0.5) ? `{"id":"${id}","action":"recharge","args":{"code":"${form.written}"}}` : `{"id":"${id}","text":"*${PASSWORD} STAT?"}`;
    // Invalid UTF-8 is read as U+FFFD: inside a string it may still make a command, so one may be run.
    return { ...base, label: 'invalid UTF-8', codes: [form], payload: withBadUtf8(r, body) };
  }
  if (roll < 92) {
    const line = r.chance(0.6) ? 'main' : r.pick(ODD_LEVELS);
    const command = r.chance(0.8) ? r.pick(HA_COMMANDS.slice(0, 4)) : r.pick(HA_COMMANDS);
    const form = codeForm(r, command === 'recharge' ? voucher : null);
    const payload = command === 'recharge' ? r.pick([form.written, ` ${form.written}\n`, form.written, 'PRESS']) : command === 'send-sms' ? r.pick(['+359888123456: hi', 'hello', ': x', '', '0888123456:' + 'y'.repeat(600)]) : r.pick(['PRESS', 'press', '', 'PRESS ', '{}', form.written]);
    const to = command === 'send-sms' ? /^([+0-9]+)\s*:/.exec(payload)?.[1] : undefined;
    return { ...base, label: `Home Assistant ${command}`, topic: `${prefix}/${line}/ha/${command}`, payload: Buffer.from(payload), codes: [form], targets: to ? [to] : [] };
  }
  if (roll < 95) return { ...base, label: 'homeassistant/status', topic: 'homeassistant/status', payload: Buffer.from(r.pick(['online', 'offline', 'ONLINE', '', 'online\n'])) };
  const levels = Array.from({ length: r.int(1, 5) }, () => r.pick([...ODD_LEVELS, 'ha', 'cmd', 'res', r.string('abcxyz019-_', r.int(1, 10))]));
  const form = codeForm(r, null);
  return { ...base, label: 'random topic', topic: `${prefix}/${levels.join('/')}`, payload: r.chance(0.5) ? Buffer.from(`{"id":"${id}","action":"recharge","args":{"code":"${form.written}"}}`) : randomBytes(r, r.int(0, 100)), codes: [form] };
}

/**
 * A command payload read as the box reads one: the id it can answer by (null: it answers on
 * `errors`), and whether it carries a text (which the SMS grammar may drop in silence).
 */
export function readAsTheBox(payload: Buffer): { id: string | null; text: boolean } {
  if (payload.length > MAX_COMMAND_BYTES) return { id: null, text: false };
  try {
    const body = JSON.parse(payload.toString('utf8')) as { id?: unknown; text?: unknown } | null;
    if (!body || typeof body !== 'object') return { id: null, text: false };
    return { id: typeof body.id === 'string' && USABLE_ID.test(body.id) ? body.id : null, text: typeof body.text === 'string' };
  } catch {
    return { id: null, text: false };
  }
}
