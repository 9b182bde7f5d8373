import { describe, expect, it } from 'vitest';
import type { StatusSnapshot } from '../../src/control/context.js';
import { formatStatus } from '../../src/control/handlers/stat.js';

const HEALTHY: StatusSnapshot = {
  line: 'main',
  signal: { rssi: 21, dbm: -71, bars: 4 },
  registration: 'home',
  network: '28403',
  carrierName: 'Vivacom',
  balance: { cents: 750, currency: 'EUR', validUntil: '2027-11-22', checkedAt: new Date().toISOString() },
  pendingOutbox: 0,
  walletCards: 2,
  uptimeSeconds: 3 * 86400 + 7200,
  version: '1.12.3',
  degraded: [],
  unconfirmed: [],
  unsettled: 0,
};

describe('STAT?', () => {
  it('endsWithTheVersion', () => {
    expect(formatStatus(HEALTHY)).toBe('Signal -71dBm 4/5. Vivacom 284-03 home. Balance 7.50 EUR valid to 22.11.2027 (0m ago). Wallet 2. Outbox 0. Up 3d2h. v1.12.3.');
  });

  it('leavesTheVersionOutRatherThanTakeASecondSms', () => {
    const troubled = { ...HEALTHY, degraded: ['no network (searching)'], registration: 'searching' as const };
    const text = formatStatus(troubled);
    expect(text).toMatch(/^PROBLEM: no network \(searching\)\. .* Up 3d2h\.$/);
    expect(text.length).toBeLessThanOrEqual(160);
    expect(`${text} v1.12.3.`.length).toBeGreaterThan(160);
  });
});
