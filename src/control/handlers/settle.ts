import { fail, ok, type Handler } from '../context.js';
import { parseSettle } from '../../recharge/settle.js';
import { say, settleReply } from '../texts.js';

/**
 * SETTLE <recharge number or last 4 digits>,USED|UNUSED: an operator's word on a recharge whose
 * outcome is unknown. A card settled as unused may be sent again; as used, never.
 */
export const settle: Handler = async ({ command, sender, language: lang }, ctx) => {
  const parsed = parseSettle(command.params);
  if (!parsed) return fail(say(lang, 'Usage: SETTLE <recharge number or last 4 digits>,USED|UNUSED', 'Употреба: SETTLE <номер на зареждане или последни 4 цифри>,USED|UNUSED'));
  const result = ctx.settleRecharge(parsed.ref, parsed.used, sender);
  const text = settleReply(result, lang);
  return result.kind === 'settled' ? ok(text) : fail(text);
};
