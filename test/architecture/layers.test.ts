/**
 * The layers of DESIGN.md, checked on the source: every import between two of src/'s directories
 * points down (or stays within one layer), and only modem/ reaches the AT engine. A file that needs
 * something from a layer above it is a seam in the wrong place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Each directory's height: an import may go to a lower or equal one. daemon/ and line/ are one layer. */
const HEIGHT: Record<string, number> = {
  cli: 100,
  daemon: 90,
  line: 90,
  backup: 85,
  mqtt: 80,
  http: 78,
  dialogue: 75,
  events: 74,
  scheduler: 70,
  control: 60,
  wallet: 55,
  recharge: 50,
  carriers: 45,
  store: 40,
  supervisor: 35,
  modem: 30,
  at: 25,
  transport: 22,
  sim: 20,
  metrics: 15,
  config: 12,
  codec: 10,
  log: 5,
  util: 3,
  types: 1,
};

interface Import {
  file: string;
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

/** Imports between two directories of src/ (static and dynamic, type-only included). */
function crossImports(): Import[] {
  const out: Import[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = path.relative(SRC, file).split(path.sep)[0]!;
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = path.relative(SRC, path.resolve(path.dirname(file), match[1]!));
      const to = target.split(path.sep)[0]!;
      if (target.includes(path.sep) && to !== from) out.push({ file: path.relative(SRC, file), from, to });
    }
  }
  return out;
}

describe('the layers', () => {
  const imports = crossImports();

  it('everyDirectoryOfSrcHasAPlaceInTheLayers', () => {
    const directories = fs.readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(directories.filter((d) => !(d in HEIGHT))).toEqual([]);
  });

  it('importsPointDownOnly', () => {
    const upward = imports.filter((i) => HEIGHT[i.to]! > HEIGHT[i.from]!).map((i) => `${i.file} → ${i.to}/`);
    expect(upward).toEqual([]);
  });

  it('onlyTheModemReachesTheAtEngine', () => {
    expect(imports.filter((i) => i.to === 'at' && i.from !== 'modem').map((i) => i.file)).toEqual([]);
  });

  it('findsTheImportsItJudges', () => {
    // The check itself must see the wiring it guards, or an empty list would pass for a clean one.
    expect(imports.some((i) => i.from === 'modem' && i.to === 'at')).toBe(true);
    expect(imports.some((i) => i.from === 'cli' && i.to === 'daemon')).toBe(true);
  });
});
