import fs from 'node:fs';

/**
 * gsmkeeper's version, from its package.json (two levels up from src/util and from dist/util alike):
 * `gsmkeeper --version`, STAT?, /api/v1/health and /metrics say it.
 */
export const VERSION: string = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
