import { formatDay } from '../../carriers/money.js';
import { ok, type Handler } from '../context.js';
import { lineRefusal, say } from '../texts.js';
import { age } from './format.js';

const amount = (cents: number | null, currency: string | null): string => (cents === null ? '?' : `${(cents / 100).toFixed(2)} ${currency ?? ''}`.trim());

/** CREDIT? [<line>]: the line's balance and validity now, or the last known figures with their age. */
export const creditQuery: Handler = async ({ command }, ctx) => {
  const lang = ctx.settings.language;
  const target = ctx.line(command.params[0] ?? null);
  if ('refusal' in target) return ok(lineRefusal(target.refusal, lang));
  const report = await target.line.balance();
  if (report.kind === 'unknown') return ok(say(lang, `Balance unknown: ${report.why}.`, `Наличността е неизвестна: ${report.why}.`));
  const until = report.validUntil ? formatDay(report.validUntil) : '?';
  const money = amount(report.cents, report.currency);
  if (report.kind === 'fresh') return ok(say(lang, `Balance: ${money}. Valid until ${until}.`, `Наличност: ${money}. Валидност до ${until}.`));
  return ok(
    say(
      lang,
      `Balance ${money}, valid until ${until}, as of ${age(report.checkedAt)} ago (${report.why}).`,
      `Наличност ${money}, валидност до ${until}, към преди ${age(report.checkedAt)} (${report.why}).`,
    ),
  );
};
