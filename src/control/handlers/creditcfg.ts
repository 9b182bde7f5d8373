import type { Handler } from '../context.js';

/**
 * CREDITCFG RESET: clears the voucher attempt lock (Config numbers, or the HTTP relay's token
 * holder). Other CREDITCFG settings belong to the credit-control option.
 */
export const creditcfg: Handler = async ({ command, sender, source }, ctx) => {
  const bg = ctx.language() === 'bg';
  const action = (command.params[0] ?? '').toUpperCase();
  if (action !== 'RESET') return { text: bg ? 'Izpolzvaite: CREDITCFG RESET' : 'Usage: CREDITCFG RESET' };
  if (!ctx.isConfigSender(sender, source)) return { text: bg ? 'Samo nomera ot grupa Config mogat tova.' : 'Only Config group numbers may do that.' };
  if (!ctx.resetRechargeLock()) return { text: bg ? 'Nyama SIM karta.' : 'No SIM known yet.' };
  return { text: bg ? 'Zaklyuchvaneto na zarejdaneto e nulirano.' : 'Recharge attempt lock reset.' };
};
