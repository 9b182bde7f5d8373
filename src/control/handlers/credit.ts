import { ok, type Handler } from '../context.js';
import { rechargeReply, SEED_TEXTS } from '../texts.js';

/** CREDIT <code>: always answers (seed). A missing or malformed code is the seed's invalid-code text. */
export const credit: Handler = async ({ command, sender, commandId }, ctx) => {
  const code = command.params.length === 1 ? command.params[0]! : '';
  if (!code) return ok(SEED_TEXTS.invalidCode);
  const result = await ctx.recharge({ code, requestedBy: sender, commandId });
  return ok(rechargeReply(result, ctx.settings.language));
};
