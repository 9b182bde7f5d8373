import { ok, type Handler } from '../context.js';
import { lineRefusal, rechargeReply, SEED_TEXTS } from '../texts.js';

/**
 * CREDIT <code>[,<line>]: recharges the line the command arrived on, or the one it names (its name,
 * its SIM's number or IMSI). Always answers (seed). A missing or malformed code is the seed's
 * invalid-code text; a line that is not there or not up is refused, naming the lines there are.
 */
export const credit: Handler = async ({ command, sender, commandId, language }, ctx) => {
  const [code = '', lineRef = null] = command.params;
  if (!code || command.params.length > 2) return ok(SEED_TEXTS.invalidCode);
  const target = ctx.line(lineRef);
  if ('refusal' in target) return ok(lineRefusal(target.refusal, language));
  const result = await target.line.recharge({ code, requestedBy: sender, commandId });
  return ok(rechargeReply(result, language));
};
