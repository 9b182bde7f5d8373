import fs from 'node:fs';
import path from 'node:path';
import { tmpDir } from './tmp.js';

/**
 * A data dir holding a copy of the database the daemon wrote before the box had several lines,
 * with its install key (see test/fixtures/one-line-db/make.mjs for how it was made).
 */
export function oneLineDataDir(): string {
  const dir = tmpDir();
  for (const file of ['gsmkeeper.db', 'secret.key']) fs.copyFileSync(path.resolve('test/fixtures/one-line-db', file), path.join(dir, file));
  return dir;
}
