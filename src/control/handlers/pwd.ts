import { fail, ok, type Handler } from '../context.js';
import { say } from '../texts.js';

/** PWD <new password>: 6 digits, never the factory default. */
export const pwd: Handler = async ({ command, language: lang }, ctx) => {
  const next = command.params[0] ?? '';
  if (command.params.length !== 1 || !/^\d{6}$/.test(next)) return fail(say(lang, 'Password must be 6 digits.', 'Паролата трябва да е 6 цифри.'));
  if (next === ctx.settings.defaultPassword) return fail(say(lang, 'Password must not be the default.', 'Паролата не може да е фабричната.'));
  ctx.settings.setPassword(next);
  return ok(say(lang, 'Password changed.', 'Паролата е сменена.'));
};
