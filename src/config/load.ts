import fs from 'node:fs';
import { Ajv } from 'ajv';
import YAML from 'yaml';
import { configSchema, DEFAULT_CONFIG, type Config } from './schema.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const validate = new Ajv({ allErrors: true, strict: false }).compile(configSchema);

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object | null ? DeepPartial<NonNullable<T[K]>> | T[K] : T[K] };

function merge<T>(base: T, over: DeepPartial<T> | undefined): T {
  if (!over) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
      ? merge(current, value as DeepPartial<typeof current>)
      : value;
  }
  return out as T;
}

export function checkConfig(data: unknown, origin: string): DeepPartial<Config> {
  if (data === null || data === undefined) return {};
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new ConfigError(`${origin}: ${problems}`);
  }
  return data as DeepPartial<Config>;
}

/** Defaults, then the YAML file (if any), then overrides from the command line, each validated. */
export function loadConfig(file: string | null, overrides: DeepPartial<Config> = {}): Config {
  let fromFile: DeepPartial<Config> = {};
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    let data: unknown;
    try {
      data = YAML.parse(text);
    } catch (err) {
      throw new ConfigError(`${file}: ${(err as Error).message.split('\n')[0]}`);
    }
    fromFile = checkConfig(data, file);
  }
  const merged = merge(merge(DEFAULT_CONFIG, fromFile), overrides);
  checkConfig(merged, 'the command line');
  return merged;
}

export type { DeepPartial };
