import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The backup file: a few named files in one container, optionally sealed with a passphrase.
 *
 *   "GSMKBAK1"                 8 bytes, the format and its version
 *   header length              4 bytes, big-endian
 *   header                     JSON: { format: 1, createdAt, gsmkeeper, files: [{ name, size, sha256 }], sealed }
 *   body                       the files' bytes one after another, in the header's order
 *
 * Sealed (`sealed`: { kdf: "scrypt", N, r, p, salt, iv, check }): the body is AES-256-GCM under a
 * key scrypt derives from the passphrase, with the magic, length and header as associated data,
 * followed by the 16-byte tag; `check` (more scrypt output, not the key) tells a wrong passphrase
 * from an altered file. Unsealed, each file's SHA-256 catches damage, not a deliberate edit.
 */
export const MAGIC = Buffer.from('GSMKBAK1', 'ascii');
/** The names a backup may hold; anything else in a header is refused (no path ever comes from a file). */
export const ENTRY_NAMES = ['gsmkeeper.db', 'secret.key', 'http-token', 'config.yml'] as const;
export type EntryName = (typeof ENTRY_NAMES)[number];
export type Entries = Partial<Record<EntryName, Buffer>>;

const MAX_HEADER = 64 * 1024;
const TAG_BYTES = 16;
// 2^15 × 8 × 128 bytes = 32 MiB of memory and about a tenth of a second per guess.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };

interface Header {
  format: 1;
  createdAt: string;
  gsmkeeper: string;
  files: Array<{ name: EntryName; size: number; sha256: string }>;
  sealed: { kdf: 'scrypt'; N: number; r: number; p: number; salt: string; iv: string; check: string } | null;
}

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function deriveKeys(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): { key: Buffer; check: Buffer } {
  const out = scryptSync(passphrase.normalize('NFC'), salt, 48, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r });
  return { key: out.subarray(0, 32), check: out.subarray(32) };
}

function frame(header: Header): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json]);
}

export function packBackup(entries: Entries, meta: { gsmkeeper: string; passphrase?: string; now?: Date }): Buffer {
  const names = ENTRY_NAMES.filter((name) => entries[name] !== undefined);
  const body = Buffer.concat(names.map((name) => entries[name]!));
  const header: Header = {
    format: 1,
    createdAt: (meta.now ?? new Date()).toISOString(),
    gsmkeeper: meta.gsmkeeper,
    files: names.map((name) => ({ name, size: entries[name]!.length, sha256: sha256(entries[name]!) })),
    sealed: null,
  };
  if (meta.passphrase === undefined) return Buffer.concat([frame(header), body]);

  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const { key, check } = deriveKeys(meta.passphrase, salt, SCRYPT);
  header.sealed = { kdf: 'scrypt', ...SCRYPT, salt: salt.toString('base64'), iv: iv.toString('base64'), check: check.toString('base64') };
  const head = frame(header);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(head);
  return Buffer.concat([head, cipher.update(body), cipher.final(), cipher.getAuthTag()]);
}

function readHeader(file: Buffer): { header: Header; head: Buffer } {
  if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupError('not a gsmkeeper backup');
  const length = file.readUInt32BE(MAGIC.length);
  if (length > MAX_HEADER || MAGIC.length + 4 + length > file.length) throw new BackupError('the backup is cut short or damaged (its header does not fit)');
  const head = file.subarray(0, MAGIC.length + 4 + length);
  let header: Header;
  try {
    header = JSON.parse(head.subarray(MAGIC.length + 4).toString('utf8')) as Header;
  } catch {
    throw new BackupError('the backup is damaged (its header is not JSON)');
  }
  if (header?.format !== 1 || !Array.isArray(header.files)) throw new BackupError('the backup is in a format this gsmkeeper does not know');
  const seen = new Set<string>();
  for (const entry of header.files) {
    if (!ENTRY_NAMES.includes(entry?.name) || seen.has(entry.name) || !Number.isSafeInteger(entry.size) || entry.size < 0 || !/^[0-9a-f]{64}$/.test(entry.sha256)) {
      throw new BackupError('the backup is damaged (its list of files is not valid)');
    }
    seen.add(entry.name);
  }
  const sealed = header.sealed;
  // Bounded parameters: a forged header cannot make scrypt take gigabytes (at most 256 MiB here).
  if (
    sealed !== null &&
    (sealed?.kdf !== 'scrypt' || ![sealed.N, sealed.r, sealed.p].every((n) => Number.isSafeInteger(n) && n >= 1) || sealed.N > 2 ** 18 || (sealed.N & (sealed.N - 1)) !== 0 || sealed.r > 8 || sealed.p > 4 ||
      ![sealed.salt, sealed.iv, sealed.check].every((v) => typeof v === 'string'))
  ) {
    throw new BackupError('the backup is damaged (its seal is not one this gsmkeeper makes)');
  }
  return { header, head };
}

export function isSealed(file: Buffer): boolean {
  return readHeader(file).header.sealed !== null;
}

/**
 * The files in a backup, each checked against its SHA-256; a sealed one needs its passphrase and
 * is refused, saying which, when the passphrase is wrong or the file was altered.
 */
export function unpackBackup(file: Buffer, passphrase?: string): { entries: Entries; createdAt: string; gsmkeeper: string; sealed: boolean } {
  const { header, head } = readHeader(file);
  const total = header.files.reduce((sum, entry) => sum + entry.size, 0);
  let body = file.subarray(head.length);
  if (header.sealed) {
    if (passphrase === undefined) throw new BackupError('the backup is sealed: a passphrase is needed');
    if (body.length !== total + TAG_BYTES) throw new BackupError('the backup is cut short or damaged (its size does not match its header)');
    const seal = header.sealed;
    const { key, check } = deriveKeys(passphrase, Buffer.from(seal.salt, 'base64'), seal);
    const expected = Buffer.from(seal.check, 'base64');
    if (expected.length !== check.length || !timingSafeEqual(expected, check)) throw new BackupError('wrong passphrase');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(seal.iv, 'base64'));
    decipher.setAAD(head);
    decipher.setAuthTag(body.subarray(total));
    try {
      body = Buffer.concat([decipher.update(body.subarray(0, total)), decipher.final()]);
    } catch {
      throw new BackupError('the backup was altered or damaged: its seal does not verify');
    }
  } else if (body.length !== total) {
    throw new BackupError('the backup is cut short or damaged (its size does not match its header)');
  }
  const entries: Entries = {};
  let offset = 0;
  for (const { name, size, sha256: digest } of header.files) {
    const data = body.subarray(offset, offset + size);
    offset += size;
    if (sha256(data) !== digest) throw new BackupError(`the backup was altered or damaged: ${name} does not match its checksum`);
    entries[name] = Buffer.from(data);
  }
  return { entries, createdAt: String(header.createdAt), gsmkeeper: String(header.gsmkeeper), sealed: header.sealed !== null };
}
