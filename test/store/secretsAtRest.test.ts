import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { sealSecrets } from '../../src/store/seal-secrets.js';
import { Store } from '../../src/store/store.js';
import { databaseBytes } from '../helpers/database-bytes.js';
import { tmpDir } from '../helpers/tmp.js';

const CODE = '937914491097478';
const PART_CODE = '551209837465120';
const PASSWORD = '739251';
const NEW_PASSWORD = '604918';

/** A database as the version before sealing left it: texts, PDUs and parts in the clear. */
function oldDatabase(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const before = MIGRATIONS.indexOf(sealSecrets);
  for (const migration of MIGRATIONS.slice(0, before)) db.exec(migration as string);
  db.pragma(`user_version = ${before}`);
  const now = new Date().toISOString();
  const sms = (id: number, text: string, state: string) => {
    db.prepare('INSERT INTO inbox (id, received_at, sender, sent_at, text, pdu, dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, now, '+359888000001', '2026-11-21T10:00:00+02:00', text, `0791PDU${CODE}`, `+359888000001|2026-11-21T10:00:00+02:00||${text}`);
    db.prepare('INSERT INTO commands (id, source, inbox_id, sender, text, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, 'sms', id, '+359888000001', text, state, now);
  };
  sms(1, `*${PASSWORD} CREDIT ${CODE}`, 'answered');
  sms(2, `*${PASSWORD} PH 0888123456 CREDIT ${CODE.split('').reverse().join('')}`, 'received');
  sms(3, `*${PASSWORD} PWD ${NEW_PASSWORD}`, 'dropped');
  db.prepare('INSERT INTO sms_parts (sender, ref, total, seq, text, sent_at, pdu, received_at) VALUES (?, 7, 2, 1, ?, NULL, ?, ?)')
    .run('+359888000002', `*${PASSWORD} CREDIT ${PART_CODE.slice(0, 8)}`, `PDU${PART_CODE}`, now);
  db.prepare("INSERT INTO settings (key, value) VALUES ('password', ?)").run(JSON.stringify(NEW_PASSWORD));
  db.close();
}

describe('nothing secret at rest in the store', () => {
  it('aCommandIsKeptMaskedAndRunnableUntilItIsAnswered', () => {
    const file = path.join(tmpDir(), 'gsmkeeper.db');
    const store = Store.open(file);
    const row = store.commands.recordSms('main', { sender: '+359888000001', sentAt: null, text: `*${PASSWORD} CREDIT ${CODE}`, pdu: null })!;
    expect(row.text).toBe('*•••••• CREDIT ***********7478');
    expect(store.commands.runnableText(row)).toBe(`*${PASSWORD} CREDIT ${CODE}`);
    // After a restart, the command can still run.
    store.close();
    const reopened = Store.open(file);
    const [unfinished] = reopened.commands.unfinished();
    expect(reopened.commands.runnableText(unfinished!)).toBe(`*${PASSWORD} CREDIT ${CODE}`);
    // Answered, only the masked text is left.
    reopened.commands.answer(unfinished!.id, 'Credit added', null);
    expect(reopened.commands.get(unfinished!.id)).toMatchObject({ text: '*•••••• CREDIT ***********7478', sealed: null });
    expect(databaseBytes(file)).not.toContain(CODE);
    expect(databaseBytes(file)).not.toContain(PASSWORD);
  });

  it('aDroppedCommandLeavesOnlyItsMaskedText', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const row = store.commands.recordRequest('http', 'http:127.0.0.1', `*${PASSWORD} STAT?`).row;
    store.commands.drop(row.id, 'wrong-password');
    expect(store.commands.get(row.id)).toMatchObject({ text: '*•••••• STAT?', sealed: null, state: 'dropped' });
    expect(store.commands.runnableText(store.commands.get(row.id)!)).toBeNull();
  });

  it('theSameSmsReadTwiceIsStillOneCommandWithoutItsTextInTheKey', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const sms = { sender: '+359888000001', sentAt: '2026-11-21T10:00:00+02:00', text: `*${PASSWORD} CREDIT ${CODE}`, pdu: null };
    expect(store.commands.recordSms('main', sms)).not.toBeNull();
    expect(store.commands.recordSms('main', sms)).toBeNull();
    expect(JSON.stringify(store.db.prepare('SELECT dedupe_key FROM inbox').all())).not.toContain(CODE);
  });

  it('aTextSealedUnderAnotherInstallKeyIsNotRun', () => {
    const file = path.join(tmpDir(), 'gsmkeeper.db');
    const first = Store.open(file, 'the-first-install-secret-0123456789');
    first.commands.recordSms('main', { sender: '+359888000001', sentAt: null, text: `*${PASSWORD} STAT?`, pdu: null });
    first.close();
    const moved = Store.open(file, 'another-install-secret-9876543210');
    expect(moved.commands.runnableText(moved.commands.unfinished()[0]!)).toBeNull();
  });

  it('migrationMasksOldRowsKeepsUnfinishedCommandsRunnableAndForgetsTheOldBytes', () => {
    const file = path.join(tmpDir(), 'gsmkeeper.db');
    oldDatabase(file);
    expect(databaseBytes(file)).toContain(CODE);

    const store = Store.open(file);
    expect(store.db.prepare('SELECT id, text, sealed IS NOT NULL AS sealed FROM commands ORDER BY id').all()).toEqual([
      { id: 1, text: '*•••••• CREDIT ***********7478', sealed: 0 },
      { id: 2, text: '*•••••• PH ******3456 CREDIT ***********9739', sealed: 1 },
      { id: 3, text: '*•••••• PWD ••••••', sealed: 0 },
    ]);
    // The received command runs after the upgrade as it was sent.
    expect(store.commands.runnableText(store.commands.get(2)!)).toBe(`*${PASSWORD} PH 0888123456 CREDIT ${CODE.split('').reverse().join('')}`);
    // A decoded SMS keeps no PDU; the same SMS read again is still a duplicate.
    expect(store.db.prepare('SELECT pdu, pdu_sealed FROM inbox WHERE id = 1').get()).toEqual({ pdu: null, pdu_sealed: null });
    expect(store.commands.recordSms('main', { sender: '+359888000001', sentAt: '2026-11-21T10:00:00+02:00', text: `*${PASSWORD} CREDIT ${CODE}`, pdu: null })).toBeNull();
    // The waiting part is sealed and completes its message.
    const whole = store.parts.add({ line: 'main', sender: '+359888000002', ref: 7, total: 2, seq: 2, text: PART_CODE.slice(8), sentAt: null });
    expect(store.commands.runnableText(whole!)).toBe(`*${PASSWORD} CREDIT ${PART_CODE}`);
    // The password PWD set is a keyed hash now.
    expect(store.settings.get('password')).toBeUndefined();
    expect(store.settings.get('password.digest')).toBe(store.atRest.digest('password', NEW_PASSWORD));
    store.close();

    const bytes = databaseBytes(file);
    for (const secret of [CODE, CODE.split('').reverse().join(''), PART_CODE.slice(0, 8), PASSWORD, NEW_PASSWORD]) expect(bytes).not.toContain(secret);
  });

  it('theDatabaseAndItsWalAreReadableByTheirOwnerOnly', () => {
    const dir = tmpDir();
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, 'gsmkeeper.db');
    const umask = process.umask(0o022);
    try {
      // Files an older version left world-readable are tightened too.
      const old = new Database(file);
      old.pragma('journal_mode = WAL');
      old.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
      fs.closeSync(fs.openSync(path.join(dir, 'secret.key'), 'w', 0o644));
      fs.writeFileSync(path.join(dir, 'secret.key'), 'an-old-secret-of-enough-length\n');
      fs.chmodSync(file, 0o644);
      old.close();
      const store = Store.open(file);
      store.commands.recordSms('main', { sender: '+359888000001', sentAt: null, text: '*123456 STAT?', pdu: null });
      for (const name of ['gsmkeeper.db', 'gsmkeeper.db-wal', 'gsmkeeper.db-shm', 'secret.key']) {
        expect([name, fs.statSync(path.join(dir, name)).mode & 0o777]).toEqual([name, 0o600]);
      }
      store.close();

      const fresh = path.join(tmpDir(), 'new', 'gsmkeeper.db');
      Store.open(fresh).commands.recordSms('main', { sender: '+359888000001', sentAt: null, text: '*123456 STAT?', pdu: null });
      expect(fs.statSync(path.dirname(fresh)).mode & 0o777).toBe(0o700);
      for (const suffix of ['', '-wal', '-shm']) expect(fs.statSync(fresh + suffix).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(path.dirname(fresh), 'secret.key')).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(umask);
    }
  });
});
