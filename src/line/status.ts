import type { StatusSnapshot } from '../control/context.js';
import type { Modem } from '../modem/modem.js';
import type { Registration, SignalQuality } from '../modem/parsers.js';
import type { Store } from '../store/store.js';
import type { LineState } from '../events/box-events.js';
import type { Supervisor } from '../supervisor/supervisor.js';
import { VERSION } from '../util/version.js';

interface Radio {
  signal: SignalQuality | null;
  registration: Registration | null;
  network: string | null;
  at: number;
}

/** What a line's STAT? needs from the line, read when asked. */
export interface LineFacts {
  name: string;
  /** The line's modem while it is up; null while it is parked or starting. */
  modem(): Modem | null;
  imsi(): string | null;
  carrierName(): string | null;
  unconfirmed(): string[];
  /** What the line knows is wrong (parked, SIM removed, a recovery under way). */
  problems(): string[];
  /** Wallet cards this line's SIM could be topped up with now. */
  walletReady(): number;
}

/**
 * Gathers one line's STAT? figures. The radio figures (three AT round trips) are reused for a few
 * seconds, so a burst of STAT? costs the serial line once; each query may fail on its own.
 */
export class StatusCollector {
  private radio: Radio | null = null;
  private radioOf: Modem | null = null;

  constructor(
    private readonly line: LineFacts,
    private readonly store: Store,
    private readonly startedAt: number,
    private readonly ttlMs = 5000,
  ) {}

  private async readRadio(modem: Modem): Promise<Radio> {
    if (this.radio && this.radioOf === modem && Date.now() - this.radio.at < this.ttlMs) return this.radio;
    const signal = await modem.signal().catch(() => null);
    const registration = await modem.registration().catch(() => null);
    const network = await modem.operator().catch(() => null);
    this.radio = { signal, registration, network, at: Date.now() };
    this.radioOf = modem;
    return this.radio;
  }

  async collect(): Promise<StatusSnapshot> {
    const modem = this.line.modem();
    const { signal, registration, network } = modem ? await this.readRadio(modem) : { signal: null, registration: null, network: null };
    const degraded: string[] = [...this.line.problems()];
    if (modem && !signal && !registration && !degraded.length) degraded.push('modem not answering');
    else if (registration && registration !== 'home' && registration !== 'roaming' && !degraded.some((d) => d.startsWith('no network'))) degraded.push(`no network (${registration})`);
    const imsi = this.line.imsi();
    const latest = imsi ? this.store.balances.latest(imsi) : undefined;
    return {
      line: this.line.name,
      signal,
      registration,
      network,
      carrierName: this.line.carrierName(),
      balance: latest ? { cents: latest.balance_cents, currency: latest.currency, validUntil: latest.valid_until, checkedAt: latest.checked_at } : null,
      pendingOutbox: this.store.outbox.pendingCount(this.line.name),
      walletCards: this.line.walletReady(),
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      version: VERSION,
      degraded,
      unconfirmed: this.line.unconfirmed(),
      unsettled: this.store.recharges.unsettled().length,
    };
  }
}

/** What is wrong with a line, in plain words (none when it is ready). */
export function lineProblems(state: LineState, parkedWhy: string | null, supervisor: Pick<Supervisor, 'degraded' | 'step'> | null): string[] {
  if (state === 'parked') return [`line parked: ${parkedWhy ?? 'not up'}`];
  if (state === 'starting') return ['line starting'];
  if (state === 'stopped') return ['line stopped'];
  if (!supervisor) return [];
  return [...supervisor.degraded, ...(supervisor.step === 'healthy' ? [] : [`modem ${supervisor.step}`])];
}
