import { AtInterpreter, type InterpreterTiming } from './at-interpreter.js';
import type { CallRecord, RingOptions } from './incoming-calls.js';
import { DEFAULT_MODEM_PROFILE, type ModemProfile } from './modem-profile.js';
import { isoDay, SimCarrier, type SeriesInput } from './carrier.js';
import { DIALECTS, type Dialect } from './dialects.js';
import { WORDINGS } from './wordings.js';
import { SimLine } from './line.js';
import { DEFAULT_NETWORK_TIMING, SimNetwork, type NetworkTiming } from './network.js';
import { PacedDirection } from './paced-line.js';
import { FAULT_NAMES, type FaultName } from './faults.js';
import { loadSimState, saveSimState, type DialRecord, type PhoneMessage, type SimState, type SimVoucher } from './state.js';

export interface SimulatorOptions {
  /** JSON file that keeps the carrier, phones and SIM storage across restarts; null keeps it in memory. */
  stateFile?: string | null;
  dialect?: keyof typeof DIALECTS;
  /** Another carrier's wording for the answers (see wordings.ts); default: the dialect's own. */
  wording?: keyof typeof WORDINGS;
  timing?: Partial<InterpreterTiming>;
  /** When status reports come and how long a phone that is off is waited for. */
  network?: Partial<NetworkTiming>;
  now?: () => Date;
  profile?: Partial<ModemProfile>;
  storageCapacity?: number;
  /** How many 5.00 cards a new carrier starts with (default 10; the 10.00 series has 5). */
  vouchers?: number;
  /** Pace the line at this baud rate (both directions), as a real serial port would; null: no pacing. */
  baud?: number | null;
  /**
   * Which subscriber of its carrier the SIM is (1 by default): it sets the IMSI and the SIM's own
   * number, so several simulated SIMs of one carrier are told apart.
   */
  subscriber?: number;
}

const DAY_MS = 86_400_000;

export interface SimStats {
  commands: number;
  bytesToModem: number;
  bytesToDte: number;
  storageUsed: number;
  queued: number;
  /** SMS the network has delivered to phones (the box's replies). */
  delivered: number;
  /** Parts the box sent asking for a status report. */
  reportsRequested: number;
}

/** The simulated carriers in order: each gives its SIMs numbers of its own (+35988<n>…). */
const CARRIER_DIGIT: Record<string, number> = { vivacom: 1, a1: 2, yettel: 3 };

/** A simulated SIM's own number: the carrier's digit and the subscriber, e.g. +359881000001. */
function msisdnOf(dialectName: string, subscriber: number): string {
  return `+35988${CARRIER_DIGIT[dialectName] ?? 9}${String(subscriber).padStart(6, '0')}`;
}

/** What a fresh simulated SIM looks like: Vivacom, 2.50 EUR, valid ~30 days, unused 15-digit vouchers. */
function freshState(dialectName: string, now: Date, subscriber: number): SimState {
  const dialect = DIALECTS[dialectName]!;
  return {
    version: 1,
    carrier: {
      dialect: dialectName,
      imsi: `${dialect.mccMnc}${String(subscriber).padStart(10, '0')}`,
      balanceCents: 250,
      currency: 'EUR',
      validUntil: isoDay(new Date(now.getTime() + 30 * DAY_MS)),
      vouchers: [],
      badAttempts: [],
      blockedUntil: null,
      dialLog: [],
    },
    phones: {},
    storage: [],
    nextMessageReference: 0,
  };
}

/** Card series a new simulated carrier starts with (JeraSoft-style: amount, quantity, series, PIN length). */
function defaultSeries(dialect: Dialect, now: Date, fives = 10): SeriesInput[] {
  const { pinLength } = dialect;
  const expiresOn = isoDay(new Date(now.getTime() + 365 * DAY_MS));
  return [
    { amountCents: 500, quantity: fives, series: '101', pinLength, expiresOn },
    { amountCents: 1000, quantity: 5, series: '102', pinLength, expiresOn },
  ];
}

/**
 * The simulated modem and its carrier, as one product feature: a modem that answers AT commands
 * on a line, a network that phones text through, and a billing system that keeps top-up cards.
 */
export class Simulator {
  readonly state: SimState;
  readonly carrier: SimCarrier;
  readonly network: SimNetwork;
  readonly modem: AtInterpreter;
  private line: SimLine | null = null;
  /** Bytes from the modem to the daemon, and from the daemon to the modem, paced when asked. */
  readonly toDte: PacedDirection;
  readonly toModem: PacedDirection;
  private readonly waiting: string[] = [];
  private saveScheduled = false;
  private readonly now: () => Date;

  constructor(private readonly options: SimulatorOptions = {}) {
    this.now = options.now ?? (() => new Date());
    const dialectName = options.dialect ?? 'vivacom';
    const loaded = options.stateFile ? loadSimState(options.stateFile) : null;
    const subscriber = options.subscriber ?? 1;
    this.state = loaded ?? freshState(dialectName, this.now(), subscriber);
    const dialect: Dialect = { ...(DIALECTS[this.state.carrier.dialect] ?? DIALECTS.vivacom!), ...(options.wording ? WORDINGS[options.wording] : {}) };
    this.dialect = dialect;
    const changed = () => this.scheduleSave();
    const smsDelayMs = options.timing?.ussdDelayMs ?? 1200;
    this.carrier = new SimCarrier(this.state, dialect, this.now, changed, (from, text) => {
      setTimeout(() => this.sendSmsFromPhone(from, text), smsDelayMs * 2);
    });
    this.network = new SimNetwork(this.state, this.now, changed, (pdu) => this.modem.statusReport(pdu), { ...DEFAULT_NETWORK_TIMING, ...options.network });
    this.modem = new AtInterpreter(
      this.state,
      this.carrier,
      this.network,
      {
        ...DEFAULT_MODEM_PROFILE,
        msisdn: msisdnOf(this.state.carrier.dialect, subscriber),
        operatorName: this.state.carrier.dialect === 'vivacom' ? 'Vivacom' : this.state.carrier.dialect === 'a1' ? 'A1 BG' : 'Yettel BG',
        ...options.profile,
      },
      { ussdDelayMs: 1200, ...options.timing },
      changed,
      options.storageCapacity,
    );
    if (!loaded) for (const series of defaultSeries(dialect, this.now(), options.vouchers)) this.carrier.generateSeries(series);
    this.toDte = new PacedDirection(options.baud ?? null, (bytes) => this.line?.deliver(bytes));
    this.toModem = new PacedDirection(options.baud ?? null, (bytes) => this.modem.input(bytes));
    this.modem.on('output', (bytes) => this.toDte.send(bytes));
    this.modem.on('storage-freed', () => this.deliverWaiting());
  }

  private unplugged = false;
  private readonly dialect: Dialect;

  /**
   * What this simulated carrier publishes (a real one does on its website): its recharge code,
   * card length and balance code. A daemon on the built-in simulator takes them as confirmed.
   */
  published(): { rechargeUssd: string | null; codeLengths: number[]; balanceUssd: string | null } {
    return { rechargeUssd: this.dialect.rechargeTemplate, codeLengths: [this.dialect.pinLength], balanceUssd: this.dialect.balanceCode };
  }

  /** The simulated SIM: its carrier (a profile id), IMSI and own number. */
  get sim(): { carrier: string; imsi: string; msisdn: string } {
    return { carrier: this.state.carrier.dialect, imsi: this.state.carrier.imsi, msisdn: this.modem.msisdn };
  }

  /**
   * A fault mode on or off (see FAULT_NAMES), or an action: power-cycle, unplug, replug,
   * sim-out, sim-in. False when the name is unknown.
   */
  fault(name: string, on = true): boolean {
    const actions: Record<string, () => void> = {
      'power-cycle': () => this.modem.powerCycle(),
      unplug: () => this.unplug(),
      replug: () => this.replug(),
      'sim-out': () => this.modem.setSimPresent(false),
      'sim-in': () => this.modem.setSimPresent(true),
    };
    if (actions[name]) {
      actions[name]!();
      return true;
    }
    if (!(FAULT_NAMES as string[]).includes(name)) return false;
    this.modem.faults.set(name as FaultName, on);
    // Reports a slow service centre held back come once it catches up.
    if (name === 'reports-held' && !on) while (this.modem.releaseReport());
    return true;
  }

  activeFaults(): string[] {
    return [...this.modem.faults.list(), ...(this.unplugged ? ['unplugged'] : [])];
  }

  /** The USB cable is pulled: the line drops and the port cannot be opened until replug(). */
  unplug(): void {
    this.unplugged = true;
    this.line?.destroy();
    this.line = null;
  }

  /** Plugged back in: the modem powers up again (volatile settings lost). */
  replug(): void {
    this.unplugged = false;
    this.modem.powerCycle();
  }

  /** Opens the modem's line; a new opener replaces the previous one, as a reopened port does. */
  connect(): SimLine {
    if (this.unplugged) throw new Error('no such device (the modem is unplugged)');
    this.line?.destroy();
    const line = new SimLine((chunk) => {
      if (this.line === line) this.toModem.send(chunk);
    });
    line.on('close', () => {
      if (this.line === line) this.line = null;
    });
    this.line = line;
    return line;
  }

  /**
   * A phone texts the box. When the SIM storage is full the network holds the message and delivers
   * it once the box deletes something, as an SMSC retries. Returns whether it was stored at once.
   */
  sendSmsFromPhone(from: string, text: string): boolean {
    const pdus = this.network.pdusFromPhone(from, text);
    if (this.waiting.length > 0) {
      this.waiting.push(...pdus);
      return false;
    }
    for (let i = 0; i < pdus.length; i++) {
      if (!this.modem.receive(pdus[i]!)) {
        this.waiting.push(...pdus.slice(i));
        return false;
      }
    }
    return true;
  }

  /** A phone calls the box's SIM (see AtInterpreter.ring); false when the line is busy or off the network. */
  callFromPhone(from: string, options: RingOptions = {}): boolean {
    return this.modem.ring(this.network.caller(from), options);
  }

  /** The calls made to this SIM (those of one phone, when a number is given), oldest first. */
  calls(number?: string): CallRecord[] {
    const from = number === undefined ? undefined : this.network.caller(number);
    return this.modem.calls.filter((call) => from === undefined || call.from === from).map((call) => ({ ...call }));
  }

  /** Messages the network still holds because the SIM storage was full. */
  get queuedDeliveries(): number {
    return this.waiting.length;
  }

  private deliverWaiting(): void {
    while (this.waiting.length > 0 && this.modem.receive(this.waiting[0]!)) this.waiting.shift();
  }

  /** What crossed the line and what the network delivered: the benchmarks' witness. */
  stats(): SimStats {
    return {
      commands: this.modem.commandsExecuted,
      bytesToModem: this.toModem.bytes,
      bytesToDte: this.toDte.bytes,
      storageUsed: this.modem.storageUsed,
      queued: this.waiting.length,
      delivered: Object.values(this.state.phones).reduce((n, messages) => n + messages.length, 0),
      reportsRequested: this.network.reportsRequested,
    };
  }

  phoneMessages(number: string): PhoneMessage[] {
    return this.network.messagesFor(number);
  }

  /** Switches a phone on or off: what is sent to a phone that is off waits at the service centre. */
  setPhoneReachable(number: string, on: boolean): void {
    this.network.setReachable(number, on);
  }

  unusedVouchers(): SimVoucher[] {
    return this.carrier.unusedVouchers();
  }

  dialLog(): DialRecord[] {
    return this.carrier.dialLog();
  }

  close(): void {
    this.network.close();
    this.line?.destroy();
    this.line = null;
    this.flush();
  }

  flush(): void {
    if (this.options.stateFile) saveSimState(this.options.stateFile, this.state);
  }

  private scheduleSave(): void {
    if (!this.options.stateFile || this.saveScheduled) return;
    this.saveScheduled = true;
    setImmediate(() => {
      this.saveScheduled = false;
      this.flush();
    });
  }
}
