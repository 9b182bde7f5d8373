import { EventEmitter } from 'node:events';
import { encodeSubmit } from '../codec/sms-submit.js';
import type { Cscs } from '../codec/ussd-text.js';
import { AtEngine } from '../at/engine.js';
import { isAtError } from '../at/errors.js';
import type { Logger } from '../log/logger.js';
import { SerialLock } from '../util/serial-lock.js';
import { openWithin, type ModemLine, type ModemTimeouts, type OpenLine } from './connection.js';
import { CallWatch, parseClip, type CallWatchTiming, type IncomingCall } from './calls.js';
import { ModemError } from './errors.js';
import { initialise } from './init-sequence.js';
import { parseCmti, parseCreg, type ListedMessage, type Registration, type ReportRouting, type SignalQuality } from './parsers.js';
import * as queries from './queries.js';
import * as storage from './sms-storage.js';
import { StatusReportRouting, type StatusReportArrival } from './status-reports.js';
import { runUssd, runUssdMenu, type UssdAnswer, type UssdRequest, type UssdRequestEncoding } from './ussd.js';
import { UssdPriority } from './ussd-priority.js';

export type { ModemLine, ModemTimeouts, OpenLine } from './connection.js';
export type { IncomingCall } from './calls.js';
export type { StatusReportArrival } from './status-reports.js';

export interface ModemOptions {
  /** How this modem wants USSD requests written (Huawei E1xx: packed GSM 7-bit hex). */
  ussdEncoding: UssdRequestEncoding;
  /** AT timeouts other than the defaults (a slow modem, a test). */
  timeouts?: ModemTimeouts;
  /** How long a reopen waits for the line to come back (USB re-enumeration); default 30 s. */
  reopenWaitMs?: number;
  /** When RINGs stop being one call, and how long a RING waits for its caller ID (tests shorten them). */
  callTiming?: CallWatchTiming;
  /** Ask the network for a status report on each SMS sent (when the modem can hand reports on); default true. */
  deliveryReports?: boolean;
  logger: Logger;
}

export interface ModemIdentity {
  imsi: string;
}

/** What moves on the line: the supervisor tells a busy modem from a silent one by it. */
export interface ModemTraffic {
  /** A command is in flight or waiting. */
  busy: boolean;
  /** Bytes read from the modem since the line was opened. */
  bytesRead: number;
  /** AT commands written since the line was opened. */
  commands: number;
}

export interface ModemEvents {
  /** A new SMS was stored: read it with readMessage(index). */
  'sms-stored': [{ storage: string; index: number }];
  /**
   * A status report came: stored (read it with readMessage(index) inside inStorage(storage)), or
   * inline with its PDU (acknowledge it with acknowledgeReport() once it is kept).
   */
  'status-report': [StatusReportArrival];
  registration: [Registration];
  sim: ['ready' | 'absent' | 'locked'];
  /** The modem restarted by itself (its start-up banner): its settings are lost until init() runs again. */
  rebooted: [];
  /** The modem stopped answering: commands time out and it cannot be resynchronised. */
  unresponsive: [];
  /** The line went away by itself (the USB cable, the TCP peer). */
  'line-closed': [];
  /** Someone is calling: told once per call, however many times it rings. */
  'incoming-call': [IncomingCall];
}

/**
 * Typed operations of one modem: the only place that speaks AT. It owns its line and the AT
 * engine over it (a reopen gives it a new one); above it nothing sees a command or an `OK`.
 * Knows nothing about SMS commands, vouchers or the store.
 */
export class Modem extends EventEmitter<ModemEvents> {
  private readonly ussdLock = new SerialLock();
  private readonly log: Logger;
  private readonly calls: CallWatch;
  private cscs: Cscs | null = null;
  private identity: ModemIdentity | null = null;
  private opened!: OpenLine;
  private engine!: AtEngine;
  private closing = false;
  private readonly ussdPriority = new UssdPriority();
  /** How status reports reach us, learnt at init(). */
  private readonly reports: StatusReportRouting;

  /** Opens the line and the AT engine over it; init() then brings the modem to a known state. */
  static async open(line: ModemLine, options: ModemOptions): Promise<Modem> {
    return new Modem(line, await line.open(), options);
  }

  private constructor(private readonly line: ModemLine, opened: OpenLine, private readonly options: ModemOptions) {
    super();
    this.log = options.logger.child({ channel: 'modem' });
    this.calls = new CallWatch((call) => this.emit('incoming-call', call), options.callTiming);
    this.reports = new StatusReportRouting(() => this.engine, this.log, options.deliveryReports ?? true);
    this.attach(opened);
  }

  get traffic(): ModemTraffic {
    return { busy: this.engine.busy, bytesRead: this.engine.stats.bytesRead, commands: this.engine.stats.commands };
  }

  private attach(opened: OpenLine): void {
    this.opened = opened;
    this.engine = new AtEngine(opened.stream, { logger: this.options.logger, ...(this.options.timeouts ? { timeouts: this.options.timeouts } : {}) });
    // Settings the modem may have lost are sent again by init().
    this.cscs = null;
    const engine = this.engine;
    engine.onUrc('+CMTI:', ([line]) => {
      const stored = line ? parseCmti(line) : null;
      if (stored) this.emit('sms-stored', stored);
    });
    engine.onUrc('+CREG:', ([line]) => {
      if (line) this.emit('registration', parseCreg(line, false));
    });
    engine.onUrc('+CPIN:', ([line]) => {
      if (line) this.emit('sim', /READY/.test(line) ? 'ready' : /NOT INSERTED|NOT READY/i.test(line) ? 'absent' : 'locked');
    });
    engine.onUrc('RING', () => this.calls.ring());
    engine.onUrc('+CRING:', () => this.calls.ring());
    engine.onUrc('+CLIP:', ([line]) => {
      const caller = line ? parseClip(line) : null;
      if (caller) this.calls.callerId(caller);
    });
    engine.onUrc('NO CARRIER', () => this.calls.ended());
    this.reports.listen(engine, (arrival) => this.emit('status-report', arrival));
    engine.onUrc('RDY', () => this.emit('rebooted'));
    engine.onUrc('SMS Ready', () => this.emit('rebooted'));
    engine.on('unresponsive', () => this.emit('unresponsive'));
    engine.on('closed', (code: string) => {
      if (code === 'port-closed' && !this.closing && engine === this.engine) this.emit('line-closed');
    });
  }

  /** Lets go of the engine and the line it ran over; what was queued fails. */
  private async detach(): Promise<void> {
    const { engine, opened } = this;
    engine.removeAllListeners('closed');
    engine.removeAllListeners('unresponsive');
    engine.close();
    await opened.close().catch((err: unknown) => this.log.debug({ err: String(err) }, 'the line did not close cleanly'));
  }

  /**
   * The line again, as after the modem or its USB port went away: the old one is closed and a new
   * one opened (waiting for it to reappear), with a new engine. Settings are lost until init().
   */
  async reopen(signal?: AbortSignal): Promise<void> {
    await this.detach();
    this.attach(await openWithin(this.line, this.options.reopenWaitMs ?? 30_000, signal));
  }

  /** Stops: everything queued fails, and the line is closed. */
  async close(): Promise<void> {
    this.closing = true;
    this.calls.close();
    await this.detach();
  }

  /**
   * Whether the modem answers at all: `AT`, twice (a first answer may be the late one of an
   * earlier command, which the engine drops). Throws when it does not.
   */
  async ping(timeoutMs?: number): Promise<void> {
    const options = timeoutMs === undefined ? {} : { timeoutMs };
    await this.engine.execute('AT', options);
    await this.engine.execute('AT', options);
  }

  /**
   * Asks the modem to restart itself (`AT+CFUN=1,1`). Many restart before they answer, so the
   * answer is not waited for beyond a few seconds, nor required.
   */
  async restart(): Promise<void> {
    await this.engine.execute('AT+CFUN=1,1', { timeoutMs: 5000 }).catch((err: unknown) => this.log.debug({ err: String(err) }, 'no answer to the restart (expected of many modems)'));
  }

  identify(): Promise<queries.ModemProduct> {
    return queries.identify(this.engine);
  }

  ownNumber(): Promise<string | null> {
    return queries.ownNumber(this.engine);
  }

  /** Numbered errors (`+CME ERROR: 10`), so "SIM not inserted" is told apart from other refusals; init() sets it too. */
  async useNumericErrors(): Promise<void> {
    await this.engine.execute('AT+CMEE=1').catch(() => undefined);
  }

  simState(): Promise<'ready' | 'absent' | 'locked'> {
    return queries.simState(this.engine);
  }

  get imsi(): string | null {
    return this.identity?.imsi ?? null;
  }

  /** Brings the modem to a known state (see initialise()) and learns the SIM's IMSI. */
  async init(): Promise<ModemIdentity> {
    const imsi = await initialise({ engine: this.engine, setCscs: (cscs, force) => this.setCscs(cscs, force), reports: this.reports, log: this.log });
    this.identity = { imsi };
    this.log.info({ imsiPrefix: imsi.slice(0, 5) }, 'modem ready');
    return this.identity;
  }

  /** Sets the TE character set only when it differs from what we last set (one owner of the modem). */
  private async setCscs(cscs: Cscs, force = false): Promise<void> {
    if (!force && this.cscs === cscs) return;
    await this.engine.execute(`AT+CSCS="${cscs}"`);
    this.cscs = cscs;
  }

  signal(): Promise<SignalQuality> {
    return queries.signal(this.engine);
  }

  registration(): Promise<Registration> {
    return queries.registration(this.engine);
  }

  operator(): Promise<string | null> {
    return queries.operator(this.engine);
  }

  /**
   * Rejects the call that is ringing, so it never connects and never costs the caller:
   * `AT+CHUP` (TS 27.007 §6.5), or `ATH` on a modem that refuses it. The next RING is a new call.
   */
  async rejectCall(): Promise<'AT+CHUP' | 'ATH'> {
    try {
      await this.engine.execute('AT+CHUP');
      return 'AT+CHUP';
    } catch (err) {
      if (!isAtError(err, 'error') && !isAtError(err, 'cme')) throw err;
      await this.engine.execute('ATH');
      return 'ATH';
    } finally {
      this.calls.ended();
    }
  }

  listMessages(): Promise<ListedMessage[]> {
    return storage.listMessages(this.engine);
  }

  readMessage(index: number): Promise<{ status: number; pdu: string } | null> {
    return storage.readMessage(this.engine, index);
  }

  deleteMessage(index: number): Promise<void> {
    return storage.deleteMessage(this.engine, index);
  }

  storageStatus(): Promise<storage.StorageStatus | null> {
    return storage.storageStatus(this.engine);
  }

  deleteAllRead(): Promise<void> {
    return storage.deleteAllRead(this.engine);
  }

  /** How status reports reach us: stored (+CDSI), inline (+CDS) or not at all; 'none' before init(). */
  get reportRouting(): ReportRouting {
    return this.reports.routing;
  }

  /** Whether the modem refused the report routing its own AT+CNMI=? list offered (then the routing is 'none'). */
  get reportRoutingRefused(): boolean {
    return this.reports.refused;
  }

  /** Memories other than the read one where the modem keeps status reports ("SR"): the start-up scan reads them too. */
  get reportStorages(): string[] {
    return this.reports.otherMemories;
  }

  /**
   * Runs `work` (reads, lists, deletes) with `storage` as the read memory, then selects the usual
   * one again; with the usual one, just runs it. For status reports a modem keeps apart ("SR").
   */
  inStorage<T>(storage: string, work: () => Promise<T>): Promise<T> {
    return this.reports.inStorage(storage, work);
  }

  /** Whether inline status reports wait for acknowledgeReport() (+CSMS service 1). */
  get acknowledgesReports(): boolean {
    return this.reports.acknowledged;
  }

  /** Tells the modem an inline status report is kept (`AT+CNMA`), where it waits for that (+CSMS service 1). */
  acknowledgeReport(): Promise<void> {
    return this.reports.acknowledge();
  }

  /**
   * Sends a text (split into parts when long), from part `fromPart` on (a retry skips the parts the
   * network already took); `onPartSent` hears of each part as its `+CMGS` reference arrives, with
   * the number of parts the text was split into (what a status report's reply must have delivered).
   * A part whose PDU was written but got no final result may have gone out: that is a
   * ModemError 'send-uncertain', never a plain failure a caller would retry.
   */
  async sendSms(to: string, text: string, reference = 0, options: { fromPart?: number; onPartSent?: (part: number, mr: number, parts: number) => void } = {}): Promise<number[]> {
    await this.setCscs('GSM');
    const references: number[] = [];
    const parts = encodeSubmit(to, text, { reference, statusReport: this.reports.requested });
    for (let i = options.fromPart ?? 0; i < parts.length; i++) {
      const part = parts[i]!;
      while (this.ussdPriority.pending) await this.ussdPriority.pending;
      let lines: string[];
      try {
        ({ lines } = await this.engine.execute(`AT+CMGS=${part.tpduLength}`, { body: part.pdu, expect: '+CMGS:' }));
      } catch (err) {
        // The PDU left, but no final result came (a time-out, the port gone): the network may have it.
        // An error before the PDU was written (queued, no prompt, ERROR at the prompt) is a plain failure.
        if (isAtError(err) && err.bodyWritten && (err.code === 'timeout' || err.code === 'port-closed' || err.code === 'closed')) {
          throw new ModemError('send-uncertain', `part ${i + 1} of ${parts.length} may have been sent: ${err.message}`);
        }
        throw err;
      }
      const mr = /^\+CMGS:\s*(\d+)/.exec(lines.find((l) => l.startsWith('+CMGS:')) ?? '');
      references.push(mr ? Number(mr[1]) : -1);
      options.onPartSent?.(i, references[references.length - 1]!, parts.length);
    }
    return references;
  }

  /**
   * One USSD exchange at a time, in the character set its request encoding needs (`encoding`:
   * another than the configured one, as the doctor tries them).
   */
  ussd(request: UssdRequest, encoding: UssdRequestEncoding = this.options.ussdEncoding): Promise<UssdAnswer> {
    return this.ussdLock.run(() => this.ussdPriority.requesting(async (requested) => runUssd(this.engine, { ...(await this.ussdSettings(encoding)), requested }, request)));
  }

  /** A USSD menu walked step by step (`*123#` then `4`), inside the same one-at-a-time lock. */
  ussdMenu(steps: string[], timeoutMs: number): Promise<UssdAnswer> {
    return this.ussdLock.run(() => this.ussdPriority.requesting(async (requested) => runUssdMenu(this.engine, { ...(await this.ussdSettings(this.options.ussdEncoding)), requested }, steps, timeoutMs)));
  }

  /**
   * The character set is set before every USSD exchange, not only when we think it changed: a
   * modem that reset itself, or a tool that left it at HEX (TinyGSM issue #493), would otherwise
   * garble the request and the answer. UCS2 requests need CSCS "UCS2"; the rest use "GSM".
   */
  private async ussdSettings(encoding: UssdRequestEncoding): Promise<{ encoding: UssdRequestEncoding; cscs: Cscs }> {
    const cscs: Cscs = encoding === 'ucs2' ? 'UCS2' : 'GSM';
    await this.setCscs(cscs, true);
    return { encoding, cscs };
  }
}
