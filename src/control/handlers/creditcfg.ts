import { fail, ok, type ControlContext, type Handler } from '../context.js';
import { lineRefusal, say, type Language } from '../texts.js';

function describe(ctx: ControlContext, lang: Language): string {
  const { enabled, lowBalance, validityDays } = ctx.settings.credit;
  const low = lowBalance === null ? say(lang, 'off', 'изкл.') : `${lowBalance.toFixed(2)} ${ctx.settings.currency}`;
  const days = validityDays === null ? say(lang, 'off', 'изкл.') : say(lang, `${validityDays} days`, `${validityDays} дни`);
  return say(
    lang,
    `Credit control ${enabled ? 'ON' : 'OFF'}. Low balance alert: ${low}. Validity alert: ${days}. Check: ${ctx.settings.checkSchedule}.`,
    `Контрол на кредита ${enabled ? 'ВКЛ' : 'ИЗКЛ'}. Аларма нисък баланс: ${low}. Аларма валидност: ${days}. Проверка: ${ctx.settings.checkSchedule}.`,
  );
}

/** CREDITCFG?: the credit control option as it stands. */
export const creditcfgQuery: Handler = async ({ language }, ctx) => ok(describe(ctx, language));

/**
 * CREDITCFG [ON|OFF][,<low threshold>][,<days before validity ends>] and CREDITCFG RESET[,<line>]
 * (clears the voucher attempt lock of the line's SIM). An empty field keeps its value, "0" turns an
 * alert off: "ON,,7" keeps the threshold, "ON,0" turns its alert off, ",2.50" keeps the switch as
 * it stands — so a threshold change never undoes an ON/OFF that landed after it was asked for.
 */
export const creditcfg: Handler = async ({ command, language: lang }, ctx) => {
  const [action = '', lowText, daysText] = command.params;
  const verb = action.toUpperCase();
  if (verb === 'RESET') {
    const target = ctx.line(lowText ?? null);
    if ('refusal' in target) return fail(lineRefusal(target.refusal, lang));
    if (!target.line.resetRechargeLock()) return fail(say(lang, 'No SIM known yet.', 'Няма SIM карта.'));
    return ok(say(lang, 'Recharge attempt lock reset.', 'Заключването на зареждането е нулирано.'));
  }
  // An empty switch needs a field after it: a bare CREDITCFG is still a usage error.
  const keepSwitch = verb === '' && command.params.length > 1;
  if (verb !== 'ON' && verb !== 'OFF' && !keepSwitch) {
    return fail(say(lang, 'Usage: CREDITCFG [ON|OFF][,low][,days] or CREDITCFG RESET', 'Употреба: CREDITCFG [ON|OFF][,праг][,дни] или CREDITCFG RESET'));
  }
  const current = ctx.settings.credit;
  let lowBalance = current.lowBalance;
  if (lowText) {
    if (!/^\d{1,4}(\.\d{1,2})?$/.test(lowText)) return fail(say(lang, `Bad threshold "${lowText}": use e.g. 2 or 2.50.`, `Грешен праг "${lowText}": напр. 2 или 2.50.`));
    lowBalance = Number(lowText) === 0 ? null : Number(lowText);
  }
  let validityDays = current.validityDays;
  if (daysText) {
    if (!/^\d{1,3}$/.test(daysText) || Number(daysText) > 365) return fail(say(lang, `Bad days "${daysText}": 0-365.`, `Грешни дни "${daysText}": 0-365.`));
    validityDays = Number(daysText) === 0 ? null : Number(daysText);
  }
  // The switch is read here, when the command runs, not when whoever sent it last looked.
  const enabled = keepSwitch ? current.enabled : verb === 'ON';
  ctx.settings.credit = { enabled, lowBalance, validityDays };
  return ok(describe(ctx, lang));
};
