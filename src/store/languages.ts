import { nowIso, stmt, type Db } from './db.js';

export type ReplyLanguage = 'en' | 'bg';

/** The reply language each phone chose with LANG, by canonical number (+359…). */
export class LanguageStore {
  constructor(private readonly db: Db) {}

  get(canonical: string): ReplyLanguage | null {
    const row = stmt(this.db, 'SELECT lang FROM sender_languages WHERE number = ?').get(canonical) as { lang: ReplyLanguage } | undefined;
    return row?.lang ?? null;
  }

  set(canonical: string, lang: ReplyLanguage): void {
    stmt(this.db, 'INSERT INTO sender_languages (number, lang, set_at) VALUES (?, ?, ?) ON CONFLICT (number) DO UPDATE SET lang = excluded.lang, set_at = excluded.set_at')
      .run(canonical, lang, nowIso());
  }
}
