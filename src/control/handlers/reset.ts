import { fail, ok, type Handler } from '../context.js';
import { lineRefusal, say } from '../texts.js';

/** RESET [<line>]: restarts the line's modem through the recovery path. */
export const reset: Handler = async ({ command, language: lang }, ctx) => {
  const target = ctx.line(command.params[0] ?? null);
  if ('refusal' in target) return fail(lineRefusal(target.refusal, lang));
  try {
    await target.line.restartModem();
    return ok(say(lang, 'Modem restarted.', 'Модемът е рестартиран.'));
  } catch (err) {
    return fail(say(lang, `Modem restart failed: ${err instanceof Error ? err.message : String(err)}`, `Рестартът на модема е неуспешен: ${err instanceof Error ? err.message : String(err)}`));
  }
};
