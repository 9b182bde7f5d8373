import { fail, ok, type Handler } from '../context.js';
import { say } from '../texts.js';

/** LANG EN|BG: the reply language (the seed IVR's language choice). */
export const lang: Handler = async ({ command }, ctx) => {
  const choice = (command.params[0] ?? '').toLowerCase();
  if (choice !== 'en' && choice !== 'bg') return fail(say(ctx.settings.language, 'Usage: LANG EN|BG', 'Употреба: LANG EN|BG'));
  ctx.settings.language = choice;
  return ok(say(choice, 'Replies in English.', 'Отговорите са на български.'));
};
