import { createRequire } from 'node:module';
import type { parse as Parse } from 'csv-parse/sync';
import type { stringify as Stringify } from 'csv-stringify/sync';

/**
 * csv-parse and csv-stringify, loaded the first time a CSV is read or written: a box imports and
 * exports cards now and then, and a daemon that never does need not keep them in memory.
 */
const require = createRequire(import.meta.url);

export const parseCsv: typeof Parse = ((input: unknown, options: unknown) =>
  (require('csv-parse/sync') as { parse: (input: unknown, options: unknown) => unknown }).parse(input, options)) as typeof Parse;

export const stringifyCsv: typeof Stringify = ((input: unknown, options?: unknown) =>
  (require('csv-stringify/sync') as { stringify: (input: unknown, options?: unknown) => string }).stringify(input, options)) as typeof Stringify;
