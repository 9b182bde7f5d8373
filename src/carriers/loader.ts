import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { formatCents } from './interpret/numbers.js';
import type { Amount } from './interpret/interpret.js';
import { CarrierProfile, type CarrierOverrides } from './profile.js';
import { currencyForImsi } from './mcc-country.js';
import { carrierProfileSchema, type CarrierProfileFile } from './schema.js';

export class CarrierProfileError extends Error {
  override readonly name = 'CarrierProfileError';
}

/** The /carriers folder shipped with the package (next to dist/ and src/). */
export const BUILTIN_CARRIERS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../carriers');

type ProfileValidator = ValidateFunction<CarrierProfileFile>;

/**
 * The schema's validator, compiled for one loading and then let go: a long-running daemon loads
 * its profiles once, and a compiled validator (its generated source and code) would stay in memory.
 */
const profileValidator = (): ProfileValidator => new Ajv({ allErrors: true, strict: false }).compile<CarrierProfileFile>(carrierProfileSchema);

/** Validates one profile file: schema, phrases, and its own sample answers read as they say. */
export function loadProfileFile(file: string, validate: ProfileValidator = profileValidator()): CarrierProfile {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CarrierProfileError(`${file}: ${(err as Error).message}`);
  }
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new CarrierProfileError(`${file}: ${problems}`);
  }
  let profile: CarrierProfile;
  try {
    profile = new CarrierProfile(data);
    profile.read('');
  } catch (err) {
    throw new CarrierProfileError(`${file}: ${(err as Error).message}`);
  }
  const failures = checkSamples(profile);
  if (failures.length > 0) throw new CarrierProfileError(`${file}: ${failures.join('; ')}`);
  return profile;
}

/** "10.00 BGN", the way samples write an amount. */
const money = (amount: Amount | null): string | null => (amount ? `${formatCents(amount.cents)} ${amount.currency ?? ''}`.trim() : null);

/** Reads a profile's sample answers through the interpreter; returns what did not read as expected. */
export function checkSamples(profile: CarrierProfile): string[] {
  const failures: string[] = [];
  for (const sample of profile.file.samples) {
    const got = profile.read(sample.text, sample.kind);
    const want = sample.expect;
    const wrong: string[] = [];
    if (got.outcome !== want.outcome) wrong.push(`outcome ${got.outcome}, expected ${want.outcome}`);
    if (want.added !== undefined && money(got.added) !== want.added) wrong.push(`added ${money(got.added) ?? 'none'}, expected ${want.added}`);
    if (want.balance !== undefined && money(got.balance) !== want.balance) wrong.push(`balance ${money(got.balance) ?? 'none'}, expected ${want.balance}`);
    if (want.validUntil !== undefined && got.validUntil !== want.validUntil) wrong.push(`validUntil ${got.validUntil ?? 'none'}, expected ${want.validUntil}`);
    if (wrong.length) failures.push(`sample ${JSON.stringify(sample.text)}: ${wrong.join(', ')}`);
  }
  return failures;
}

export class CarrierRegistry {
  constructor(readonly profiles: CarrierProfile[]) {}

  /** By MCC-MNC from the IMSI (not the operator name, which roaming and old tables get wrong). */
  forImsi(imsi: string): CarrierProfile {
    const match = this.profiles.find((p) => p.file.mccMnc.some((code) => imsi.startsWith(code)));
    return match ?? this.generic();
  }

  /**
   * The profile the box runs with for this SIM: detected from the IMSI, with the installer's
   * confirmed facts from the config in place of the profile's, and, for a carrier nobody wrote a
   * profile for, the currency of the SIM's country.
   */
  forSim(imsi: string, overrides: Omit<CarrierOverrides, 'currency'> = {}): CarrierProfile {
    return this.forImsi(imsi).withOverrides({ ...overrides, currency: currencyForImsi(imsi) });
  }

  generic(): CarrierProfile {
    return this.profiles.find((p) => p.id === 'generic') ?? new CarrierProfile(GENERIC_FALLBACK);
  }

  byId(id: string): CarrierProfile | undefined {
    return this.profiles.find((p) => p.id === id);
  }
}

/** Loads every *.json in the folders given (later folders override earlier ones by id). */
export function loadCarriers(dirs: string[] = [BUILTIN_CARRIERS_DIR]): CarrierRegistry {
  const byId = new Map<string, CarrierProfile>();
  const validate = profileValidator();
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const profile = loadProfileFile(path.join(dir, name), validate);
      byId.set(profile.id, profile);
    }
  }
  return new CarrierRegistry([...byId.values()]);
}

const GENERIC_FALLBACK: CarrierProfileFile = {
  id: 'generic',
  name: 'Unknown carrier',
  country: '',
  history: [],
  mccMnc: [],
  currency: 'EUR',
  recharge: { ussd: null, codeLengths: [], answerTimeoutSeconds: 30, verified: false, source: '' },
  balance: { ussd: null, verified: false, source: '' },
  answers: { success: [], rejected: [], attemptsExceeded: [], unavailable: [], verified: false, source: '' },
  attemptLimit: { carrierLimit: null, windowHours: 24, margin: 1, verified: false, source: '' },
  samples: [],
};
