import type { BalanceReport, ControlContext, CreditControlSettings } from '../../src/control/context.js';
import type { Language } from '../../src/control/texts.js';
import type { RechargeRequest } from '../../src/recharge/service.js';
import type { RechargeResult } from '../../src/recharge/result.js';
import type { SettleResult } from '../../src/recharge/settle.js';
import type { PhoneGroup } from '../../src/store/groups.js';

export interface FakeControl extends ControlContext {
  settings: ControlContext['settings'] & { password: string };
  requests: RechargeRequest[];
  ussdCodes: string[];
  restarts: number;
  resets: number;
  settled: Array<{ ref: string; used: boolean; by: string }>;
  groupData: Record<PhoneGroup, string[]>;
}

/** A control context with in-memory settings and groups, recording what handlers asked for. */
export function fakeControl(
  options: { recharge?: RechargeResult; balance?: BalanceReport; configNumbers?: string[]; unconfirmed?: string[]; settle?: SettleResult } = {},
): FakeControl {
  const groupData: Record<PhoneGroup, string[]> = { config: [], command: [], notify: [] };
  const fake: FakeControl = {
    requests: [],
    ussdCodes: [],
    restarts: 0,
    resets: 0,
    settled: [],
    groupData,
    settings: {
      password: '123456',
      checkPassword(given: string) {
        return given === this.password;
      },
      setPassword(next: string) {
        this.password = next;
      },
      language: 'en' as Language,
      bulgarianScript: 'latin' as 'latin' | 'cyrillic',
      credit: { enabled: true, lowBalance: 2, validityDays: 7 } as CreditControlSettings,
      defaultPassword: '123456',
      currency: 'EUR',
      checkSchedule: '0 9 * * *',
    },
    groups: {
      add: (g, n) => (groupData[g].includes(n) ? 'exists' : groupData[g].length >= 4 ? 'full' : (groupData[g].push(n), 'added')),
      remove: (g, n) => {
        const i = groupData[g].indexOf(n);
        if (i < 0) return false;
        groupData[g].splice(i, 1);
        return true;
      },
      members: (g) => [...groupData[g]],
    },
    recharge: async (request) => {
      fake.requests.push(request);
      return options.recharge ?? { kind: 'invalid-code' };
    },
    status: async () => ({ signal: null, registration: null, network: null, carrierName: null, balance: null, pendingOutbox: 0, walletCards: 0, uptimeSeconds: 0, version: '0.0.0-test', degraded: [], unconfirmed: options.unconfirmed ?? [], unsettled: 0 }),
    balance: async () => options.balance ?? { kind: 'unknown', why: 'no balance code for Vivacom' },
    ussd: async (code) => {
      fake.ussdCodes.push(code);
      return { status: 'answer', text: `answer to ${code}` };
    },
    restartModem: async () => {
      fake.restarts += 1;
    },
    resetRechargeLock: () => {
      fake.resets += 1;
      return true;
    },
    settleRecharge: (ref, used, by) => {
      fake.settled.push({ ref, used, by });
      return options.settle ?? { kind: 'settled', id: Number(ref), masked: '***********2345', used };
    },
    mayConfigure: (sender, channel) => channel !== 'sms' || (options.configNumbers ?? ['+359888000999']).includes(sender),
  };
  return fake;
}
