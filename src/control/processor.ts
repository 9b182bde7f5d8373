import { timingSafeEqual } from 'node:crypto';
import type { ControlContext, Handler, Invocation } from './context.js';
import { parseCommandText, type ParsedCommand } from './grammar.js';
import { credit } from './handlers/credit.js';
import { creditcfg } from './handlers/creditcfg.js';
import { stat } from './handlers/stat.js';
import { unknownCommand } from './texts.js';

/** Handlers by keyword; info commands carry their `?`. */
const HANDLERS: Record<string, Handler> = {
  CREDIT: credit,
  CREDITCFG: creditcfg,
  'STAT?': stat,
};

export type Interpretation =
  /** Never answered: no `*`, no or wrong password. A reply costs money and helps an attacker. */
  | { kind: 'drop'; reason: 'no-star' | 'no-password' | 'wrong-password' }
  | { kind: 'run'; name: string; command: ParsedCommand | null; execute: () => Promise<{ text: string | null; replyTo: string | null }> };

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Turns a message into either a silent drop or a runnable command. Split in two so the caller can
 * commit "executing <name>" before the command touches the modem.
 */
export function interpret(text: string, meta: Omit<Invocation, 'command'>, ctx: ControlContext): Interpretation {
  const parsed = parseCommandText(text);
  if (!parsed.ok && (parsed.reason === 'no-star' || parsed.reason === 'no-password')) return { kind: 'drop', reason: parsed.reason };
  const password = parsed.ok ? parsed.command.password : parsed.password ?? '';
  if (!samePassword(password, ctx.password())) return { kind: 'drop', reason: 'wrong-password' };

  if (!parsed.ok) {
    const message = parsed.reason === 'bad-phone' ? 'Invalid phone number!' : 'Empty command!';
    return { kind: 'run', name: parsed.reason, command: null, execute: async () => ({ text: message, replyTo: null }) };
  }
  const command = parsed.command;
  const key = command.query ? `${command.name}?` : command.name;
  const handler = HANDLERS[key];
  if (!handler) {
    return { kind: 'run', name: key, command, execute: async () => ({ text: unknownCommand(key, ctx.language()), replyTo: command.replyTo }) };
  }
  return {
    kind: 'run',
    name: key,
    command,
    execute: async () => {
      const { text: reply } = await handler({ ...meta, command }, ctx);
      return { text: reply, replyTo: command.replyTo };
    },
  };
}
