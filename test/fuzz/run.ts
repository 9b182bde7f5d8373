/**
 * The fuzz harness: each kind of attack for a given count and seed, with what it tried and what
 * failed. `npm run bench:fuzz -- --count N [--seed S] [--only http,sms,pdu,cusd,at,panel,mqtt]`; a small
 * run is part of `npm test` (test/fuzz/fuzz.test.ts).
 */
import type { KindReport } from './report.js';
import { atKind } from './kinds/at.js';
import { cusdKind } from './kinds/cusd.js';
import { httpKind } from './kinds/http.js';
import { mqttKind } from './kinds/mqtt.js';
import { panelKind } from './kinds/panel.js';
import { pduKind } from './kinds/pdu.js';
import { smsKind } from './kinds/sms.js';

export const KINDS = ['http', 'sms', 'pdu', 'cusd', 'at', 'panel', 'mqtt'] as const;
export type KindName = (typeof KINDS)[number];

const RUNNERS: Partial<Record<KindName, (count: number, seed: number) => Promise<KindReport>>> = {
  http: httpKind,
  sms: smsKind,
  pdu: pduKind,
  cusd: cusdKind,
  at: atKind,
  panel: panelKind,
  mqtt: mqttKind,
};

/** Runs the kinds one after another (each owns what it starts, and stops it however it ends). */
export async function runFuzz(options: { counts: Partial<Record<KindName, number>>; seed: number; only?: KindName[]; onReport?: (report: KindReport) => void }): Promise<KindReport[]> {
  const reports: KindReport[] = [];
  for (const kind of options.only ?? KINDS) {
    const runner = RUNNERS[kind];
    const count = options.counts[kind];
    if (!runner || !count) continue;
    const report = await runner(count, options.seed);
    options.onReport?.(report);
    reports.push(report);
  }
  return reports;
}
