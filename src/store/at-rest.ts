import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Sealer } from './seal.js';

/**
 * How the store keeps what it must not keep in the clear, under the install's secret (the data
 * dir's secret.key): texts a command still needs are sealed (AES-256-GCM) until it is answered,
 * and what only has to be recognised again (the same SMS read twice, the password) is a keyed hash.
 */
export class AtRest {
  private readonly sealer: Sealer;
  private readonly hashKey: Buffer;

  constructor(secret: string) {
    this.sealer = new Sealer(secret, 'stored message');
    this.hashKey = Buffer.from(hkdfSync('sha256', secret, 'gsmkeeper', 'stored digest', 32));
  }

  /** For a database that lives in memory only: nothing it seals outlives the process anyway. */
  static ephemeral(): AtRest {
    return new AtRest(randomBytes(24).toString('hex'));
  }

  seal(text: string): string {
    return this.sealer.seal(text);
  }

  /** The sealed text, or null when it was sealed under another install's key or is damaged. */
  open(sealed: string): string | null {
    try {
      return this.sealer.open(sealed);
    } catch {
      return null;
    }
  }

  /** A keyed hash; `purpose` keeps the hashes of different things apart. */
  digest(purpose: string, text: string): string {
    return createHmac('sha256', this.hashKey).update(purpose).update('\0').update(text).digest('hex');
  }
}
