import { COMMANDS } from './commands.js';
import type { ControlContext, Invocation } from './context.js';
import { parseCommandText, type ParsedCommand } from './grammar.js';
import { configOnly, say, unknownCommand, type Language } from './texts.js';
import { inReplyScript } from './transliterate.js';

export interface Execution {
  text: string;
  replyTo: string | null;
  /** Whether an SMS should carry this text (a silent success of a control command: no). */
  send: boolean;
  /** Whether the command did what it asked; false: refused, and the text says why. */
  ok: boolean;
}

export type Interpretation =
  /** Never answered: no `*`, no or wrong password. A reply costs money and helps an attacker. */
  | { kind: 'drop'; reason: 'no-star' | 'no-password' | 'wrong-password' }
  | { kind: 'run'; name: string; command: ParsedCommand | null; execute: () => Promise<Execution> };

/**
 * Turns a message into either a silent drop or a runnable command. Split in two so the caller can
 * commit "executing <name>" before the command touches the modem.
 */
export function interpret(
  text: string,
  /** `shownOnly`: the reply is read on a screen (the settings page), never texted, so it keeps its own script. */
  meta: Omit<Invocation, 'command' | 'language'> & { language?: Language | null; shownOnly?: boolean },
  ctx: ControlContext,
): Interpretation {
  const parsed = parseCommandText(text);
  if (!parsed.ok && (parsed.reason === 'no-star' || parsed.reason === 'no-password')) return { kind: 'drop', reason: parsed.reason };
  const password = parsed.ok ? parsed.command.password : (parsed.password ?? '');
  if (!ctx.settings.checkPassword(password)) return { kind: 'drop', reason: 'wrong-password' };
  // A request may name its language; a phone is answered in its own (LANG), else the box's.
  const lang = meta.language ?? ctx.languages.of(meta.sender, meta.channel);
  const script = meta.shownOnly ? 'cyrillic' : ctx.settings.bulgarianScript;
  const finish = (reply: Omit<Execution, 'text'> & { text: string }): Execution => ({ ...reply, text: inReplyScript(reply.text, script) });

  if (!parsed.ok) {
    const message = parsed.reason === 'bad-phone' ? say(lang, 'Invalid phone number!', 'Невалиден телефонен номер!') : say(lang, 'Empty command!', 'Празна команда!');
    return { kind: 'run', name: parsed.reason, command: null, execute: async () => finish({ text: message, replyTo: null, send: true, ok: false }) };
  }
  const command = parsed.command;
  const key = command.query ? `${command.name}?` : command.name;
  const spec = COMMANDS[key];
  if (!spec) {
    return { kind: 'run', name: key, command, execute: async () => finish({ text: unknownCommand(key, lang), replyTo: command.replyTo, send: true, ok: false }) };
  }
  return {
    kind: 'run',
    name: key,
    command,
    execute: async () => {
      if (spec.kind === 'config' && !ctx.mayConfigure(meta.sender, meta.channel)) {
        return finish({ text: configOnly(lang), replyTo: command.replyTo, send: true, ok: false });
      }
      const result = await spec.handler({ sender: meta.sender, channel: meta.channel, commandId: meta.commandId, command, language: lang }, ctx);
      const send = spec.kind === 'info' || spec.alwaysAnswers === true || !result.ok || command.replyTo !== null;
      return finish({ text: result.text, replyTo: command.replyTo, send, ok: result.ok });
    },
  };
}
