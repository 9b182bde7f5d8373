import { fail, ok, type Handler } from '../context.js';
import { configOnly, say, type Language } from '../texts.js';

const NAME: Record<Language, [string, string]> = { en: ['English', 'английски'], bg: ['Bulgarian', 'български'] };
const named = (lang: Language, of: Language): string => say(lang, NAME[of][0], NAME[of][1]);

/**
 * LANG EN|BG: the sender's own reply language (the seed IVR's language choice). A phone's choice is
 * its own — other numbers keep theirs, or the box's. An HTTP or MQTT caller, or `LANG BG,DEFAULT`
 * from a number that may configure, sets the box's default instead.
 */
export const lang: Handler = async ({ command, sender, channel, language }, ctx) => {
  const [choiceText = '', scope = ''] = command.params;
  const choice = choiceText.toLowerCase();
  const boxWide = scope.toUpperCase() === 'DEFAULT';
  if ((choice !== 'en' && choice !== 'bg') || (scope !== '' && !boxWide) || command.params.length > 2) {
    return fail(say(language, 'Usage: LANG EN|BG[,DEFAULT]', 'Употреба: LANG EN|BG[,DEFAULT]'));
  }
  if (!boxWide && ctx.languages.setFor(sender, channel, choice)) return ok(say(choice, 'Replies in English.', 'Отговорите са на български.'));
  if (!ctx.mayConfigure(sender, channel)) return fail(configOnly(language));
  ctx.settings.language = choice;
  return ok(say(choice, 'Replies in English by default.', 'Отговорите по подразбиране са на български.'));
};

/** LANG?: the sender's reply language and the box's. */
export const langQuery: Handler = async ({ language }, ctx) =>
  ok(say(language, `Replies in ${named(language, language)}; default ${named(language, ctx.settings.language)}.`, `Отговори на ${named(language, language)}; по подразбиране ${named(language, ctx.settings.language)}.`));
