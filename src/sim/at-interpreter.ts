import { EventEmitter } from 'node:events';
import { decodeUssdText, type Cscs } from '../codec/ussd-text.js';
import type { SimCarrier } from './carrier.js';
import type { SimNetwork } from './network.js';
import { SimStorage, tpduLength } from './storage.js';
import { parseRangeGroups } from '../util/range-groups.js';
import type { SimState } from './state.js';
import { Faults } from './faults.js';
import { printUssdAnswer } from './ussd-output.js';

export interface ModemProfile {
  manufacturer: string;
  model: string;
  iccid: string;
  msisdn: string;
  operatorName: string;
  /** What AT+CNMI=? advertises (SIM800L style by default: status reports inline only, ds 0,1). */
  cnmiSupport: string;
  rssi: number;
  /** Where a status report is stored with AT+CNMI ds=2: the SIM ("SM", Telit) or a memory of its own ("SR", Huawei). */
  reportMemory: 'SM' | 'SR';
  /** What AT+CPMS=? advertises, when not what the report memory implies (a modem that keeps "SR" unlisted). */
  cpmsSupport?: string;
}

export const DEFAULT_MODEM_PROFILE: ModemProfile = {
  manufacturer: 'gsmkeeper',
  model: 'simulated GSM modem',
  iccid: '8935903000000000017',
  msisdn: '+359881000001',
  operatorName: 'Vivacom',
  cnmiSupport: '+CNMI: (0-3),(0-3),(0,2),(0,1),(0,1)',
  rssi: 21,
  reportMemory: 'SM',
};

export interface InterpreterTiming {
  /** Delay between the OK of AT+CUSD and the +CUSD answer (a real network takes 1–5 s). */
  ussdDelayMs: number;
}

type Reply = { lines: string[]; final: string } | null;

/** A call a phone made to the simulated SIM, as the carrier's records keep it. */
export interface CallRecord {
  /** The caller's number as presented; null when withheld. */
  from: string | null;
  at: string;
  rings: number;
  /** `rejected`: hung up by the box unanswered (free for the caller); `answered`: connected (ATA); `missed`: the caller gave up. */
  outcome: 'ringing' | 'rejected' | 'answered' | 'missed';
}

export interface RingOptions {
  /** The caller withholds their number (CLIR): +CLIP shows an empty number, validity 1. */
  withheld?: boolean;
  /** How many times it rings before the caller gives up (default 10). */
  rings?: number;
  /** Between RINGs (a network: 3–5 s). */
  intervalMs?: number;
}

/** Calls kept for tests and people to look at; the oldest go first. */
const MAX_CALL_RECORDS = 100;
/** Status reports the 'reports-held' fault keeps back at most. */
const MAX_HELD_REPORTS = 256;

/** Volatile settings, lost on power-up or ATZ as on a real modem. */
interface Settings {
  echo: boolean;
  cmee: number;
  cmgf: number;
  cscs: Cscs;
  cnmi: number[];
  copsFormat: number;
  creg: number;
  /** Caller ID after each RING (AT+CLIP=1). */
  clip: number;
  /** The memory AT+CMGR/CMGL/CMGD work on (AT+CPMS's first). */
  readMemory: 'SM' | 'SR';
  /** AT+CSMS service: 1 makes each +CDS wait for AT+CNMA. */
  csms: number;
}

const POWER_ON: Settings = { echo: true, cmee: 0, cmgf: 0, cscs: 'IRA', cnmi: [0, 0, 0, 0, 0], copsFormat: 0, creg: 0, clip: 0, readMemory: 'SM', csms: 0 };

/**
 * An AT command interpreter that answers like a GSM modem: echo until ATE0, PDU-mode SMS storage
 * with +CMTI, AT+CMGS with its `> ` prompt, AT+CUSD answered later by the carrier as a URC.
 */
export class AtInterpreter extends EventEmitter<{ output: [Buffer]; 'storage-freed': [] }> {
  private settings: Settings = { ...POWER_ON };
  private buffer = '';
  private prompt: { length: number } | null = null;
  private readonly storage: SimStorage;
  private ringing: { record: CallRecord; withheld: boolean; left: number; intervalMs: number; timer: NodeJS.Timeout | null } | null = null;
  /** Every call made to this SIM, newest last. */
  readonly calls: CallRecord[] = [];
  /** The status-report memory "SR", for a profile that keeps reports apart. */
  private readonly reportStorage: SimStorage;
  /** Inline reports (+CDS) not yet acknowledged with AT+CNMA under +CSMS service 1. */
  unacknowledgedReports = 0;
  /** Status reports held back by the 'reports-held' fault, oldest first. */
  readonly heldReports: string[] = [];
  /** AT command lines executed (for the benchmarks' round trips per message). */
  commandsExecuted = 0;
  readonly faults = new Faults();

  constructor(
    private readonly state: SimState,
    private readonly carrier: SimCarrier,
    private readonly network: SimNetwork,
    private readonly profile: ModemProfile,
    private readonly timing: InterpreterTiming,
    changed: () => void,
    capacity = 30,
  ) {
    super();
    this.storage = new SimStorage(state, capacity, changed);
    this.reportStorage = new SimStorage(state, capacity, changed, 'reportStorage');
  }

  get storageUsed(): number {
    return this.storage.used;
  }

  /** The SIM's own number (what AT+CNUM says, and what phones see replies come from). */
  get msisdn(): string {
    return this.profile.msisdn;
  }

  /** A message arrives from the network: stored, then announced per AT+CNMI. False when full. */
  receive(pdu: string): boolean {
    const mt = this.settings.cnmi[1] ?? 0;
    if (mt === 2) {
      this.urc(`+CMT: ,${tpduLength(pdu)}`, pdu);
      return true;
    }
    const index = this.storage.store(pdu);
    if (index === null) return false;
    if (mt === 1 || mt === 3) this.urc(`+CMTI: "SM",${index}`);
    return true;
  }

  /**
   * A phone calls the SIM: RING (and +CLIP when caller ID is on) every `intervalMs` until the box
   * hangs up (AT+CHUP, ATH), answers (ATA), or the caller gives up after `rings` (NO CARRIER).
   * False when the line is busy with another call or there is no network or SIM.
   */
  ring(from: string, options: RingOptions = {}): boolean {
    if (this.ringing || this.faults.has('network-lost') || this.faults.has('sim-removed')) return false;
    const withheld = options.withheld ?? false;
    const record: CallRecord = { from: withheld ? null : from, at: new Date().toISOString(), rings: 0, outcome: 'ringing' };
    this.calls.push(record);
    if (this.calls.length > MAX_CALL_RECORDS) this.calls.shift();
    this.ringing = { record, withheld, left: options.rings ?? 10, intervalMs: options.intervalMs ?? 3000, timer: null };
    this.ringOnce();
    return true;
  }

  private ringOnce(): void {
    const call = this.ringing;
    if (!call) return;
    if (call.left <= 0) {
      this.endCall('missed');
      this.urc('NO CARRIER');
      return;
    }
    call.left -= 1;
    call.record.rings += 1;
    // SIM800's shape: number, type, subaddress, satype, alpha, CLI validity.
    const clip = call.withheld ? '+CLIP: "",128,"",0,"",1' : `+CLIP: "${call.record.from}",145,"",0,"",0`;
    this.urc('RING', ...(this.settings.clip === 1 ? [clip] : []));
    call.timer = setTimeout(() => this.ringOnce(), call.intervalMs);
  }

  private endCall(outcome: CallRecord['outcome']): boolean {
    const call = this.ringing;
    if (!call) return false;
    if (call.timer) clearTimeout(call.timer);
    call.record.outcome = outcome;
    this.ringing = null;
    return true;
  }

  /**
   * A status report from the network, routed as AT+CNMI's <ds> says: stored in the report memory
   * and announced with +CDSI (ds=2), printed as +CDS with its PDU (ds=1), or not handed on (ds=0).
   * The 'reports-held' fault keeps reports back (a slow service centre) until releaseReport().
   */
  statusReport(pdu: string): void {
    if (this.faults.has('reports-held')) {
      // A service centre holds so many at most; the oldest are dropped, as an SMSC's expire.
      if (this.heldReports.length >= MAX_HELD_REPORTS) this.heldReports.shift();
      this.heldReports.push(pdu);
      return;
    }
    this.routeReport(pdu);
  }

  /** Hands on the oldest held status report; false when none is held. */
  releaseReport(): boolean {
    const pdu = this.heldReports.shift();
    if (pdu === undefined) return false;
    this.routeReport(pdu);
    return true;
  }

  private routeReport(pdu: string): void {
    const ds = this.settings.cnmi[3] ?? 0;
    if (ds === 1) {
      if (this.settings.csms === 1) this.unacknowledgedReports += 1;
      this.urc(`+CDS: ${tpduLength(pdu)}`, pdu);
    } else if (ds === 2) {
      const memory = this.profile.reportMemory;
      const index = (memory === 'SR' ? this.reportStorage : this.storage).store(pdu);
      if (index !== null) this.urc(`+CDSI: "${memory}",${index}`);
    }
  }

  /** The memory AT+CMGR/CMGL/CMGD work on. */
  private get readStorage(): SimStorage {
    return this.settings.readMemory === 'SR' ? this.reportStorage : this.storage;
  }

  input(chunk: Buffer): void {
    if (this.faults.has('hang')) return;
    const text = chunk.toString('latin1');
    if (this.settings.echo) this.send(text);
    for (const ch of text) {
      if (this.prompt) {
        if (ch === '\x1a') this.finishPrompt();
        else if (ch === '\x1b') {
          // ESC abandons the message: its text is discarded with the prompt.
          this.prompt = null;
          this.buffer = '';
        }
        else this.buffer += ch;
        continue;
      }
      if (ch === '\r') {
        const line = this.buffer.trim();
        this.buffer = '';
        if (line) this.execute(line);
      } else if (ch !== '\n') {
        this.buffer += ch;
      }
    }
  }

  private send(text: string): void {
    const out = Buffer.from(this.faults.has('garbage') ? `\x00\xff#~${text}\r\n%\xfe\r\n` : text, 'latin1');
    if (this.faults.has('late')) setTimeout(() => this.emit('output', out), this.faults.timing.lateMs);
    else this.emit('output', out);
  }

  /**
   * Power-on, as after AT+CFUN=1,1 or a power cycle: volatile settings are lost (echo back on, no
   * new-message indications), a hang clears, and the start-up banner is printed.
   */
  powerCycle(): void {
    this.faults.clear('hang');
    this.prompt = null;
    this.buffer = '';
    this.settings = { ...POWER_ON };
    this.carrier.endSession();
    this.endCall('missed');
    setTimeout(() => this.urc('RDY', '+CFUN: 1', this.faults.has('sim-removed') ? '+CPIN: NOT INSERTED' : '+CPIN: READY', 'Call Ready', 'SMS Ready'), 20);
  }

  /** SIM pulled or put back: the modem says so with a +CPIN URC, as SIMCom modules do. */
  setSimPresent(present: boolean): void {
    this.faults.set('sim-removed', !present);
    this.urc(present ? '+CPIN: READY' : '+CPIN: NOT INSERTED');
    if (present) this.urc('SMS Ready');
  }

  urc(...lines: string[]): void {
    this.send(lines.map((l) => `\r\n${l}\r\n`).join(''));
  }

  private reply(reply: Reply): void {
    if (!reply) return;
    // A URC storm lands between the information lines and the final result, where it hurts most.
    const storm = this.faults.has('urc-storm') ? ['+CREG: 1', '^RSSI: 17', 'RING', '+CREG: 1'] : [];
    this.send([...reply.lines, ...storm].map((l) => `\r\n${l}\r\n`).join('') + `\r\n${reply.final}\r\n`);
  }

  private ok(...lines: string[]): Reply {
    return { lines, final: 'OK' };
  }

  private cmeError(code: number): Reply {
    return { lines: [], final: this.settings.cmee === 0 ? 'ERROR' : `+CME ERROR: ${code}` };
  }

  private cmsError(code: number): Reply {
    return { lines: [], final: this.settings.cmee === 0 ? 'ERROR' : `+CMS ERROR: ${code}` };
  }

  private execute(line: string): void {
    this.commandsExecuted += 1;
    if (!/^AT/i.test(line)) return this.reply({ lines: [], final: 'ERROR' });
    this.reply(this.dispatch(line.slice(2), line));
  }

  private dispatch(body: string, line: string): Reply {
    const upper = body.toUpperCase();
    const s = this.settings;
    const needsSim = /^\+(CPIN\?|CIMI|CCID|CMG[LRDS]|CUSD|CPMS|CNUM)/.test(upper);
    if (this.faults.has('sim-removed') && needsSim) return this.cmeError(10);
    if (this.faults.has('network-lost')) {
      if (upper === '+CREG?') return this.ok(`+CREG: ${s.creg},2`);
      if (upper === '+COPS?') return this.ok('+COPS: 0');
      if (upper.startsWith('+CMGS=')) return this.cmsError(331);
      if (upper.startsWith('+CUSD=1')) return this.cmeError(30);
    }
    if (upper === '') return this.ok();
    if (upper === 'E0' || upper === 'E1') {
      s.echo = upper === 'E1';
      return this.ok();
    }
    if (upper === 'Z' || upper === '&F') {
      this.settings = { ...POWER_ON };
      return this.ok();
    }
    if (upper === 'I' || upper === '+CGMM') return this.ok(this.profile.model);
    if (upper === '+CGMI') return this.ok(this.profile.manufacturer);
    if (upper === '+CIMI') return this.ok(this.state.carrier.imsi);
    if (upper === '+CCID') return this.ok(`+CCID: ${this.profile.iccid}`);
    if (upper === '+CPIN?') return this.ok('+CPIN: READY');
    if (upper === '+CSQ') return this.ok(`+CSQ: ${this.profile.rssi},0`);
    if (upper === '+CNUM') return this.ok(`+CNUM: "","${this.profile.msisdn}",145`);
    let m: RegExpExecArray | null;
    if ((m = /^\+CMEE=(\d)$/.exec(upper))) return this.setNumber('cmee', Number(m[1]), 2);
    if (upper === '+CMEE?') return this.ok(`+CMEE: ${s.cmee}`);
    if ((m = /^\+CMGF=(\d)$/.exec(upper))) return Number(m[1]) === 0 ? this.setNumber('cmgf', 0, 0) : this.cmsError(303);
    if (upper === '+CMGF?') return this.ok(`+CMGF: ${s.cmgf}`);
    if ((m = /^\+CSCS="(GSM|IRA|HEX|UCS2)"$/.exec(upper))) {
      s.cscs = m[1] as Cscs;
      return this.ok();
    }
    if (upper === '+CSCS?') return this.ok(`+CSCS: "${s.cscs}"`);
    if (upper === '+CSCS=?') return this.ok('+CSCS: ("IRA","GSM","HEX","UCS2")');
    if (upper === '+CNMI=?') return this.ok(this.profile.cnmiSupport);
    if ((m = /^\+CNMI=([\d,]+)$/.exec(upper))) return this.setCnmi(m[1]!);
    if (upper === '+CNMI?') return this.ok(`+CNMI: ${s.cnmi.join(',')}`);
    if (upper === '+CPMS=?') return this.ok(this.profile.cpmsSupport ?? (this.profile.reportMemory === 'SR' ? '+CPMS: ("SM","ME","SR"),("SM","ME"),("SM","ME")' : '+CPMS: ("SM","ME"),("SM","ME"),("SM","ME")'));
    if (upper.startsWith('+CPMS=') || upper === '+CPMS?') return this.cpms(upper);
    if (upper.startsWith('+CSMS') || upper === '+CNMA') return this.smsService(upper);
    if ((m = /^\+CLIP=(\d)$/.exec(upper))) return this.setNumber('clip', Number(m[1]), 1);
    if (upper === '+CLIP?') return this.ok(`+CLIP: ${s.clip},1`);
    // Hang up: the ringing call is rejected, never connected (ATH with nothing to hang up is OK too).
    if (upper === '+CHUP' || upper === 'H' || upper === 'H0') {
      this.endCall('rejected');
      return this.ok();
    }
    if (upper === 'A') return this.endCall('answered') ? this.ok() : { lines: [], final: 'NO CARRIER' };
    if ((m = /^\+CREG=(\d)$/.exec(upper))) return this.setNumber('creg', Number(m[1]), 2);
    if (upper === '+CREG?') return this.ok(`+CREG: ${s.creg},1`);
    if ((m = /^\+COPS=3,(\d)$/.exec(upper))) return this.setNumber('copsFormat', Number(m[1]), 2);
    if (upper === '+COPS?') {
      const oper = s.copsFormat === 2 ? this.state.carrier.imsi.slice(0, 5) : this.profile.operatorName;
      return this.ok(`+COPS: 0,${s.copsFormat},"${oper}",0`);
    }
    if ((m = /^\+CMGL=(\d)$/.exec(upper))) return this.list(Number(m[1]));
    if ((m = /^\+CMGR=(\d+)$/.exec(upper))) return this.read(Number(m[1]));
    if (this.faults.has('delete-fails') && upper.startsWith('+CMGD=')) return this.cmsError(320);
    if ((m = /^\+CMGD=(\d+)(?:,(\d))?$/.exec(upper))) {
      const before = this.storage.used;
      this.readStorage.delete(Number(m[1]), m[2] === undefined ? 0 : Number(m[2]));
      if (this.storage.used < before) setImmediate(() => this.emit('storage-freed'));
      return this.ok();
    }
    if ((m = /^\+CMGS=(\d+)$/.exec(upper))) {
      this.prompt = { length: Number(m[1]) };
      if (this.faults.has('slow-prompt')) setTimeout(() => this.send('\r\n> '), this.faults.timing.promptMs);
      else this.send('\r\n> ');
      return null;
    }
    if (upper.startsWith('+CUSD')) return this.ussd(body);
    if (upper === '+CFUN=1,1') {
      setTimeout(() => this.powerCycle(), 5);
      return this.ok();
    }
    if (/^\+CFUN=1$/.test(upper)) return this.ok();
    void line;
    return { lines: [], final: 'ERROR' };
  }

  private setNumber(key: 'cmee' | 'cmgf' | 'copsFormat' | 'creg' | 'clip', value: number, max: number): Reply {
    if (value > max) return this.cmeError(4);
    this.settings[key] = value;
    return this.ok();
  }

  private setCnmi(values: string): Reply {
    const parsed = values.split(',').map(Number);
    // Reject what the advertised ranges exclude (SIM800L has no ds=2), as a real modem would.
    const advertised = parseRangeGroups(this.profile.cnmiSupport);
    if (parsed.some((value, i) => !(advertised[i] ?? [0]).includes(value))) return this.cmsError(303);
    this.settings.cnmi = [0, 1, 2, 3, 4].map((i) => parsed[i] ?? 0);
    return this.ok();
  }

  /**
   * AT+CPMS="<mem1>"[,…] selects the memory reads work on ("SM", or "SR" where the profile has it;
   * "ME" is the SIM's here) and answers with its counts; AT+CPMS? names it.
   */
  private cpms(upper: string): Reply {
    const wanted = /^\+CPMS="([A-Z]{2})"/.exec(upper)?.[1];
    if (wanted === 'SR' && this.profile.reportMemory !== 'SR') return this.cmsError(302);
    if (wanted) this.settings.readMemory = wanted === 'SR' ? 'SR' : 'SM';
    const read = this.readStorage;
    const [u, c, su, sc] = [read.used, read.capacity, this.storage.used, this.storage.capacity];
    return upper === '+CPMS?' ? this.ok(`+CPMS: "${this.settings.readMemory}",${u},${c},"SM",${su},${sc},"SM",${su},${sc}`) : this.ok(`+CPMS: ${u},${c},${su},${sc},${su},${sc}`);
  }

  /** AT+CSMS (service 0 or 1) and AT+CNMA, which acknowledges a +CDS only where service 1 awaits it. */
  private smsService(upper: string): Reply {
    if (upper === '+CSMS?') return this.ok(`+CSMS: ${this.settings.csms},1,1,1`);
    if (upper === '+CSMS=?') return this.ok('+CSMS: (0,1)');
    const set = /^\+CSMS=([01])$/.exec(upper);
    if (set) {
      this.settings.csms = Number(set[1]);
      return this.ok('+CSMS: 1,1,1');
    }
    if (upper === '+CNMA' && this.unacknowledgedReports > 0) {
      this.unacknowledgedReports -= 1;
      return this.ok();
    }
    // TS 27.005 §3.2.5: 340, no +CNMA acknowledgement expected.
    return this.cmsError(upper === '+CNMA' ? 340 : 303);
  }

  private list(stat: number): Reply {
    const lines: string[] = [];
    for (const msg of this.readStorage.list(stat)) lines.push(`+CMGL: ${msg.index},${msg.status},,${tpduLength(msg.pdu)}`, msg.pdu);
    return this.ok(...lines);
  }

  private read(index: number): Reply {
    const msg = this.readStorage.get(index);
    if (!msg) return this.cmsError(321);
    const status = msg.status;
    this.readStorage.markRead([msg]);
    return this.ok(`+CMGR: ${status},,${tpduLength(msg.pdu)}`, msg.pdu);
  }

  private finishPrompt(): void {
    const { length } = this.prompt!;
    this.prompt = null;
    const pdu = this.buffer.trim();
    this.buffer = '';
    const ok = /^[0-9A-Fa-f]+$/.test(pdu) && pdu.length % 2 === 0 && tpduLength(pdu) === length;
    const reference = (this.state.nextMessageReference + 1) % 256;
    if (!ok || !this.network.acceptFromModem(pdu, this.profile.msisdn, reference)) return this.reply(this.cmsError(304));
    this.state.nextMessageReference = reference;
    this.reply(this.ok(`+CMGS: ${reference}`));
  }

  private ussd(body: string): Reply {
    const m = /^\+CUSD=(\d)(?:,"([^"]*)"(?:,(\d+))?)?$/i.exec(body);
    if (!m) return body.toUpperCase() === '+CUSD?' ? this.ok('+CUSD: 1') : this.cmeError(4);
    if (m[1] === '2' || m[2] === undefined) {
      this.carrier.endSession();
      return this.ok();
    }
    const code = decodeUssdText(m[2], m[3] === undefined ? 15 : Number(m[3]), { cscs: this.settings.cscs });
    const answer = () => {
      const result = this.carrier.handleUssd(code);
      if (result.text === null) return this.urc(`+CUSD: ${result.m}`);
      const { printed, dcs } = printUssdAnswer(result.text, this.settings.cscs);
      this.urc(`+CUSD: ${result.m},"${printed}",${dcs}`);
    };
    // Some modems put the +CUSD answer before their OK.
    if (this.faults.has('cusd-before-ok')) answer();
    else setTimeout(answer, this.timing.ussdDelayMs);
    return this.ok();
  }
}
