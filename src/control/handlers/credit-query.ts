import { ok, type Handler } from '../context.js';
import { balanceReply, lineRefusal } from '../texts.js';

/** CREDIT? [<line>]: the line's balance and validity now, or the last known figures with their age. */
export const creditQuery: Handler = async ({ command, language: lang }, ctx) => {
  const target = ctx.line(command.params[0] ?? null);
  if ('refusal' in target) return ok(lineRefusal(target.refusal, lang));
  return ok(balanceReply(await target.line.balance(), lang));
};
