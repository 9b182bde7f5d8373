import { ok, type AtContext, type Reply } from './at-context.js';
import { tpduLength, type SimStorage } from './storage.js';

/** Status reports the 'reports-held' fault keeps back at most. */
const MAX_HELD_REPORTS = 256;

/**
 * Where the network's status reports go: routed as AT+CNMI's <ds> says, held back by the
 * 'reports-held' fault, and acknowledged with AT+CNMA under AT+CSMS service 1.
 */
export class StatusReports {
  /** Inline reports (+CDS) not yet acknowledged with AT+CNMA under +CSMS service 1. */
  unacknowledged = 0;
  /** Status reports held back by the 'reports-held' fault, oldest first. */
  readonly held: string[] = [];

  constructor(
    private readonly context: AtContext,
    /** The SIM's memory, where a profile without "SR" stores its reports. */
    private readonly storage: SimStorage,
    /** The status-report memory "SR", for a profile that keeps reports apart. */
    private readonly reportStorage: SimStorage,
  ) {}

  /**
   * A status report from the network, routed as AT+CNMI's <ds> says: stored in the report memory
   * and announced with +CDSI (ds=2), printed as +CDS with its PDU (ds=1), or not handed on (ds=0).
   * The 'reports-held' fault keeps reports back (a slow service centre) until release().
   */
  arrive(pdu: string): void {
    if (this.context.faults.has('reports-held')) {
      // A service centre holds so many at most; the oldest are dropped, as an SMSC's expire.
      if (this.held.length >= MAX_HELD_REPORTS) this.held.shift();
      this.held.push(pdu);
      return;
    }
    this.route(pdu);
  }

  /** Hands on the oldest held status report; false when none is held. */
  release(): boolean {
    const pdu = this.held.shift();
    if (pdu === undefined) return false;
    this.route(pdu);
    return true;
  }

  private route(pdu: string): void {
    const { settings, profile } = this.context;
    const ds = settings.cnmi[3] ?? 0;
    if (ds === 1) {
      if (settings.csms === 1) this.unacknowledged += 1;
      this.context.urc(`+CDS: ${tpduLength(pdu)}`, pdu);
    } else if (ds === 2) {
      const memory = profile.reportMemory;
      const index = (memory === 'SR' ? this.reportStorage : this.storage).store(pdu);
      if (index !== null) this.context.urc(`+CDSI: "${memory}",${index}`);
    }
  }

  /** AT+CSMS (service 0 or 1) and AT+CNMA, which acknowledges a +CDS only where service 1 awaits it. */
  command(upper: string): Reply | undefined {
    if (!upper.startsWith('+CSMS') && upper !== '+CNMA') return undefined;
    const { settings } = this.context;
    if (upper === '+CSMS?') return ok(`+CSMS: ${settings.csms},1,1,1`);
    if (upper === '+CSMS=?') return ok('+CSMS: (0,1)');
    const set = /^\+CSMS=([01])$/.exec(upper);
    if (set) {
      settings.csms = Number(set[1]);
      return ok('+CSMS: 1,1,1');
    }
    if (upper === '+CNMA' && this.unacknowledged > 0) {
      this.unacknowledged -= 1;
      return ok();
    }
    // TS 27.005 §3.2.5: 340, no +CNMA acknowledgement expected.
    return this.context.cmsError(upper === '+CNMA' ? 340 : 303);
  }
}
