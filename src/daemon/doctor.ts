import type { CarrierRegistry } from '../carriers/loader.js';
import type { CarrierProfile } from '../carriers/profile.js';
import { formatMoney, formatDay } from '../carriers/money.js';
import type { Modem } from '../modem/modem.js';
import type { UssdRequestEncoding } from '../modem/ussd.js';

export interface Check {
  name: string;
  /** 'skip' is a check not run (not asked for, or pointless after an earlier failure). */
  outcome: 'ok' | 'warn' | 'fail' | 'skip';
  detail: string;
  /** What to do about it, in one line. */
  advice?: string;
}

/** What the doctor asks of the modem: its own operations, never a command of its own. */
export type ExaminedModem = Pick<Modem, 'ping' | 'identify' | 'useNumericErrors' | 'simState' | 'init' | 'registration' | 'operator' | 'signal' | 'storageStatus' | 'ussd' | 'reportRouting' | 'reportRoutingRefused' | 'reportStorages'>;

export interface DoctorOptions {
  modem: ExaminedModem;
  carriers: CarrierRegistry;
  ussdEncoding: UssdRequestEncoding;
  /** The configured balance code, in place of the profile's. */
  balanceUssd: string | null;
  /** Carrier facts the installer confirmed in the config (carrier.rechargeUssd, carrier.codeLengths). */
  carrierOverrides?: { rechargeUssd: string | null; codeLengths: number[] | null };
  /** Dial the balance code to find which USSD encoding this modem wants. */
  probeUssd: boolean;
  /** Whether replies ask for status reports (sms.deliveryReports); default true. */
  deliveryReports?: boolean;
}

/**
 * What an installer needs to know before trusting the box: does the modem answer, is the SIM in
 * and which carrier is it, is there a network, where do messages go, and how does this modem want
 * its USSD. Every check runs on its own; one that cannot run says why.
 */
export async function diagnose(options: DoctorOptions): Promise<Check[]> {
  const { modem, carriers } = options;
  const checks: Check[] = [];
  const add = (check: Check): void => void checks.push(check);

  try {
    await modem.ping();
  } catch (err) {
    add({ name: 'modem', outcome: 'fail', detail: `no answer to AT (${message(err)})`, advice: 'check the port, the baud rate (--baud) and that nothing else (ModemManager, a running gsmkeeper) holds it' });
    return checks;
  }
  const product = await modem.identify();
  const identity = [product.manufacturer, product.model, product.revision].filter(Boolean);
  add({ name: 'modem', outcome: 'ok', detail: `answers AT${identity.length ? ` (${identity.join(', ')})` : ''}` });

  await modem.useNumericErrors();
  const sim = await modem.simState().catch((err: unknown) => `error: ${message(err)}`);
  if (sim !== 'ready') {
    add({ name: 'SIM', outcome: 'fail', detail: sim === 'absent' ? 'not inserted' : sim === 'locked' ? 'asks for a PIN or PUK' : sim, advice: sim === 'locked' ? 'remove the PIN lock in a phone' : 'insert the SIM (power the modem off first)' });
    return checks;
  }
  add({ name: 'SIM', outcome: 'ok', detail: 'ready' });

  let imsi: string;
  try {
    imsi = (await modem.init()).imsi;
  } catch (err) {
    add({ name: 'set-up', outcome: 'fail', detail: `the modem refused its set-up: ${message(err)}`, advice: 'a modem without PDU mode SMS cannot be used' });
    return checks;
  }
  const profile = carriers.forSim(imsi, { ...options.carrierOverrides, balanceUssd: options.balanceUssd });
  const mccMnc = `${imsi.slice(0, 3)}-${imsi.slice(3, 5)}`;
  const balanceCode = profile.balanceUssd;
  const recharge = profile.canRecharge ? `recharge ${profile.file.recharge.ussd}, ${profile.file.recharge.codeLengths.join('/')} digits` : 'no recharge code known';
  const unconfirmed = profile.unconfirmed();
  if (profile.id === 'generic' && !profile.canRecharge) {
    add({ name: 'carrier', outcome: 'warn', detail: `no profile for ${mccMnc}: recharge unavailable`, advice: 'set carrier.rechargeUssd and carrier.codeLengths in the config, or write a carrier profile (see carriers/ and `gsmkeeper carriers check`)' });
  } else {
    add({
      name: 'carrier', outcome: profile.canRecharge && unconfirmed.length === 0 ? 'ok' : 'warn',
      detail: `${profile.name} (${mccMnc} from the IMSI); ${recharge}; balance ${balanceCode ?? 'code not published'}${unconfirmed.length ? `; unconfirmed: ${unconfirmed.join(', ')}` : ''}`,
      ...(unconfirmed.length
        ? { advice: 'check these with a real card; then set carrier.rechargeUssd / carrier.codeLengths (and credit.balanceUssd) in the config' }
        : balanceCode ? {} : { advice: 'set credit.balanceUssd if you know the balance code' }),
    });
  }

  const registration = await modem.registration().catch(() => null);
  const operator = await modem.operator().catch(() => null);
  const home = registration === 'home' || registration === 'roaming';
  add({ name: 'network', outcome: home ? 'ok' : 'fail', detail: `${registration ?? 'unknown'}${operator ? `, ${operator}` : ''}`, ...(home ? {} : { advice: 'check the antenna and that the SIM is active' }) });

  const signal = await modem.signal().catch(() => null);
  if (!signal || signal.dbm === null) add({ name: 'signal', outcome: 'warn', detail: 'unknown', advice: 'check the antenna' });
  else add({ name: 'signal', outcome: signal.bars >= 2 ? 'ok' : 'warn', detail: `${signal.dbm} dBm (${signal.bars}/5)`, ...(signal.bars >= 2 ? {} : { advice: 'weak: move the antenna or the box' }) });

  const storage = await modem.storageStatus().catch(() => null);
  if (storage) {
    const full = storage.used >= storage.total;
    add({ name: 'SMS storage', outcome: full ? 'warn' : 'ok', detail: `${storage.memory}, ${storage.used} of ${storage.total} used`, ...(full ? { advice: 'full: the daemon drains it at start' } : {}) });
  } else {
    add({ name: 'SMS storage', outcome: 'warn', detail: 'AT+CPMS? gave no answer' });
  }
  add(reportsCheck(modem, options.deliveryReports ?? true));

  if (!options.probeUssd || !balanceCode) {
    add({ name: 'USSD', outcome: 'skip', detail: balanceCode ? `not tried (--ussd dials ${balanceCode})` : 'not tried (no balance code to dial)' });
    return checks;
  }
  add(await probeUssd(modem, balanceCode, profile, options));
  return checks;
}

/**
 * Dials the balance code as configured, then packed (Huawei E1xx), and says which one this modem
 * takes, with the figures the daemon reads from the answer (the same interpreter).
 */
async function probeUssd(modem: ExaminedModem, code: string, profile: CarrierProfile, options: DoctorOptions): Promise<Check> {
  const order: UssdRequestEncoding[] = [options.ussdEncoding, ...(['text', 'packed', 'ucs2'] as const).filter((e) => e !== options.ussdEncoding)];
  const tried: string[] = [];
  for (const encoding of order) {
    try {
      const answer = await modem.ussd({ code, timeoutMs: 20_000 }, encoding);
      if (answer.text) {
        const reading = profile.read(answer.text, 'balance');
        const figures = [
          ...(reading.balance ? [`balance ${formatMoney({ cents: reading.balance.cents, currency: reading.balance.currency ?? '' }).trim()}`] : []),
          ...(reading.validUntil ? [`valid until ${formatDay(reading.validUntil)}`] : []),
        ];
        const read = figures.length ? `read: ${figures.join(', ')}` : `read no balance or validity (${reading.outcome})`;
        const detail = `${code} as ${encoding}: "${answer.text.replace(/\s+/g, ' ').slice(0, 80)}" — ${read}`;
        const advice = encoding !== options.ussdEncoding
          ? `set modem.ussdEncoding: ${encoding}`
          : figures.length ? null : 'the daemon cannot read a balance from this answer: check the code, or add the carrier\'s words for "balance" to a profile (answers.balance)';
        return { name: 'USSD', outcome: encoding === options.ussdEncoding && figures.length ? 'ok' : 'warn', detail, ...(advice ? { advice } : {}) };
      }
      tried.push(`${encoding}: ${answer.status} without text`);
    } catch (err) {
      tried.push(`${encoding}: ${message(err)}`);
    }
  }
  return { name: 'USSD', outcome: 'fail', detail: `${code} got no answer (${tried.join('; ')})`, advice: 'check the code with a phone; some networks answer USSD by SMS' };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** How the modem hands on status reports, chosen at init from its AT+CNMI=? list: what a reply's fate can say. */
function reportsCheck(modem: ExaminedModem, wanted: boolean): Check {
  if (!wanted) return { name: 'reports', outcome: 'skip', detail: 'not asked for (sms.deliveryReports is false): replies stay "sent"' };
  switch (modem.reportRouting) {
    case 'stored':
      return { name: 'reports', outcome: 'ok', detail: `stored and announced by +CDSI${modem.reportStorages.length ? ` (read from ${modem.reportStorages.join(', ')})` : ''}` };
    case 'inline':
      return { name: 'reports', outcome: 'ok', detail: 'handed on inline by +CDS' };
    case 'none':
      return {
        name: 'reports',
        outcome: 'warn',
        detail: modem.reportRoutingRefused
          ? 'this modem refused the status-report routing its AT+CNMI=? offers: replies stay "sent"'
          : 'this modem routes no status reports (AT+CNMI offers no <ds>): replies stay "sent"',
      };
  }
}
