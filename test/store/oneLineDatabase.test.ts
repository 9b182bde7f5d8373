import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { oneLineDataDir } from '../helpers/one-line-db.js';

const rowsOf = (file: string, sql: string): unknown[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

describe('a database written by the one-line daemon, opened by this one', () => {
  it('everyCommandKeepsItsChannel', () => {
    const dir = oneLineDataDir();
    const file = path.join(dir, 'gsmkeeper.db');
    const before = rowsOf(file, 'SELECT id, source AS channel, sender, state, name, reply FROM commands ORDER BY id');
    const store = Store.open(file);
    try {
      expect(store.db.prepare('SELECT id, channel, sender, state, name, reply FROM commands ORDER BY id').all()).toEqual(before);
      expect(before.map((row) => (row as { channel: string }).channel)).toEqual(['sms', 'sms', 'sms', 'sms', 'sms', 'http', 'sms']);
      // The command a restart would run still opens with the install's key.
      expect(store.commands.runnableText(store.commands.unfinished()[0]!)).toBe('*123456 STAT?');
      // Replies and recharges still point at their commands.
      expect(store.db.pragma('foreign_key_check')).toEqual([]);
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM recharges r JOIN commands c ON c.id = r.command_id').get()).toEqual({ n: 2 });
    } finally {
      store.close();
    }
  });

  it('aChannelTheOldCheckDidNotListIsKept', () => {
    const store = Store.open(path.join(oneLineDataDir(), 'gsmkeeper.db'));
    try {
      const { row } = store.commands.recordRequest('mqtt', 'mqtt:home-assistant', '*123456 STAT?');
      expect(store.commands.get(row.id)).toMatchObject({ channel: 'mqtt', sender: 'mqtt:home-assistant', state: 'received' });
    } finally {
      store.close();
    }
  });
});

describe('every row of a one-line database belongs to the line main', () => {
  it('theMigrationGivesEachRowItsLineAndKnowsTheLinesSim', () => {
    const store = Store.open(path.join(oneLineDataDir(), 'gsmkeeper.db'));
    try {
      const lineOf = (table: string) => store.db.prepare(`SELECT DISTINCT line FROM ${table}`).all();
      for (const table of ['inbox', 'outbox', 'recharges', 'balances', 'sms_parts']) expect([table, lineOf(table)]).toEqual([table, [{ line: 'main' }]]);
      // SMS came on the line; the HTTP command named none.
      expect(store.db.prepare('SELECT channel, line FROM commands ORDER BY id').all()).toEqual([
        ...Array.from({ length: 5 }, () => ({ channel: 'sms', line: 'main' })), { channel: 'http', line: null }, { channel: 'sms', line: 'main' },
      ]);
      expect(store.lines.all()).toEqual([{ name: 'main', imsi: '284030000000001', carrier: 'vivacom', number: null, seen_at: expect.any(String) }]);
      expect(store.settings.get('sim.carrier')).toBeUndefined();
      // The wallet's cards know which line dialled them.
      expect(store.cards.all({}, '2026-12-01', { sort: 'created', descending: false }).map((card) => card.dial?.line ?? null)).toEqual(['main', null]);
    } finally {
      store.close();
    }
  });
});
