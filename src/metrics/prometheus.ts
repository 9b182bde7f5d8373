import { Counter, Gauge, Registry } from 'prom-client';
import { SerialLock } from '../util/serial-lock.js';
import type { LineReadings, MetricsSource } from './source.js';

export interface Exposition {
  contentType: string;
  scrape(): Promise<string>;
}

/**
 * The Prometheus registry over a metrics source. Nothing polls: each scrape reads the box once
 * and every metric's collect callback takes its figure from that one reading. A figure that is
 * not known (no balance read yet, no signal) is left out rather than shown as zero.
 */
export function prometheusExposition(source: MetricsSource): Exposition {
  const registry = new Registry();
  let now: LineReadings[] | null = null;
  const registers = [registry];

  /** A gauge about a line's SIM, labelled with the line and its carrier, present only when known. */
  const simGauge = (name: string, help: string, read: (r: LineReadings) => { value: number; labels?: Record<string, string> } | null, extraLabels: string[] = []): void => {
    new Gauge({
      name, help, labelNames: ['line', 'carrier', ...extraLabels], registers,
      collect() {
        this.reset();
        for (const line of now ?? []) {
          const reading = line.carrier !== null ? read(line) : null;
          if (reading) this.set({ line: line.line, carrier: line.carrier!, ...reading.labels }, reading.value);
        }
      },
    });
  };
  /** A gauge about a line, whatever its SIM. */
  const lineGauge = (name: string, help: string, read: (r: LineReadings) => number): void => {
    new Gauge({
      name, help, labelNames: ['line'], registers,
      collect() {
        this.reset();
        for (const line of now ?? []) this.set({ line: line.line }, read(line));
      },
    });
  };

  new Gauge({ name: 'gsmkeeper_build_info', help: 'gsmkeeper version (always 1)', labelNames: ['version'], registers, collect() { this.set({ version: source.version }, 1); } });
  simGauge('gsmkeeper_balance', 'Last balance read from the carrier, in the currency of its label', (r) => (r.balance ? { value: r.balance.amount, labels: { currency: r.balance.currency } } : null), ['currency']);
  simGauge('gsmkeeper_balance_checked_timestamp_seconds', 'When the last balance was read (Unix time)', (r) => (r.balanceCheckedAt === null ? null : { value: r.balanceCheckedAt }));
  simGauge('gsmkeeper_validity_left_days', "Days until the SIM's validity ends (negative: ended)", (r) => (r.validityDaysLeft === null ? null : { value: r.validityDaysLeft }));
  simGauge('gsmkeeper_signal_dbm', 'Signal strength at the modem, in dBm', (r) => (r.signalDbm === null ? null : { value: r.signalDbm }));
  lineGauge('gsmkeeper_network_registered', "1 when the line's modem is registered on a network (home or roaming)", (r) => Number(r.networkRegistered));
  lineGauge('gsmkeeper_modem_up', "1 when the line's modem answers and no recovery is under way", (r) => Number(r.modemUp));
  lineGauge('gsmkeeper_outbox_pending_replies', 'Replies waiting in the outbox to go out on the line', (r) => r.outboxPending);
  lineGauge('gsmkeeper_wallet_cards_ready', "Wallet cards the line's SIM can still take (new, not expired)", (r) => r.walletCardsReady);

  const counter = (name: string, help: string, labelNames: string[], read: () => Array<{ labels: Record<string, string>; count: number }>): void => {
    new Counter({
      name, help, labelNames, registers,
      collect() {
        this.reset();
        for (const { labels, count } of read()) this.inc(labels, count);
      },
    });
  };
  counter('gsmkeeper_commands_total', 'Commands handled since the start, by channel and outcome (answered, or why dropped)', ['channel', 'outcome'], () => source.commands.entries());
  counter('gsmkeeper_recharges_total', 'Recharge requests since the start, by line and outcome', ['line', 'outcome'], () => source.recharges.entries());
  counter('gsmkeeper_recoveries_total', "Times a line's recovery ladder entered each rung since the start", ['line', 'rung'], () =>
    source.recoveries().map(({ line, rung, count }) => ({ labels: { line, rung }, count })));

  // One scrape at a time: the reading is shared by the collect callbacks of that scrape only.
  const oneAtATime = new SerialLock();
  return {
    contentType: registry.contentType,
    scrape: () =>
      oneAtATime.run(async () => {
        now = await source.readings();
        try {
          return await registry.metrics();
        } finally {
          now = null;
        }
      }),
  };
}
