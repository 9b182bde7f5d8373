import { fail, ok, type Handler } from '../context.js';
import { say } from '../texts.js';

/** RESET: restarts the modem through the recovery path. */
export const reset: Handler = async (_invocation, ctx) => {
  const lang = ctx.settings.language;
  try {
    await ctx.restartModem();
    return ok(say(lang, 'Modem restarted.', 'Модемът е рестартиран.'));
  } catch (err) {
    return fail(say(lang, `Modem restart failed: ${err instanceof Error ? err.message : String(err)}`, `Рестартът на модема е неуспешен: ${err instanceof Error ? err.message : String(err)}`));
  }
};
