import { loadProfileFile } from '../carriers/loader.js';

/**
 * `gsmkeeper carriers check <file>`: validates a profile and runs its regexes over the sample
 * answers stored in it, so an installer can add a carrier without touching code.
 */
export async function carriersCheckCommand(file: string): Promise<void> {
  // loadProfileFile throws on a schema error, a bad regex, or a sample its regexes misread.
  const profile = loadProfileFile(file);
  const samples = profile.file.samples.length;
  console.log(`${file}: ${profile.name} (${profile.file.mccMnc.join(', ') || 'no MCC-MNC'}) is valid; ${samples} sample answer(s) parsed as expected.`);
  if (!profile.canRecharge) console.log('note: no recharge template — CREDIT will answer "Add Credit operation is Unavailable!"');
  if (!profile.file.balance.ussd && !profile.file.balance.menu?.length) console.log('note: no balance code — CREDIT? will report the last known figures');
}
