import { fail, ok, type Handler } from '../context.js';
import { say, type Language } from '../texts.js';

const state = (on: boolean, lang: Language): string =>
  on
    ? say(lang, 'Recharge dialogue ON: a group number that calls gets the balance by SMS and may reply with a coupon.', 'Диалогът за зареждане е ВКЛ: номер от групите, който звънне, получава наличността и може да отговори с купон.')
    : say(lang, 'Recharge dialogue OFF: calls are not answered.', 'Диалогът за зареждане е ИЗКЛ: обажданията не се обработват.');

/** DIALOGUE ON|OFF: the recharge dialogue on or off, kept with the settings (a settings page switches the same). */
export const dialogue: Handler = async ({ command, language }, ctx) => {
  const verb = (command.params[0] ?? '').toUpperCase();
  if ((verb !== 'ON' && verb !== 'OFF') || command.params.length > 1) return fail(say(language, 'Usage: DIALOGUE ON|OFF', 'Употреба: DIALOGUE ON|OFF'));
  ctx.settings.dialogue = verb === 'ON';
  return ok(state(ctx.settings.dialogue, language));
};

/** DIALOGUE?: whether the recharge dialogue is on. */
export const dialogueQuery: Handler = async ({ language }, ctx) => ok(state(ctx.settings.dialogue, language));
