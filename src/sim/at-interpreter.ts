import { EventEmitter } from 'node:events';
import { type Cscs } from '../codec/ussd-text.js';
import { ok, POWER_ON, setNumber, type AtContext, type ModemSettings, type Reply } from './at-context.js';
import type { SimCarrier } from './carrier.js';
import { Faults } from './faults.js';
import { IncomingCalls, type CallRecord, type RingOptions } from './incoming-calls.js';
import type { ModemProfile } from './modem-profile.js';
import type { SimNetwork } from './network.js';
import type { SimState } from './state.js';
import { StatusReports } from './status-reports.js';
import { StorageCommands } from './storage-commands.js';
import { SimStorage, tpduLength } from './storage.js';
import { ussdCommand } from './ussd-commands.js';
import { parseRangeGroups } from '../util/range-groups.js';

export interface InterpreterTiming {
  /** Delay between the OK of AT+CUSD and the +CUSD answer (a real network takes 1–5 s). */
  ussdDelayMs: number;
}

/**
 * An AT command interpreter that answers like a GSM modem: echo until ATE0, PDU-mode SMS storage
 * with +CMTI, AT+CMGS with its `> ` prompt, AT+CUSD answered later by the carrier as a URC.
 */
export class AtInterpreter extends EventEmitter<{ output: [Buffer]; 'storage-freed': [] }> {
  private settings: ModemSettings = { ...POWER_ON };
  private buffer = '';
  private prompt: { length: number } | null = null;
  private readonly storage: SimStorage;
  /** What the command families below see of this interpreter. */
  private readonly context: AtContext;
  private readonly incomingCalls: IncomingCalls;
  private readonly reports: StatusReports;
  private readonly storageCommands: StorageCommands;
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
    // The status-report memory "SR", for a profile that keeps reports apart.
    const reportStorage = new SimStorage(state, capacity, changed, 'reportStorage');
    const self = this;
    this.context = {
      get settings() {
        return self.settings;
      },
      profile,
      faults: this.faults,
      urc: (...lines) => this.urc(...lines),
      cmeError: (code) => this.cmeError(code),
      cmsError: (code) => this.cmsError(code),
    };
    this.incomingCalls = new IncomingCalls(this.context);
    this.reports = new StatusReports(this.context, this.storage, reportStorage);
    this.storageCommands = new StorageCommands(this.context, this.storage, reportStorage, () => this.emit('storage-freed'));
  }

  /** Every call made to this SIM, newest last. */
  get calls(): CallRecord[] {
    return this.incomingCalls.records;
  }

  /** Inline reports (+CDS) not yet acknowledged with AT+CNMA under +CSMS service 1. */
  get unacknowledgedReports(): number {
    return this.reports.unacknowledged;
  }

  /** Status reports held back by the 'reports-held' fault, oldest first. */
  get heldReports(): string[] {
    return this.reports.held;
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

  /** A phone calls the SIM (see IncomingCalls.ring); false when busy or without network or SIM. */
  ring(from: string, options: RingOptions = {}): boolean {
    return this.incomingCalls.ring(from, options);
  }

  /** A status report from the network, routed as AT+CNMI's <ds> says (see StatusReports.arrive). */
  statusReport(pdu: string): void {
    this.reports.arrive(pdu);
  }

  /** Hands on the oldest held status report; false when none is held. */
  releaseReport(): boolean {
    return this.reports.release();
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
    this.incomingCalls.end('missed');
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
      if (upper === '+CREG?') return ok(`+CREG: ${s.creg},2`);
      if (upper === '+COPS?') return ok('+COPS: 0');
      if (upper.startsWith('+CMGS=')) return this.cmsError(331);
      if (upper.startsWith('+CUSD=1')) return this.cmeError(30);
    }
    if (upper === '') return ok();
    if (upper === 'E0' || upper === 'E1') {
      s.echo = upper === 'E1';
      return ok();
    }
    if (upper === 'Z' || upper === '&F') {
      this.settings = { ...POWER_ON };
      return ok();
    }
    if (upper === 'I' || upper === '+CGMM') return ok(this.profile.model);
    if (upper === '+CGMI') return ok(this.profile.manufacturer);
    if (upper === '+CIMI') return ok(this.state.carrier.imsi);
    if (upper === '+CCID') return ok(`+CCID: ${this.profile.iccid}`);
    if (upper === '+CPIN?') return ok('+CPIN: READY');
    if (upper === '+CSQ') return ok(`+CSQ: ${this.profile.rssi},0`);
    if (upper === '+CNUM') return ok(`+CNUM: "","${this.profile.msisdn}",145`);
    let m: RegExpExecArray | null;
    if ((m = /^\+CMEE=(\d)$/.exec(upper))) return setNumber(this.context, 'cmee', Number(m[1]), 2);
    if (upper === '+CMEE?') return ok(`+CMEE: ${s.cmee}`);
    if ((m = /^\+CMGF=(\d)$/.exec(upper))) return Number(m[1]) === 0 ? setNumber(this.context, 'cmgf', 0, 0) : this.cmsError(303);
    if (upper === '+CMGF?') return ok(`+CMGF: ${s.cmgf}`);
    if ((m = /^\+CSCS="(GSM|IRA|HEX|UCS2)"$/.exec(upper))) {
      s.cscs = m[1] as Cscs;
      return ok();
    }
    if (upper === '+CSCS?') return ok(`+CSCS: "${s.cscs}"`);
    if (upper === '+CSCS=?') return ok('+CSCS: ("IRA","GSM","HEX","UCS2")');
    if (upper === '+CNMI=?') return ok(this.profile.cnmiSupport);
    if ((m = /^\+CNMI=([\d,]+)$/.exec(upper))) return this.setCnmi(m[1]!);
    if (upper === '+CNMI?') return ok(`+CNMI: ${s.cnmi.join(',')}`);
    const delegated = this.incomingCalls.command(upper) ?? this.reports.command(upper) ?? this.storageCommands.command(upper);
    if (delegated !== undefined) return delegated;
    if ((m = /^\+CREG=(\d)$/.exec(upper))) return setNumber(this.context, 'creg', Number(m[1]), 2);
    if (upper === '+CREG?') return ok(`+CREG: ${s.creg},1`);
    if ((m = /^\+COPS=3,(\d)$/.exec(upper))) return setNumber(this.context, 'copsFormat', Number(m[1]), 2);
    if (upper === '+COPS?') {
      const oper = s.copsFormat === 2 ? this.state.carrier.imsi.slice(0, 5) : this.profile.operatorName;
      return ok(`+COPS: 0,${s.copsFormat},"${oper}",0`);
    }
    if ((m = /^\+CMGS=(\d+)$/.exec(upper))) {
      this.prompt = { length: Number(m[1]) };
      if (this.faults.has('slow-prompt')) setTimeout(() => this.send('\r\n> '), this.faults.timing.promptMs);
      else this.send('\r\n> ');
      return null;
    }
    if (upper.startsWith('+CUSD')) return ussdCommand(this.context, this.carrier, this.timing.ussdDelayMs, body);
    if (upper === '+CFUN=1,1') {
      setTimeout(() => this.powerCycle(), 5);
      return ok();
    }
    if (/^\+CFUN=1$/.test(upper)) return ok();
    void line;
    return { lines: [], final: 'ERROR' };
  }

  private setCnmi(values: string): Reply {
    const parsed = values.split(',').map(Number);
    // Reject what the advertised ranges exclude (SIM800L has no ds=2), as a real modem would.
    const advertised = parseRangeGroups(this.profile.cnmiSupport);
    if (parsed.some((value, i) => !(advertised[i] ?? [0]).includes(value))) return this.cmsError(303);
    this.settings.cnmi = [0, 1, 2, 3, 4].map((i) => parsed[i] ?? 0);
    return ok();
  }

  private finishPrompt(): void {
    const { length } = this.prompt!;
    this.prompt = null;
    const pdu = this.buffer.trim();
    this.buffer = '';
    const valid = /^[0-9A-Fa-f]+$/.test(pdu) && pdu.length % 2 === 0 && tpduLength(pdu) === length;
    const reference = (this.state.nextMessageReference + 1) % 256;
    if (!valid || !this.network.acceptFromModem(pdu, this.profile.msisdn, reference)) return this.reply(this.cmsError(304));
    this.state.nextMessageReference = reference;
    this.reply(ok(`+CMGS: ${reference}`));
  }
}
