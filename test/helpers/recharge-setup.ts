import path from 'node:path';
import { loadCarriers } from '../../src/carriers/loader.js';
import { silentLogger } from '../../src/log/logger.js';
import type { UssdAnswer, UssdRequest } from '../../src/modem/ussd.js';
import { RechargeService } from '../../src/recharge/service.js';
import { Store } from '../../src/store/store.js';
import { tmpDir } from './tmp.js';

export const carriers = loadCarriers();
export const IMSI = '284030000000001';
export const SECRET = 'test-secret-0123456789';

export type Scripted = UssdAnswer | Error | ((store: Store) => UssdAnswer);

/** A recharge service on a fresh SQLite file, dialling a modem that gives the scripted answers in turn. */
export function rechargeOnScriptedModem(answers: Scripted[] = [], options: { enabled?: boolean; imsi?: string } = {}) {
  const file = path.join(tmpDir(), 'gsmkeeper.db');
  const store = Store.open(file);
  const dials: UssdRequest[] = [];
  const service = new RechargeService({
    store,
    dialer: {
      ussd: async (request) => {
        dials.push(request);
        const next = answers.shift() ?? new Error('no scripted answer');
        if (next instanceof Error) throw next;
        return typeof next === 'function' ? next(store) : next;
      },
    },
    sim: () => ({ imsi: options.imsi ?? IMSI, profile: carriers.forImsi(options.imsi ?? IMSI) }),
    enabled: () => options.enabled ?? true,
    secret: SECRET,
    logger: silentLogger(),
  });
  return { file, store, dials, service };
}
