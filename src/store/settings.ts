import { stmt, type Db } from './db.js';

/**
 * Settings changed by SMS or HTTP (password, language, credit control…), kept as JSON by key.
 * What is not set here falls back to the config file, which holds the defaults.
 */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  get<T>(key: string): T | undefined {
    const row = stmt(this.db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  set(key: string, value: unknown): void {
    stmt(this.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }
}
