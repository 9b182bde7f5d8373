import type { CarrierProfile } from '../carriers/profile.js';
import type { Logger } from '../log/logger.js';
import type { BalanceDialer } from '../recharge/balance.js';
import type { Store } from '../store/store.js';

const DAY_MS = 86_400_000;

/**
 * For carriers that retire SIMs without activity: a billable event (the profile's USSD) when the
 * last one is older than the profile says. Carriers whose validity runs on top-ups need none.
 */
export async function runKeepAlive(store: Store, dialer: BalanceDialer, profile: CarrierProfile | null, logger: Logger, now = Date.now(), settingsPrefix = ''): Promise<boolean> {
  const rule = profile?.file.keepAlive;
  if (!rule?.required || !rule.ussd) return false;
  const key = `${settingsPrefix}keepAlive.last`;
  const last = store.settings.get<string>(key);
  if (last && now - Date.parse(last) < rule.everyDays * DAY_MS) return false;
  const answer = await dialer.ussd({ code: rule.ussd, timeoutMs: profile!.file.recharge.answerTimeoutSeconds * 1000 });
  store.settings.set(key, new Date(now).toISOString());
  logger.info({ status: answer.status }, 'keep-alive USSD sent');
  return true;
}
