import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM under a key derived from the install's secret: what the store must keep but never
 * show (a wallet voucher's PIN, a command not yet run). A copied database file without the data
 * dir's secret.key reveals none of it; a tampered record fails to open instead of dialling
 * something else. Each purpose has a key of its own.
 */
export class Sealer {
  private readonly key: Buffer;

  constructor(secret: string, purpose = 'wallet pin') {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'gsmkeeper', purpose, 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
  }

  open(sealed: string): string {
    const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
    if (!iv || !tag || !body) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}
