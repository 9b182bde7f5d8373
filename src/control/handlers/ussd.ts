import { fail, ok, type Handler } from '../context.js';
import { lineRefusal, say } from '../texts.js';

/** Only digits, '*' and '#' are ever sent to the modem (no AT syntax can ride along). */
const USSD_RE = /^[0-9*#]{2,30}$/;

/** USSD <code>[,<line>]: raw USSD for the Config group; the carrier's answer is texted back. */
export const ussd: Handler = async ({ command, language: lang }, ctx) => {
  const [code = '', lineRef = null] = command.params;
  if (command.params.length > 2 || !USSD_RE.test(code)) return fail(say(lang, 'USSD code may contain only 0-9, * and #.', 'USSD кодът може да съдържа само 0-9, * и #.'));
  const target = ctx.line(lineRef);
  if ('refusal' in target) return fail(lineRefusal(target.refusal, lang));
  try {
    const answer = await target.line.ussd(code);
    if (answer.text) return ok(`USSD: ${answer.text}`);
    return fail(say(lang, `USSD: no text (${answer.status}).`, `USSD: без текст (${answer.status}).`));
  } catch (err) {
    return fail(say(lang, `USSD failed: ${err instanceof Error ? err.message : String(err)}`, `USSD неуспешно: ${err instanceof Error ? err.message : String(err)}`));
  }
};
