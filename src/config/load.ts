import fs from 'node:fs';
import { Ajv } from 'ajv';
import cron from 'node-cron';
import YAML from 'yaml';
import { lineProblems } from './lines.js';
import { describeProblem, type FlagNames } from './problems.js';
import { configSchema, DEFAULT_CONFIG, type Config } from './schema.js';
import { unreadableFiles } from '../util/readable-file.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

// verbose: each error carries the value it is about, so a message can show what was given.
/** Compiled for each loading and let go: the config is read once, its validator need not stay in memory. */
const configValidator = () => new Ajv({ allErrors: true, strict: false, verbose: true }).compile(configSchema);

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

/**
 * Validates config data from `origin` (a file name, or "the command line" with `flags` naming the
 * option behind each key). Every problem names its key or flag and what is allowed.
 */
export function checkConfig(data: unknown, origin: string, flags: FlagNames = {}, validate = configValidator()): DeepPartial<Config> {
  if (data === null || data === undefined) return {};
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((error) => describeProblem(error, configSchema, flags)).join('; ');
    throw new ConfigError(`${origin}: ${problems}`);
  }
  return data as DeepPartial<Config>;
}

/**
 * The broker's PEM files, when there is a broker to use them with (mqtt.url, from the file or
 * --mqtt): each one readable, or the key and path that are not, as the bridge would otherwise
 * meet them only when it first dials.
 */
function tlsFileProblems(config: Config): string | null {
  if (!config.mqtt.url) return null;
  const { ca, cert, key } = config.mqtt;
  const problems = unreadableFiles({ 'mqtt.ca': ca, 'mqtt.cert': cert, 'mqtt.key': key });
  return problems.length ? problems.join('; ') : null;
}

/**
 * What the schema cannot say: the schedule must be a cron expression, the timezone one Node knows,
 * the broker's PEM files readable.
 */
function checkMeaning(config: Config, origin: string): void {
  if (!cron.validate(config.credit.checkSchedule)) {
    throw new ConfigError(`${origin}: credit.checkSchedule "${config.credit.checkSchedule}" is not a cron expression (minute hour day month weekday, e.g. "0 9 * * *")`);
  }
  const lines = lineProblems(config);
  if (lines) throw new ConfigError(`${origin}: ${lines}`);
  if (config.timezone !== null) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: config.timezone });
    } catch {
      throw new ConfigError(`${origin}: timezone "${config.timezone}" is not an IANA timezone (e.g. "Europe/Sofia")`);
    }
  }
  const files = tlsFileProblems(config);
  if (files) throw new ConfigError(`${origin}: ${files}`);
}

/**
 * Defaults, then the YAML file (if any), then overrides from the command line, each validated (the
 * overrides are as untrusted as the file: `--baud fast` arrives as the text "fast").
 */
export function loadConfig(file: string | null, overrides: unknown = {}, flags: FlagNames = {}): Config {
  // One validator for the file and the flags, let go with this call.
  const validate = configValidator();
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
    fromFile = checkConfig(data, file, {}, validate);
  }
  const fromFlags = checkConfig(overrides, 'the command line', flags, validate);
  const merged = merge(merge(DEFAULT_CONFIG, fromFile), fromFlags);
  checkMeaning(merged, file ?? 'the defaults');
  return merged;
}

export type { DeepPartial };
