import fs from 'node:fs';

/** Every byte SQLite keeps for a database: the file, its WAL and its shared-memory index, as latin1 text to search in. */
export function databaseBytes(file: string): string {
  return ['', '-wal', '-shm'].map((suffix) => (fs.existsSync(file + suffix) ? fs.readFileSync(file + suffix).toString('latin1') : '')).join('');
}
