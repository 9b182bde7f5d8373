import type { PhoneGroup } from '../../store/groups.js';
import { fail, ok, type Handler } from '../context.js';
import { say, type Language } from '../texts.js';

const GROUP_NAMES: Record<string, PhoneGroup> = { CONFIG: 'config', COMMAND: 'command', NOTIFY: 'notify' };
/** Group numbers as the seed device takes them: 10–30 digits, optional '+'. */
const NUMBER_RE = /^\+?\d{10,30}$/;

function group(name: string | undefined): PhoneGroup | undefined {
  return GROUP_NAMES[(name ?? '').toUpperCase()];
}

const label = (g: PhoneGroup) => g.charAt(0).toUpperCase() + g.slice(1);
const usage = (lang: Language, verb: string) => say(lang, `Usage: ${verb} Config|Command|Notify,<number>`, `Употреба: ${verb} Config|Command|Notify,<номер>`);

/** PHADD <group>,<number>: at most 4 numbers per group. */
export const phadd: Handler = async ({ command, language: lang }, ctx) => {
  const g = group(command.params[0]);
  const number = command.params[1] ?? '';
  if (!g || !NUMBER_RE.test(number)) return fail(usage(lang, 'PHADD'));
  const result = ctx.groups.add(g, number);
  if (result === 'full') return fail(say(lang, `${label(g)} group is full (4 numbers).`, `Група ${label(g)} е пълна (4 номера).`));
  return ok(say(lang, `${number} ${result === 'added' ? 'added to' : 'already in'} ${label(g)}.`, `${number} ${result === 'added' ? 'добавен в' : 'вече е в'} ${label(g)}.`));
};

/** PHDEL <group>,<number>. */
export const phdel: Handler = async ({ command, language: lang }, ctx) => {
  const g = group(command.params[0]);
  const number = command.params[1] ?? '';
  if (!g || !NUMBER_RE.test(number)) return fail(usage(lang, 'PHDEL'));
  if (!ctx.groups.remove(g, number)) return fail(say(lang, `${number} is not in ${label(g)}.`, `${number} не е в ${label(g)}.`));
  return ok(say(lang, `${number} removed from ${label(g)}.`, `${number} премахнат от ${label(g)}.`));
};

/** PHGR? <group>: the group's numbers. */
export const phgrQuery: Handler = async ({ command, language: lang }, ctx) => {
  const g = group(command.params[0]);
  if (!g) return fail(say(lang, 'Usage: PHGR? Config|Command|Notify', 'Употреба: PHGR? Config|Command|Notify'));
  const members = ctx.groups.members(g);
  return ok(`${label(g)}: ${members.length ? members.join(', ') : say(lang, '(empty)', '(празна)')}`);
};
