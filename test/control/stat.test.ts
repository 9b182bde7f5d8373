import { describe, expect, it } from 'vitest';
import type { StatusSnapshot } from '../../src/control/context.js';
import { formatLines, formatStatus } from '../../src/control/handlers/stat.js';
import { splitText } from '../../src/codec/split.js';
import { transliterate } from '../../src/control/transliterate.js';

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

  it('shortensItsUnconfirmedFactsToACountRatherThanTakeASecondSms', () => {
    // What the box texted on a fresh Vivacom SIM: 159 characters, 161 septets with `{` and `}`.
    const fresh = {
      ...HEALTHY, signal: { rssi: 20, dbm: -73, bars: 4 }, walletCards: 0, uptimeSeconds: 0,
      balance: { cents: 2234, currency: 'BGN', validUntil: '2027-01-01', checkedAt: new Date().toISOString() },
      unconfirmed: ['recharge *101#{code}#', '15-digit codes'],
    };
    const text = formatStatus(fresh);
    expect(splitText(text).parts).toHaveLength(1);
    expect(text).toBe('Signal -73dBm 4/5. Vivacom 284-03 home. Unconfirmed: 2. Balance 22.34 BGN valid to 01.01.2027 (0m ago). Outbox 0. Up 0h00m. v1.12.3.');
  });

  it('keepsItsUnconfirmedFactsWhenTheyFit', () => {
    const text = formatStatus({ ...HEALTHY, unconfirmed: ['15-digit codes'] });
    expect(text).toContain('Unconfirmed: 15-digit codes.');
  });

  it('speaksBulgarianWhenTheSenderChoseIt', () => {
    const text = formatStatus(HEALTHY, { lang: 'bg', fits: (t) => t.length <= 160 });
    expect(text).toBe('Сигнал -71dBm 4/5. Vivacom 284-03 home. Баланс 7.50 EUR валиден до 22.11.2027 (преди 0m). Карти 2. Изходящи 0. Работи 3d2h. v1.12.3.');
  });

  it('fitsBulgarianToOneSmsAsItGoesOutInCyrillic', () => {
    const oneSms = (t: string) => splitText(t).parts.length === 1;
    const cyrillic = formatStatus(HEALTHY, { lang: 'bg', fits: oneSms });
    const latin = formatStatus(HEALTHY, { lang: 'bg', fits: (t) => oneSms(transliterate(t)) });
    // In Cyrillic (UCS2, 70 characters) the version is the first thing to go; in Latin letters it stays.
    expect(cyrillic).not.toContain('v1.12.3');
    expect(latin).toContain('v1.12.3');
  });

  it('severalLinesInBulgarianShortenUntilTheyFit', () => {
    const second = { ...HEALTHY, line: 'a1', carrierName: 'A1 Bulgaria', network: '28401' };
    const text = formatLines([HEALTHY, second], { lang: 'bg', fits: (t) => splitText(transliterate(t)).parts.length === 1 });
    expect(text).toMatch(/^main: .* a1: .* Изходящи 0\. Работи 3d2h\./);
    expect(splitText(transliterate(text)).parts).toHaveLength(1);
  });
});
