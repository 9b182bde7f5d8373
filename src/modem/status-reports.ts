import type { AtEngine } from '../at/engine.js';
import type { Logger } from '../log/logger.js';
import { chooseCnmiRouting, cpmsMemories, parseCds, parseCdsi, parseCsmsService, type ReportRouting } from './parsers.js';

/** A status report the modem has for us: stored at an index of a memory, or handed on inline. */
export type StatusReportArrival = { storage: string; index: number } | { pdu: string };

/** Memory names are two capital letters (TS 27.005 §3.1): anything else from the modem is not sent back to it. */
const MEMORY = /^[A-Z]{2}$/;

/**
 * How one modem hands on status reports (TS 27.005 §3.4.1, AT+CNMI <ds>), learnt from its own
 * `AT+CNMI=?` at init: stored and announced with `+CDSI: <mem>,<index>` (ds=2, preferred: a report
 * that comes while the box is away waits in the memory), inline as `+CDS: <length>` and the PDU
 * line (ds=1; acknowledged with AT+CNMA where +CSMS service 1 makes the modem wait for that), or
 * not at all — and then no report is asked for. Some modems keep reports in a memory of their own
 * ("SR"), which is selected for the read and deselected after.
 */
export class StatusReportRouting {
  routing: ReportRouting = 'none';
  /** The modem listed a <ds> in AT+CNMI=? and then refused it (SIM800 lists ds=1 but may not take it). */
  refused = false;
  /** The read memory chosen at init (AT+CPMS's first). */
  private readMemory = 'SM';
  /** Report memories other than the read one: offered by AT+CPMS=?, or named by a +CDSI. */
  private readonly memories = new Set<string>();
  private needsAck = false;

  constructor(
    private readonly engine: () => AtEngine,
    private readonly log: Logger,
    /** The owner wants reports (sms.deliveryReports). */
    private readonly wanted: boolean,
  ) {}

  /** Whether sends ask for a report: wanted, and the modem can hand reports on. */
  get requested(): boolean {
    return this.wanted && this.routing !== 'none';
  }

  /** Inline reports wait for AT+CNMA. */
  get acknowledged(): boolean {
    return this.needsAck;
  }

  get otherMemories(): string[] {
    return [...this.memories];
  }

  /** Subscribes to the report URCs of a (new) engine. */
  listen(engine: AtEngine, arrived: (arrival: StatusReportArrival) => void): void {
    engine.onUrc('+CDSI:', ([line]) => {
      const stored = line ? parseCdsi(line) : null;
      if (!stored || !MEMORY.test(stored.storage)) return this.log.warn('a +CDSI that names no memory and index: ignored');
      if (stored.storage !== this.readMemory) this.memories.add(stored.storage);
      arrived(stored);
    });
    engine.onUrc('+CDS:', (lines) => {
      const pdu = parseCds(lines);
      if (pdu) arrived({ pdu });
      else this.log.warn({ lines: lines.length }, 'a +CDS without its length or PDU line: dropped');
    });
  }

  /**
   * Sets AT+CNMI from the modem's list, with reports routed when wanted. A modem that lists a <ds>
   * it then refuses is set again without reports, so it keeps working (the fates stay "sent").
   */
  async choose(cnmiTest: string, cpmsTest: string, readMemory: string): Promise<void> {
    this.readMemory = readMemory;
    this.memories.clear();
    this.needsAck = false;
    this.refused = false;
    const routed = chooseCnmiRouting(cnmiTest, this.wanted);
    try {
      await this.engine().execute(routed.command);
      this.routing = routed.reports;
    } catch (err) {
      if (routed.reports === 'none') throw err;
      this.log.warn({ command: routed.command, err: String(err) }, 'the modem refused status-report routing: replies will not ask for reports');
      const plain = chooseCnmiRouting(cnmiTest, false);
      await this.engine().execute(plain.command);
      this.routing = plain.reports;
      this.refused = true;
    }
    if (this.routing === 'stored' && readMemory !== 'SR' && cpmsMemories(cpmsTest)[0]?.includes('SR')) this.memories.add('SR');
    if (this.routing === 'inline') this.needsAck = (await this.smsService()) === 1;
    this.log.info({ reports: this.routing, requested: this.requested, ...(this.memories.size ? { memories: this.otherMemories } : {}), ...(this.needsAck ? { acknowledged: true } : {}) }, 'status-report routing');
  }

  /** The +CSMS service: 1 makes +CDS wait for AT+CNMA. A modem that does not say is taken as 0. */
  private async smsService(): Promise<number> {
    return this.engine().execute('AT+CSMS?', { expect: '+CSMS:' }).then(({ lines }) => parseCsmsService(lines), () => 0);
  }

  async inStorage<T>(storage: string, work: () => Promise<T>): Promise<T> {
    if (storage === this.readMemory) return work();
    if (!MEMORY.test(storage)) throw new Error(`"${storage}" is not a message memory`);
    await this.engine().execute(`AT+CPMS="${storage}"`, { expect: '+CPMS:' });
    try {
      return await work();
    } finally {
      await this.engine().execute(`AT+CPMS="${this.readMemory}"`, { expect: '+CPMS:' }).catch((err: unknown) =>
        this.log.warn({ err: String(err) }, 'could not select the read memory again; the next init will'),
      );
    }
  }

  async acknowledge(): Promise<void> {
    if (!this.needsAck) return;
    await this.engine().execute('AT+CNMA').catch((err: unknown) => this.log.warn({ err: String(err) }, 'AT+CNMA refused: the network may send the report again'));
  }
}
