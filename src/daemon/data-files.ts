import { checkConfig } from '../config/load.js';
import { readOrCreateSecret } from '../util/private-files.js';

export type TokenSource = 'environment' | 'config' | 'data-dir';

export interface ResolvedToken {
  token: string;
  source: TokenSource;
  /** Where a data-dir token is kept. */
  file?: string;
  /** A data-dir token made just now (the one moment it may be shown). */
  generated: boolean;
}

/** GSMKEEPER_TOKEN when set, held to the rule the config file's http.token is held to. */
export function tokenFromEnvironment(): string | null {
  const value = process.env.GSMKEEPER_TOKEN?.trim();
  if (!value) return null;
  checkConfig({ http: { token: value } }, 'GSMKEEPER_TOKEN (as http.token)');
  return value;
}

/** GSMKEEPER_TOKEN, else the config file, else one generated once and kept in the data dir. */
export function resolveToken(dataDir: string, configured: string | null): ResolvedToken {
  const fromEnv = tokenFromEnvironment();
  if (fromEnv) return { token: fromEnv, source: 'environment', generated: false };
  if (configured) return { token: configured, source: 'config', generated: false };
  const { value, file, created } = readOrCreateSecret(dataDir, 'http-token');
  return { token: value, source: 'data-dir', file, generated: created };
}
