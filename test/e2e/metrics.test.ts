import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { VERSION } from '../../src/util/version.js';
import { api, startDaemon, TOKEN, type RunningDaemon } from '../helpers/daemon.js';

const running: RunningDaemon[] = [];
afterEach(async () => {
  for (const box of running.splice(0)) await box.stop();
});

async function box(http: Partial<typeof DEFAULT_CONFIG.http> = {}): Promise<RunningDaemon> {
  const started = await startDaemon({ config: { http: { ...DEFAULT_CONFIG.http, listen: '127.0.0.1:0', ...http } } });
  running.push(started);
  return started;
}

async function scrape(base: string, token: string | null = TOKEN): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${base}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/**
 * The samples of a Prometheus text exposition (version 0.0.4), `name{labels}` → value; fails on any
 * line that is neither a comment nor a sample, so a malformed exposition does not pass.
 */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+-]+|NaN|[+-]Inf)$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${JSON.stringify(line)}`);
    out.set(match[1]!, Number(match[2]));
  }
  return out;
}

describe('GET /metrics', () => {
  it('aScrapeAfterARechargeShowsTheBoxAsItIs', async () => {
    const { baseUrl, simulator, daemon } = await box();
    const pin = simulator.unusedVouchers()[0]!.pin;
    const credit = await api(baseUrl, 'POST', '/api/v1/commands', { text: `*123456 CREDIT ${pin}` });
    const validUntil = /Valid until (\d\d)\.(\d\d)\.(\d{4})/.exec(credit.json.reply)!;
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 CREDIT 12345' })).json.reply).toBe('Invalid Security Code!');
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: '*654321 STAT?' })).status).toBe(403);

    const { status, type, text } = await scrape(baseUrl);
    expect(status).toBe(200);
    expect(type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).not.toContain(pin);
    const m = samples(text);
    // 2.50 EUR on the simulated SIM, 5.00 added.
    expect(m.get('gsmkeeper_balance{line="main",carrier="vivacom",currency="EUR"}')).toBe(7.5);
    const today = new Date();
    const daysLeft = (Date.UTC(Number(validUntil[3]), Number(validUntil[2]) - 1, Number(validUntil[1])) - Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())) / 86_400_000;
    expect(m.get('gsmkeeper_validity_left_days{line="main",carrier="vivacom"}')).toBe(daysLeft);
    const latest = daemon.store.balances.latest(daemon.line('main').imsi!)!;
    expect(m.get('gsmkeeper_balance_checked_timestamp_seconds{line="main",carrier="vivacom"}')).toBe(Math.round(Date.parse(latest.checked_at) / 1000));
    expect(m.get('gsmkeeper_signal_dbm{line="main",carrier="vivacom"}')).toBe(-71);
    expect(m.get('gsmkeeper_network_registered{line="main"}')).toBe(1);
    expect(m.get('gsmkeeper_modem_up{line="main"}')).toBe(1);
    expect(m.get('gsmkeeper_outbox_pending_replies{line="main"}')).toBe(0);
    expect(m.get('gsmkeeper_wallet_cards_ready{line="main"}')).toBe(0);
    expect(m.get('gsmkeeper_recharges_total{line="main",outcome="success"}')).toBe(1);
    expect(m.get('gsmkeeper_recharges_total{line="main",outcome="invalid-code"}')).toBe(1);
    expect(m.get('gsmkeeper_commands_total{channel="http",outcome="answered"}')).toBe(2);
    expect(m.get('gsmkeeper_commands_total{channel="http",outcome="wrong-password"}')).toBe(1);
    for (const rung of ['resync', 'reinit', 'reopen', 'restart', 'reset-hook', 'failed']) expect(m.get(`gsmkeeper_recoveries_total{line="main",rung="${rung}"}`)).toBe(0);
    expect(m.get(`gsmkeeper_build_info{version="${VERSION}"}`)).toBe(1);
    expect(text).toMatch(/# TYPE gsmkeeper_commands_total counter\n/);
    expect(text).toMatch(/# TYPE gsmkeeper_balance gauge\n/);
  });

  it('countersGoUpWithWhatHappensAndTheWalletIsCounted', async () => {
    const { baseUrl, simulator } = await box();
    const [first, second] = simulator.unusedVouchers();
    for (const card of [first!, second!]) expect((await api(baseUrl, 'POST', '/api/v1/vouchers', { pin: card.pin, amount: '5.00', currency: 'EUR' })).status).toBe(201);
    expect(samples((await scrape(baseUrl)).text).get('gsmkeeper_wallet_cards_ready{line="main"}')).toBe(2);
    expect((await api(baseUrl, 'POST', '/api/v1/vouchers/top-up')).status).toBe(200);
    await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?' });
    const m = samples((await scrape(baseUrl)).text);
    expect(m.get('gsmkeeper_wallet_cards_ready{line="main"}')).toBe(1);
    expect(m.get('gsmkeeper_recharges_total{line="main",outcome="success"}')).toBe(1);
    expect(m.get('gsmkeeper_balance{line="main",carrier="vivacom",currency="EUR"}')).toBe(7.5);
    expect(m.get('gsmkeeper_commands_total{channel="http",outcome="answered"}')).toBe(1);
  });

  it('aScrapeNeedsTheTokenUnlessMetricsArePublic', async () => {
    const closed = await box();
    expect((await scrape(closed.baseUrl, null)).status).toBe(401);
    expect((await scrape(closed.baseUrl, 'not-the-token')).status).toBe(401);
    const open = await box({ metricsPublic: true });
    const scraped = await scrape(open.baseUrl, null);
    expect(scraped.status).toBe(200);
    expect(samples(scraped.text).get('gsmkeeper_modem_up{line="main"}')).toBe(1);
    // Only the metrics are public.
    expect((await api(open.baseUrl, 'GET', '/api/v1/status', undefined, null)).status).toBe(401);
  });

  it('statAndHealthSayTheVersion', async () => {
    const { baseUrl } = await box();
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?' })).json.reply).toMatch(new RegExp(` v${VERSION.replaceAll('.', '\\.')}\\.$`));
    expect((await api(baseUrl, 'GET', '/api/v1/health', undefined, null)).json).toMatchObject({ status: 'ok', version: VERSION });
  });
});
