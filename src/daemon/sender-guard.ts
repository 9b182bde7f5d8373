import { canonicalNumber } from '../codec/address.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import { CHANNELS, requestChannelOf, type Channel } from '../store/channel.js';
import type { Store } from '../store/store.js';

export type GuardVerdict = { allowed: true } | { allowed: false; reason: 'sender-locked-out' | 'not-in-groups' };

/**
 * Nobody burns the credit: senders that keep getting the password wrong are ignored for a while
 * (even with the right password afterwards), and control can be limited to the phone groups.
 */
export class SenderGuard {
  private readonly log: Logger;

  constructor(private readonly store: Store, private readonly config: Config['security'], logger: Logger) {
    this.log = logger.child({ channel: 'security' });
  }

  /**
   * Phone numbers are compared in canonical form (a national one read in the country of the line it
   * came on); callers of other channels by their name (`http:<ip>`).
   */
  static key(sender: string, countryCode: string | null): string {
    return requestChannelOf(sender) ? sender : canonicalNumber(sender, countryCode);
  }

  admit(sender: string, channel: Channel, countryCode: string | null): GuardVerdict {
    const key = SenderGuard.key(sender, countryCode);
    if (this.store.security.lockedUntil(key)) return { allowed: false, reason: 'sender-locked-out' };
    // The allow-list is of phone numbers: a caller the channel authenticated is not on it.
    if (!CHANNELS[channel].authenticated && this.config.restrictToGroups && !this.inControlGroups(key)) return { allowed: false, reason: 'not-in-groups' };
    return { allowed: true };
  }

  private inControlGroups(key: string): boolean {
    const controllers = [...this.store.groups.members('command'), ...this.store.groups.members('config')];
    // An empty allow-list would lock the owner out of his own box: it then admits everyone.
    if (controllers.length === 0) return true;
    return controllers.includes(key);
  }

  /** A wrong or missing password; enough of them within the window lock the sender out. */
  strike(sender: string, countryCode: string | null): void {
    const key = SenderGuard.key(sender, countryCode);
    const now = Date.now();
    const count = this.store.security.strike(key, new Date(now - this.config.windowMinutes * 60_000).toISOString());
    if (count >= this.config.maxWrongPasswords && !this.store.security.lockedUntil(key)) {
      const until = new Date(now + this.config.lockoutMinutes * 60_000).toISOString();
      this.store.security.lockOut(key, until);
      this.log.warn({ sender: key, strikes: count, until }, 'sender locked out after repeated wrong passwords');
    }
  }

  isConfigNumber(sender: string, countryCode: string | null): boolean {
    return this.store.groups.groupsOf(SenderGuard.key(sender, countryCode)).includes('config');
  }
}
