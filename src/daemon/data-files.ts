import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Reads a secret from the data dir, creating it (mode 0600) on first use. */
export function readOrCreateSecret(dataDir: string, name: string, bytes = 24): string {
  const file = path.join(dataDir, name);
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 16) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(bytes).toString('hex');
  fs.writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

export type TokenSource = 'environment' | 'config' | 'data-dir';

/** GSMKEEPER_TOKEN, else the config file, else one generated once and kept in the data dir. */
export function resolveToken(dataDir: string, configured: string | null): { token: string; source: TokenSource; file?: string } {
  const fromEnv = process.env.GSMKEEPER_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, source: 'environment' };
  if (configured) return { token: configured, source: 'config' };
  return { token: readOrCreateSecret(dataDir, 'http-token'), source: 'data-dir', file: path.join(dataDir, 'http-token') };
}
