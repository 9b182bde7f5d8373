import { canonicalNumber } from '../codec/address.js';
import type { Config } from '../config/schema.js';
import type { ControlContext, StatusSnapshot } from '../control/context.js';
import type { Language } from '../control/texts.js';
import type { Logger } from '../log/logger.js';
import { settleRecharge } from '../recharge/settle.js';
import { CHANNELS, requestChannelOf } from '../store/channel.js';
import { GroupFullError } from '../store/groups.js';
import type { Store } from '../store/store.js';
import { chooseLine, type RoutableLine, type RouteRules } from './routing.js';
import type { SenderGuard } from './sender-guard.js';
import type { RuntimeSettings } from './settings.js';

/** A line as commands see it: routable, with its STAT? figures and its numbers' country code. */
export interface ControlledLine extends RoutableLine {
  status(): Promise<StatusSnapshot>;
  readonly countryCode: string | null;
}

export interface ControlDeps {
  config: Config;
  store: Store;
  settings: RuntimeSettings;
  guard: SenderGuard;
  lines: readonly ControlledLine[];
  routes: RouteRules;
  logger: Logger;
}

/** A phone's number as kept (canonical, in the country of `countryCode`); null for an HTTP or MQTT caller (`http:<address>`). */
const phoneOf = (sender: string, countryCode: string | null): string | null => (requestChannelOf(sender) === null ? canonicalNumber(sender, countryCode) : null);

/**
 * The language a sender is answered in when its request names none: a phone's own (LANG), else
 * the box's; an HTTP or MQTT caller is answered in the box's.
 */
export function senderLanguage(settings: Pick<RuntimeSettings, 'language' | 'languageOf'>, sender: string, countryCode: string | null): Language {
  const number = phoneOf(sender, countryCode);
  return number === null ? settings.language : settings.languageOf(number);
}

/**
 * What a command's handlers get: settings, groups and the box's lines, never a modem. The context
 * is the command's own: the line it arrived on (or was sent to) is the one it acts on, unless it
 * names another; numbers it gives are read in that line's country.
 */
export function controlContextFor(deps: ControlDeps, own: string | null): ControlContext {
  const { config, store, settings } = deps;
  const log = deps.logger.child({ channel: 'control' });
  const home = deps.lines.find((line) => line.name === own) ?? deps.lines[0];
  const countryCode = home?.countryCode ?? null;
  const canonical = (number: string): string => canonicalNumber(number, countryCode);
  return {
    settings,
    languages: {
      of: (sender) => senderLanguage(settings, sender, countryCode),
      setFor: (sender, _channel, lang) => {
        const number = phoneOf(sender, countryCode);
        if (number === null) return false;
        settings.setLanguageOf(number, lang);
        return true;
      },
    },
    groups: {
      add: (group, number) => {
        try {
          return store.groups.add(group, canonical(number)) ? 'added' : 'exists';
        } catch (err) {
          if (err instanceof GroupFullError) return 'full';
          throw err;
        }
      },
      remove: (group, number) => store.groups.remove(group, canonical(number)),
      members: (group) => store.groups.members(group),
    },
    line: (named) => chooseLine(deps.lines, deps.routes, named, own),
    status: () => Promise.all(deps.lines.map((line) => line.status())),
    settleRecharge: (ref, used, by) => {
      const result = settleRecharge(store, ref, used, by);
      if (result.kind === 'settled') log.warn({ recharge: result.id, code: result.masked, used, by }, 'recharge outcome settled by an operator');
      return result;
    },
    mayConfigure: (sender, channel) => {
      if (CHANNELS[channel].authenticated || !config.security.configGroupOnly) return true;
      // An empty Config group would leave nobody able to configure by SMS: then the password suffices.
      return store.groups.members('config').length === 0 || deps.guard.isConfigNumber(sender, home?.countryCode ?? null);
    },
  };
}
