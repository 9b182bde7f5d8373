import { EventEmitter } from 'node:events';
import { encodeSubmit } from '../codec/sms-submit.js';
import type { Cscs } from '../codec/ussd-text.js';
import type { AtEngine } from '../at/engine.js';
import { isAtError } from '../at/errors.js';
import type { Logger } from '../log/logger.js';
import { SerialLock } from '../util/serial-lock.js';
import { ModemError } from './errors.js';
import {
  chooseCnmi, chooseCpms, parseCmgl, parseCmgr, parseCmti, parseCops, parseCreg, parseCsq, parseImsi,
  type ListedMessage, type Registration, type SignalQuality,
} from './parsers.js';
import { runUssd, runUssdMenu, type UssdAnswer, type UssdRequest, type UssdRequestEncoding } from './ussd.js';

export interface ModemSettings {
  /** How this modem wants USSD requests written (Huawei E1xx: packed GSM 7-bit hex). */
  ussdEncoding: UssdRequestEncoding;
}

export interface ModemIdentity {
  imsi: string;
}

export interface ModemEvents {
  /** A new SMS was stored: read it with readMessage(index). */
  'sms-stored': [{ storage: string; index: number }];
  registration: [Registration];
  sim: ['ready' | 'absent' | 'locked'];
}

/**
 * Typed operations over the AT engine. Knows AT commands and their answers; knows nothing about
 * SMS commands, vouchers or the store.
 */
export class Modem extends EventEmitter<ModemEvents> {
  private readonly ussdLock = new SerialLock();
  private readonly log: Logger;
  private cscs: Cscs | null = null;
  private identity: ModemIdentity | null = null;

  private current: AtEngine;

  constructor(engine: AtEngine, private readonly settings: ModemSettings, logger: Logger) {
    super();
    this.log = logger.child({ channel: 'modem' });
    this.current = engine;
    this.subscribe(engine);
  }

  get engine(): AtEngine {
    return this.current;
  }

  /**
   * After the port was reopened: the same modem object over a new engine, so everything above
   * keeps its reference. Settings the modem may have lost are re-sent by init().
   */
  attach(engine: AtEngine): void {
    this.current = engine;
    this.cscs = null;
    this.subscribe(engine);
  }

  private subscribe(engine: AtEngine): void {
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
  }

  /**
   * Whether the SIM answers: READY, or absent (`+CME ERROR: 10`, `+CPIN: NOT INSERTED`), or locked
   * (a PIN or PUK is wanted). Throws when the modem itself does not answer.
   */
  async simState(): Promise<'ready' | 'absent' | 'locked'> {
    try {
      const { lines } = await this.engine.execute('AT+CPIN?', { expect: '+CPIN:', timeoutMs: 5000 });
      const line = lines.find((l) => l.startsWith('+CPIN:')) ?? '';
      return /READY/.test(line) ? 'ready' : /NOT INSERTED/i.test(line) ? 'absent' : 'locked';
    } catch (err) {
      if (isAtError(err, 'cme') && (err.cmeCode === 10 || err.cmeCode === 13 || /not inserted/i.test(err.message))) return 'absent';
      throw err;
    }
  }

  get imsi(): string | null {
    return this.identity?.imsi ?? null;
  }

  /**
   * Brings the modem to a known state. Echo off (stray echo is tolerated anyway), numeric errors,
   * PDU mode, the GSM character set, storage and new-message indications chosen from what the
   * modem says it supports, then the SIM's IMSI for carrier detection.
   */
  async init(): Promise<ModemIdentity> {
    await this.sync();
    await this.engine.execute('ATE0');
    await this.engine.execute('AT+CMEE=1');
    await this.engine.execute('AT+CMGF=0');
    await this.setCscs('GSM', true);
    const cpms = await this.engine.execute('AT+CPMS=?', { expect: '+CPMS:' });
    await this.engine.execute(chooseCpms(cpms.lines.join(' ')), { expect: '+CPMS:' });
    const cnmi = await this.engine.execute('AT+CNMI=?', { expect: '+CNMI:' });
    await this.engine.execute(chooseCnmi(cnmi.lines.join(' ')));
    await this.engine.execute('AT+COPS=3,2').catch((err) => this.log.debug({ err: String(err) }, 'numeric operator format refused'));
    const imsi = parseImsi((await this.engine.execute('AT+CIMI')).lines);
    if (!imsi) throw new ModemError('bad-answer', 'AT+CIMI gave no IMSI');
    this.identity = { imsi };
    this.log.info({ imsiPrefix: imsi.slice(0, 5) }, 'modem ready');
    return this.identity;
  }

  /**
   * `AT` until OK: a modem that just powered up may swallow the first characters, and one whose
   * last owner died mid-SMS still sits at its `>` prompt, which ESC closes first.
   */
  private async sync(): Promise<void> {
    this.engine.abortPrompt();
    let lastError: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await this.engine.execute('AT');
        return;
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError;
  }

  /** Sets the TE character set only when it differs from what we last set (one owner of the modem). */
  private async setCscs(cscs: Cscs, force = false): Promise<void> {
    if (!force && this.cscs === cscs) return;
    await this.engine.execute(`AT+CSCS="${cscs}"`);
    this.cscs = cscs;
  }

  async signal(): Promise<SignalQuality> {
    const { lines } = await this.engine.execute('AT+CSQ', { expect: '+CSQ:' });
    return parseCsq(lines.find((l) => l.startsWith('+CSQ:')) ?? '');
  }

  async registration(): Promise<Registration> {
    const { lines } = await this.engine.execute('AT+CREG?', { expect: '+CREG:' });
    return parseCreg(lines.find((l) => l.startsWith('+CREG:')) ?? '', true);
  }

  /** The registered network as MCC-MNC (numeric format set at init), or null when none. */
  async operator(): Promise<string | null> {
    const { lines } = await this.engine.execute('AT+COPS?', { expect: '+COPS:' });
    return parseCops(lines.find((l) => l.startsWith('+COPS:')) ?? '');
  }

  /** Every stored message, read or not (PDU mode `AT+CMGL=4`). */
  async listMessages(): Promise<ListedMessage[]> {
    const { lines } = await this.engine.execute('AT+CMGL=4');
    return parseCmgl(lines);
  }

  async readMessage(index: number): Promise<{ status: number; pdu: string } | null> {
    const { lines } = await this.engine.execute(`AT+CMGR=${index}`);
    return parseCmgr(lines);
  }

  async deleteMessage(index: number): Promise<void> {
    await this.engine.execute(`AT+CMGD=${index}`);
  }

  /** How many messages the read storage holds (`AT+CPMS?` → `+CPMS: "SM",<used>,<total>,…`). */
  async storageUsed(): Promise<number> {
    const { lines } = await this.engine.execute('AT+CPMS?', { expect: '+CPMS:' });
    const match = /^\+CPMS:\s*"[^"]*"\s*,\s*(\d+)/.exec(lines.find((l) => l.startsWith('+CPMS:')) ?? '');
    return match ? Number(match[1]) : 0;
  }

  /** Deletes every read message in one command (TS 27.005 delflag 1). */
  async deleteAllRead(): Promise<void> {
    await this.engine.execute('AT+CMGD=1,1');
  }

  /**
   * Sends a text (split into parts when long), from part `fromPart` on (a retry skips the parts the
   * network already took); `onPartSent` hears of each part as its `+CMGS` reference arrives.
   * A part whose PDU was written but got no final result may have gone out: that is a
   * ModemError 'send-uncertain', never a plain failure a caller would retry.
   */
  async sendSms(to: string, text: string, reference = 0, options: { fromPart?: number; onPartSent?: (part: number, mr: number) => void } = {}): Promise<number[]> {
    await this.setCscs('GSM');
    const references: number[] = [];
    const parts = encodeSubmit(to, text, { reference });
    for (let i = options.fromPart ?? 0; i < parts.length; i++) {
      const part = parts[i]!;
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
      options.onPartSent?.(i, references[references.length - 1]!);
    }
    return references;
  }

  /** One USSD exchange at a time, in the character set its request encoding needs. */
  ussd(request: UssdRequest): Promise<UssdAnswer> {
    return this.ussdLock.run(async () => runUssd(this.engine, await this.ussdSettings(), request));
  }

  /** A USSD menu walked step by step (`*123#` then `4`), inside the same one-at-a-time lock. */
  ussdMenu(steps: string[], timeoutMs: number): Promise<UssdAnswer> {
    return this.ussdLock.run(async () => runUssdMenu(this.engine, await this.ussdSettings(), steps, timeoutMs));
  }

  /**
   * The character set is set before every USSD exchange, not only when we think it changed: a
   * modem that reset itself, or a tool that left it at HEX (TinyGSM issue #493), would otherwise
   * garble the request and the answer. UCS2 requests need CSCS "UCS2"; the rest use "GSM".
   */
  private async ussdSettings(): Promise<{ encoding: UssdRequestEncoding; cscs: Cscs }> {
    const cscs: Cscs = this.settings.ussdEncoding === 'ucs2' ? 'UCS2' : 'GSM';
    await this.setCscs(cscs, true);
    return { encoding: this.settings.ussdEncoding, cscs };
  }
}
