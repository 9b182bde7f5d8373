import type { ControlContext } from '../control/context.js';
import { withoutTrailingEmpty } from '../control/grammar.js';
import type { Language } from '../control/texts.js';
import type { PhoneGroup } from '../store/groups.js';

/** A config command as its handler takes it: the keyword and the parameters an SMS would carry. */
export interface CommandCall {
  name: string;
  params: string[];
}

type Words = Record<Language, string>;

interface Described {
  id: string;
  label: Words;
  hint?: Words;
}

/**
 * One setting of the panel's settings page, and how it is read and changed. A change is always a
 * config command (CREDITCFG, PWD, PHADD, LANG…) run by its own handler, so the panel obeys the
 * same rules and refuses with the same words as an SMS. A new on/off setting is one `onOff` entry.
 */
export type SettingEntry = Described &
  (
    | { kind: 'on-off'; read(ctx: ControlContext): boolean; change(on: boolean, ctx: ControlContext): CommandCall }
    /** A figure as typed; empty turns it off. */
    | { kind: 'number'; unit(ctx: ControlContext): Words; read(ctx: ControlContext): number | null; change(typed: string, ctx: ControlContext): CommandCall }
    | { kind: 'choice'; choices: Array<{ value: string; label: Words }>; read(ctx: ControlContext): string; change(value: string, ctx: ControlContext): CommandCall }
    /** Written, never read back. */
    | { kind: 'secret'; change(value: string, ctx: ControlContext): CommandCall }
    | { kind: 'numbers'; read(ctx: ControlContext): string[]; add(number: string): CommandCall; remove(number: string): CommandCall }
  );

export function onOff(id: string, label: Words, read: (ctx: ControlContext) => boolean, change: (on: boolean, ctx: ControlContext) => CommandCall): SettingEntry {
  return { id, label, kind: 'on-off', read, change };
}

/**
 * CREDITCFG takes the switch and both thresholds at once: an empty field keeps one, "0" turns it
 * off. A threshold change leaves the switch field empty rather than repeating the switch as read
 * now, so an ON/OFF that lands before it runs (an SMS) is not undone.
 */
function creditcfg(fields: { on?: boolean; low?: string; days?: string }): CommandCall {
  const switchField = fields.on === undefined ? '' : fields.on ? 'ON' : 'OFF';
  return { name: 'CREDITCFG', params: withoutTrailingEmpty([switchField, fields.low ?? '', fields.days ?? '']) };
}

/** A CREDITCFG threshold: typed as its SMS field is; empty turns its alert off ("0"). */
function threshold(id: string, label: Words, unit: (ctx: ControlContext) => Words, field: 'lowBalance' | 'validityDays'): SettingEntry {
  return {
    id,
    label,
    hint: { en: 'empty: no alert', bg: 'празно: без аларма' },
    kind: 'number',
    unit,
    read: (ctx) => ctx.settings.credit[field],
    change: (typed) => creditcfg({ [field === 'lowBalance' ? 'low' : 'days']: typed.trim() === '' ? '0' : typed.trim() }),
  };
}

function group(group: PhoneGroup, label: Words, hint: Words): SettingEntry {
  const name = group.charAt(0).toUpperCase() + group.slice(1);
  return {
    id: `group-${group}`,
    label,
    hint,
    kind: 'numbers',
    read: (ctx) => ctx.groups.members(group),
    add: (number) => ({ name: 'PHADD', params: [name, number] }),
    remove: (number) => ({ name: 'PHDEL', params: [name, number] }),
  };
}

export const SETTINGS: readonly SettingEntry[] = [
  {
    id: 'password',
    label: { en: 'Command password', bg: 'Парола за команди' },
    hint: { en: '6 digits; every SMS command starts with it (*<password> STAT?)', bg: '6 цифри; с нея започва всяка SMS команда (*<парола> STAT?)' },
    kind: 'secret',
    change: (value) => ({ name: 'PWD', params: [value.trim()] }),
  },
  onOff('credit-control', { en: 'Credit control', bg: 'Контрол на кредита' }, (ctx) => ctx.settings.credit.enabled, (on) => creditcfg({ on })),
  onOff('dialogue', { en: 'Recharge dialogue (a known number calls, then replies with a coupon)', bg: 'Диалог за зареждане (познат номер звъни, после отговаря с купон)' }, (ctx) => ctx.settings.dialogue, (on) => ({ name: 'DIALOGUE', params: [on ? 'ON' : 'OFF'] })),
  threshold('low-balance', { en: 'Low balance alert below', bg: 'Аларма при наличност под' }, (ctx) => ({ en: ctx.settings.currency, bg: ctx.settings.currency }), 'lowBalance'),
  threshold('validity-days', { en: 'Validity alert, days before it ends', bg: 'Аларма за валидност, дни преди края' }, () => ({ en: 'days', bg: 'дни' }), 'validityDays'),
  {
    id: 'language',
    label: { en: 'Reply language', bg: 'Език на отговорите' },
    hint: { en: 'of the SMS replies (LANG)', bg: 'на SMS отговорите (LANG)' },
    kind: 'choice',
    choices: [
      { value: 'en', label: { en: 'English', bg: 'английски' } },
      { value: 'bg', label: { en: 'Bulgarian', bg: 'български' } },
    ],
    read: (ctx) => ctx.settings.language,
    change: (value) => ({ name: 'LANG', params: [value] }),
  },
  group('config', { en: 'Config group', bg: 'Група Config' }, { en: 'may change settings by SMS', bg: 'могат да променят настройките с SMS' }),
  group('command', { en: 'Command group', bg: 'Група Command' }, { en: 'may send commands', bg: 'могат да изпращат команди' }),
  group('notify', { en: 'Notify group', bg: 'Група Notify' }, { en: 'told of alerts', bg: 'получават известията' }),
];
