import fs from 'node:fs';
import { BUILTIN_CARRIERS_DIR, loadCarriers, loadProfileFile } from '../carriers/loader.js';
import { interpret, plainReading, type Reading } from '../carriers/interpret/interpret.js';
import { configFromFlags } from './run.js';
import { UsageError } from './usage-error.js';

/**
 * `gsmkeeper carriers check <file>`: validates a profile and reads its sample answers with it, so
 * an installer can add a carrier without touching code.
 */
export async function carriersCheckCommand(file: string): Promise<void> {
  // loadProfileFile throws on a schema error, a bad phrase, or a sample it misreads.
  const profile = loadProfileFile(file);
  const samples = profile.file.samples.length;
  console.log(`${file}: ${profile.name} (${profile.file.mccMnc.join(', ') || 'no MCC-MNC'}) is valid; ${samples} sample answer(s) read as expected.`);
  if (!profile.canRecharge) console.log('note: no recharge template — CREDIT will answer "Add Credit operation is Unavailable!"');
  if (!profile.hasBalanceCheck) console.log('note: no balance code — CREDIT? will report the last known figures');
  const unconfirmed = profile.unconfirmed();
  if (unconfirmed.length) console.log(`note: unconfirmed on a real SIM: ${unconfirmed.join(', ')}`);
}

/**
 * `gsmkeeper carriers interpret [--carrier ID] [--kind topup|balance] '<text>'` ('-' reads the text
 * from stdin): what the daemon reads from a carrier's answer, by the same code. Without a carrier
 * the generic reading applies, with no currency assumed.
 */
export async function carriersInterpretCommand(text: string, flags: { carrier?: string; kind?: 'topup' | 'balance'; config?: string }): Promise<void> {
  const input = text === '-' ? fs.readFileSync(0, 'utf8') : text;
  let reading: Reading;
  if (flags.carrier) {
    const config = configFromFlags({ ...(flags.config ? { config: flags.config } : {}) });
    const registry = loadCarriers([BUILTIN_CARRIERS_DIR, ...(config.carriersDir ? [config.carriersDir] : [])]);
    const profile = registry.byId(flags.carrier);
    if (!profile) throw new UsageError(`unknown carrier "${flags.carrier}": ${registry.profiles.map((p) => p.id).join(', ')}`);
    reading = profile.read(input, flags.kind);
  } else {
    reading = interpret(input, flags.kind ? { kind: flags.kind } : {});
  }
  console.log(JSON.stringify(plainReading(reading)));
}
