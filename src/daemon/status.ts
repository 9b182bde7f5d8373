import type { StatusSnapshot } from '../control/context.js';
import type { Modem } from '../modem/modem.js';
import type { Registration, SignalQuality } from '../modem/parsers.js';
import type { Store } from '../store/store.js';
import { localDay } from '../util/local-day.js';
import { VERSION } from '../util/version.js';

interface Radio {
  signal: SignalQuality | null;
  registration: Registration | null;
  network: string | null;
  at: number;
}

/**
 * Gathers STAT? figures. The radio figures (three AT round trips) are reused for a few seconds, so
 * a burst of STAT? costs the serial line once; each query may fail on its own.
 */
export class StatusCollector {
  private radio: Radio | null = null;

  constructor(
    private readonly modem: Modem,
    private readonly store: Store,
    private readonly startedAt: number,
    private readonly problems: () => string[] = () => [],
    /** Wallet cards the SIM in the box could be topped up with now. */
    private readonly walletReady: () => number = () => this.store.cards.search({ statuses: ['new'] }, localDay(), { sort: 'created', descending: false }, 1, 1).total,
    private readonly ttlMs = 5000,
  ) {}

  private async readRadio(): Promise<Radio> {
    if (this.radio && Date.now() - this.radio.at < this.ttlMs) return this.radio;
    const signal = await this.modem.signal().catch(() => null);
    const registration = await this.modem.registration().catch(() => null);
    const network = await this.modem.operator().catch(() => null);
    this.radio = { signal, registration, network, at: Date.now() };
    return this.radio;
  }

  async collect(carrierName: string | null, unconfirmed: string[] = []): Promise<StatusSnapshot> {
    const { signal, registration, network } = await this.readRadio();
    const degraded: string[] = [...this.problems()];
    if (!signal && !registration && !degraded.length) degraded.push('modem not answering');
    else if (registration && registration !== 'home' && registration !== 'roaming' && !degraded.some((d) => d.startsWith('no network'))) degraded.push(`no network (${registration})`);
    const imsi = this.modem.imsi;
    const latest = imsi ? this.store.balances.latest(imsi) : undefined;
    return {
      signal,
      registration,
      network,
      carrierName,
      balance: latest ? { cents: latest.balance_cents, currency: latest.currency, validUntil: latest.valid_until, checkedAt: latest.checked_at } : null,
      pendingOutbox: this.store.outbox.pendingCount(),
      walletCards: this.walletReady(),
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      version: VERSION,
      degraded,
      unconfirmed,
      unsettled: this.store.recharges.unsettled().length,
    };
  }
}
