import { canonicalNumber } from '../../src/codec/address.js';
import type { BalanceReport, ControlContext, CreditControlSettings, LinePort, LineRefusal, StatusSnapshot } from '../../src/control/context.js';
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
  /** What each command named as its line (null: none), in order. */
  lineRefs: Array<string | null>;
  /** Each phone's own reply language (LANG by SMS). */
  senderLanguages: Map<string, Language>;
}

export const QUIET_LINE: StatusSnapshot = {
  line: 'main', signal: null, registration: null, network: null, carrierName: null, balance: null, pendingOutbox: 0, walletCards: 0, uptimeSeconds: 0, version: '0.0.0-test', degraded: [], unconfirmed: [], unsettled: 0,
};

/**
 * A control context with in-memory settings and groups, recording what handlers asked for. It has
 * one line, `main`, unless `refuse` says why no line is to be had.
 */
export function fakeControl(
  options: { recharge?: RechargeResult; balance?: BalanceReport; configNumbers?: string[]; unconfirmed?: string[]; settle?: SettleResult; refuse?: LineRefusal; status?: StatusSnapshot[] } = {},
): FakeControl {
  const groupData: Record<PhoneGroup, string[]> = { config: [], command: [], notify: [] };
  const line: LinePort = {
    name: 'main',
    recharge: async (request) => {
      fake.requests.push(request);
      return options.recharge ?? { kind: 'invalid-code' };
    },
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
  };
  const fake: FakeControl = {
    requests: [],
    ussdCodes: [],
    restarts: 0,
    resets: 0,
    settled: [],
    groupData,
    lineRefs: [],
    senderLanguages: new Map(),
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
      dialogue: false,
    },
    // A phone (an SMS sender) has a language of its own; HTTP and MQTT callers get the box's.
    languages: {
      of: (sender, channel) => (channel === 'sms' ? fake.senderLanguages.get(sender) : undefined) ?? fake.settings.language,
      setFor: (sender, channel, lang) => {
        if (channel !== 'sms') return false;
        fake.senderLanguages.set(sender, lang);
        return true;
      },
    },
    // Numbers are read in the line's country (Bulgaria here), as the daemon's context does.
    groups: {
      add: (g, number) => {
        const n = canonicalNumber(number, '359');
        return groupData[g].includes(n) ? 'exists' : groupData[g].length >= 4 ? 'full' : (groupData[g].push(n), 'added');
      },
      remove: (g, number) => {
        const i = groupData[g].indexOf(canonicalNumber(number, '359'));
        if (i < 0) return false;
        groupData[g].splice(i, 1);
        return true;
      },
      members: (g) => [...groupData[g]],
    },
    line: (ref) => {
      fake.lineRefs.push(ref);
      return options.refuse ? { refusal: options.refuse } : { line };
    },
    status: async () => options.status ?? [{ ...QUIET_LINE, unconfirmed: options.unconfirmed ?? [] }],
    settleRecharge: (ref, used, by) => {
      fake.settled.push({ ref, used, by });
      return options.settle ?? { kind: 'settled', id: Number(ref), masked: '***********2345', used };
    },
    mayConfigure: (sender, channel) => channel !== 'sms' || (options.configNumbers ?? ['+359888000999']).includes(sender),
  };
  return fake;
}
