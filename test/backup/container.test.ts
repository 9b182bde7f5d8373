import { describe, expect, it } from 'vitest';
import { BackupError, MAGIC, packBackup, unpackBackup, type Entries } from '../../src/backup/container.js';

const ENTRIES: Entries = {
  'gsmkeeper.db': Buffer.from('SQLite format 3\0 pretend pages'),
  'secret.key': Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef\n'),
  'config.yml': Buffer.from('sms:\n  dailyCap: 20\n'),
};

/** The header of a packed backup, rewritten by `edit`, with the body as it was. */
function withHeader(file: Buffer, edit: (header: any) => void): Buffer {
  const length = file.readUInt32BE(MAGIC.length);
  const header = JSON.parse(file.subarray(MAGIC.length + 4, MAGIC.length + 4 + length).toString('utf8'));
  edit(header);
  const json = Buffer.from(JSON.stringify(header));
  const size = Buffer.alloc(4);
  size.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, size, json, file.subarray(MAGIC.length + 4 + length)]);
}

describe('the backup container', () => {
  it('givesBackEveryFileItWasGivenPlainOrSealed', () => {
    const plain = unpackBackup(packBackup(ENTRIES, { gsmkeeper: '1.2.3' }));
    expect(plain).toMatchObject({ entries: ENTRIES, gsmkeeper: '1.2.3', sealed: false });
    const sealed = unpackBackup(packBackup(ENTRIES, { gsmkeeper: '1.2.3', passphrase: 'pässphrase' }), 'pässphrase');
    expect(sealed).toMatchObject({ entries: ENTRIES, sealed: true });
  });

  it('aSealedBackupShowsNoneOfItsFiles', () => {
    const file = packBackup(ENTRIES, { gsmkeeper: '1.2.3', passphrase: 'a long passphrase' });
    expect(file.includes(ENTRIES['secret.key']!)).toBe(false);
    expect(file.includes(Buffer.from('dailyCap'))).toBe(false);
    expect(() => unpackBackup(file)).toThrow('the backup is sealed: a passphrase is needed');
  });

  it('aWrongPassphraseIsToldApartFromAnAlteredFile', () => {
    const file = packBackup(ENTRIES, { gsmkeeper: '1.2.3', passphrase: 'a long passphrase' });
    expect(() => unpackBackup(file, 'a long passphrasE')).toThrow(new BackupError('wrong passphrase'));
    const body = Buffer.from(file);
    body[body.length - 20]! ^= 0x80;
    expect(() => unpackBackup(body, 'a long passphrase')).toThrow('the backup was altered or damaged: its seal does not verify');
    // The header is sealed too: a changed date (or file list) does not pass.
    const redated = withHeader(file, (header) => (header.createdAt = '2020-01-01T00:00:00.000Z'));
    expect(() => unpackBackup(redated, 'a long passphrase')).toThrow('its seal does not verify');
  });

  it('anUnsealedFileWithAChangedByteFailsItsChecksum', () => {
    const file = packBackup(ENTRIES, { gsmkeeper: '1.2.3' });
    file[file.length - 3]! ^= 0x01;
    expect(() => unpackBackup(file)).toThrow('the backup was altered or damaged: config.yml does not match its checksum');
  });

  it.each([
    ['not a backup at all', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'not a gsmkeeper backup'],
    ['cut short', packBackup(ENTRIES, { gsmkeeper: '1' }).subarray(0, 60), 'cut short or damaged'],
    ['a header longer than the file', Buffer.concat([MAGIC, Buffer.from([0, 0, 0x10, 0])]), 'cut short or damaged'],
    ['a file named with a path', withHeader(packBackup(ENTRIES, { gsmkeeper: '1' }), (h) => (h.files[0].name = '../../etc/cron.d/x')), 'list of files is not valid'],
    ['scrypt asked for gigabytes', withHeader(packBackup(ENTRIES, { gsmkeeper: '1', passphrase: 'a long passphrase' }), (h) => (h.sealed.N = 2 ** 24)), 'its seal is not one this gsmkeeper makes'],
    ['a format from the future', withHeader(packBackup(ENTRIES, { gsmkeeper: '1' }), (h) => (h.format = 2)), 'a format this gsmkeeper does not know'],
  ])('%s is refused with a clear error', (_name, file, message) => {
    expect(() => unpackBackup(file, 'a long passphrase')).toThrow(BackupError);
    expect(() => unpackBackup(file, 'a long passphrase')).toThrow(message);
  });
});
