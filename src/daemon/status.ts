import type { StatusSnapshot } from '../control/context.js';
import type { Modem } from '../modem/modem.js';
import type { Store } from '../store/store.js';

/** Gathers STAT? figures; each modem query may fail on its own without failing the whole status. */
export async function collectStatus(modem: Modem, store: Store, carrierName: string | null, startedAt: number): Promise<StatusSnapshot> {
  const degraded: string[] = [];
  const signal = await modem.signal().catch(() => null);
  const registration = await modem.registration().catch(() => null);
  const network = await modem.operator().catch(() => null);
  if (!signal && !registration) degraded.push('modem not answering');
  else if (registration && registration !== 'home' && registration !== 'roaming') degraded.push(`network ${registration}`);
  const imsi = modem.imsi;
  const latest = imsi ? store.balances.latest(imsi) : undefined;
  return {
    signal,
    registration,
    network,
    carrierName,
    balance: latest ? { cents: latest.balance_cents, currency: latest.currency, validUntil: latest.valid_until, checkedAt: latest.checked_at } : null,
    pendingOutbox: store.outbox.pendingCount(),
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    degraded,
  };
}
