/**
 * The fuzz harness at any size: `npm run bench:fuzz -- --count N [--seed S] [--only http,sms,…]`.
 * `--count` is one number for every kind, or per kind: `--count http=44000,sms=125000,pdu=1000000`.
 * Prints per kind how many inputs were tried, how many failed (the first few with their inputs),
 * the time taken and inputs per second; exits 1 when anything failed.
 */
import { KINDS, runFuzz, type KindName } from '../test/fuzz/run.js';
import { formatReports, reportProgressTo } from '../test/fuzz/report.js';
import { machine } from './lib/common.js';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function counts(spec: string): Partial<Record<KindName, number>> {
  if (/^\d+$/.test(spec)) return Object.fromEntries(KINDS.map((k) => [k, Number(spec)]));
  const out: Partial<Record<KindName, number>> = {};
  for (const part of spec.split(',')) {
    const [kind, n] = part.split('=');
    if (!KINDS.includes(kind as KindName) || !/^\d+$/.test(n ?? '')) throw new Error(`--count ${spec}: expected N or kind=N,… with kinds ${KINDS.join(', ')}`);
    out[kind as KindName] = Number(n);
  }
  return out;
}

const seed = Number(option('seed') ?? 20261202);
const only = option('only')?.split(',') as KindName[] | undefined;
for (const kind of only ?? []) if (!KINDS.includes(kind)) throw new Error(`--only ${kind}: the kinds are ${KINDS.join(', ')}`);
const spec = option('count') ?? '1000';
console.log(`fuzz: seed ${seed}, count ${spec}${only ? `, only ${only.join(',')}` : ''}`);
console.log(`machine: ${machine()}`);
reportProgressTo((line) => process.stderr.write(`${line}\n`));
const reports = await runFuzz({ counts: counts(spec), seed, ...(only ? { only } : {}), onReport: (r) => console.log(formatReports([r], seed)) });
const failed = reports.reduce((n, r) => n + r.failed, 0);
console.log(`\n${reports.reduce((n, r) => n + r.tried, 0)} inputs tried, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
