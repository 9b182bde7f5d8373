import path from 'node:path';
import { loadCarriers } from '../../src/carriers/loader.js';
import { silentLogger } from '../../src/log/logger.js';
import type { UssdAnswer, UssdRequest } from '../../src/modem/ussd.js';
import type { BalanceCheck } from '../../src/recharge/balance.js';
import { RechargeService } from '../../src/recharge/service.js';
import { Store } from '../../src/store/store.js';
import { tmpDir } from './tmp.js';

export const carriers = loadCarriers();
export const IMSI = '284030000000001';
export const SECRET = 'test-secret-0123456789';

/** An error the modem raised before AT+CUSD was written (the port closed while it was queued). */
export class BeforeWrite {
  constructor(readonly error: Error) {}
}

/** The modem never gets to write AT+CUSD (the process dies while the character set is being set). */
export const HANG_BEFORE_WRITE = Symbol('hang before AT+CUSD is written');

export type Scripted = UssdAnswer | Error | BeforeWrite | typeof HANG_BEFORE_WRITE | ((store: Store) => UssdAnswer);

/**
 * A recharge service on a fresh SQLite file, dialling a modem that gives the scripted answers in
 * turn. Like a real modem it runs the request's beforeWrite when it writes AT+CUSD (an Error comes
 * after the write: no answer in time; a BeforeWrite before it). `balances` are what reading the
 * balance gives, in turn; without them the carrier has no balance code.
 */
export function rechargeOnScriptedModem(answers: Scripted[] = [], options: { enabled?: boolean; imsi?: string; balances?: BalanceCheck[] } = {}) {
  const file = path.join(tmpDir(), 'gsmkeeper.db');
  const store = Store.open(file);
  const dials: UssdRequest[] = [];
  const balanceReads: string[] = [];
  const imsi = options.imsi ?? IMSI;
  const service = new RechargeService({
    line: 'main',
    store,
    dialer: {
      ussd: async (request) => {
        dials.push(request);
        const next = answers.shift() ?? new Error('no scripted answer');
        if (next === HANG_BEFORE_WRITE) return new Promise<never>(() => {});
        if (next instanceof BeforeWrite) throw next.error;
        request.beforeWrite?.();
        if (next instanceof Error) throw next;
        return typeof next === 'function' ? next(store) : next;
      },
    },
    // A carrier whose balance answers are scripted has a balance code.
    sim: () => ({ imsi, profile: options.balances ? carriers.forImsi(imsi).withOverrides({ balanceUssd: '*102#' }) : carriers.forImsi(imsi) }),
    enabled: () => options.enabled ?? true,
    secret: SECRET,
    logger: silentLogger(),
    ...(options.balances
      ? {
          readBalance: async (source: string) => {
            balanceReads.push(source);
            const check = options.balances!.shift() ?? { kind: 'failed' as const, reason: 'no scripted balance' };
            if (check.kind === 'checked') store.balances.record(imsi, check.balance?.cents ?? null, check.balance?.currency ?? null, check.validUntil, source);
            return check;
          },
        }
      : {}),
  });
  return { file, store, dials, balanceReads, service };
}
