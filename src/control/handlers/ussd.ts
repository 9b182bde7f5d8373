import { fail, ok, type Handler } from '../context.js';
import { say } from '../texts.js';

/** Only digits, '*' and '#' are ever sent to the modem (no AT syntax can ride along). */
const USSD_RE = /^[0-9*#]{2,30}$/;

/** USSD <code>: raw USSD for the Config group; the carrier's answer is texted back. */
export const ussd: Handler = async ({ command }, ctx) => {
  const lang = ctx.settings.language;
  const code = command.params[0] ?? '';
  if (command.params.length !== 1 || !USSD_RE.test(code)) return fail(say(lang, 'USSD code may contain only 0-9, * and #.', 'USSD кодът може да съдържа само 0-9, * и #.'));
  try {
    const answer = await ctx.ussd(code);
    if (answer.text) return ok(`USSD: ${answer.text}`);
    return fail(say(lang, `USSD: no text (${answer.status}).`, `USSD: без текст (${answer.status}).`));
  } catch (err) {
    return fail(say(lang, `USSD failed: ${err instanceof Error ? err.message : String(err)}`, `USSD неуспешно: ${err instanceof Error ? err.message : String(err)}`));
  }
};
