import type { Money } from '../carriers/money.js';
import type { MqttConfig } from '../config/mqtt-schema.js';
import type { Logger } from '../log/logger.js';
import type { MqttStore } from '../store/mqtt.js';
import { boxDiscovery, discoveryTopic, lineDeviceId, lineDiscovery, type Discovery } from './discovery.js';
import type { BoxEvent, BoxPort } from './port.js';
import type { Publisher } from './publisher.js';
import { lineState, stateKey } from './state.js';
import { LEVEL_RE, usableLines, type BoxTopics, type EventType } from './topics.js';

/** An amount as a number in the currency's units, with the currency: `{"balance": 7.5, "currency": "EUR"}`. */
const figure = (name: string, money: Money | null): Record<string, unknown> => (money ? { [name]: money.cents / 100, currency: money.currency } : { [name]: null });

export interface ReporterDeps {
  port: BoxPort;
  topics: BoxTopics;
  config: Pick<MqttConfig, 'discovery' | 'discoveryPrefix'>;
  publisher: Publisher;
  store: MqttStore;
  log: Logger;
  /** Events within this many milliseconds make one state publication per line. */
  coalesceMs: number;
}

/**
 * What the box tells the broker about its lines: each line's retained state when it changes, its
 * events, and Home Assistant's discovery (what it was last told is kept, so a line that went away
 * is removed). It follows the box's events; it never polls.
 */
export class LineReporter {
  /** The state last queued per line, as compared for a change. */
  private readonly states = new Map<string, string>();
  private readonly discovered: Map<string, string>;
  private readonly refreshes = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly deps: ReporterDeps) {
    this.discovered = deps.store.discovered();
  }

  onEvent(event: BoxEvent): void {
    if (this.stopped) return;
    switch (event.type) {
      case 'line-state':
        // A line not seen before: the line set changed, so every line (and any gone) is looked at.
        return this.scheduleRefresh(this.states.has(event.line) ? event.line : null);
      case 'wallet-changed':
        return this.scheduleRefresh(null);
      case 'balance-recorded':
        if (event.line === null) return;
        this.publishEvent(event.line, 'balance', { ...figure('balance', event.balance), validUntil: event.validUntil, source: event.source, at: event.at });
        return this.scheduleRefresh(event.line);
      case 'recharge-finished':
        if (event.line === null) return;
        this.publishEvent(event.line, 'recharge', {
          outcome: event.outcome, card: event.card, ...figure('added', event.added), ...figure('balance', event.balance), validUntil: event.validUntil, at: event.at,
        });
        return this.scheduleRefresh(event.line);
      case 'sms-received':
        if (!event.command) this.publishEvent(event.line, 'sms-received', { from: event.sender, text: event.text, at: event.at });
        return;
      case 'alert':
        return this.publishEvent(event.line, 'alert', { text: event.text, at: event.at });
      default:
        return;
    }
  }

  private publishEvent(line: string, type: EventType, body: Record<string, unknown>): void {
    if (!usableLines(this.deps.port.lines()).includes(line)) return;
    // `event_type` is what Home Assistant's event entity reads.
    this.deps.publisher.enqueue({ topic: this.deps.topics.event(line, type), payload: JSON.stringify({ event_type: type, box: this.deps.topics.box, line, ...body }), retain: false, kind: 'event' });
  }

  /** One state publication for a burst of events (null: every line, and lines gone). */
  private scheduleRefresh(line: string | null): void {
    const key = line ?? '*';
    if (this.refreshes.has(key)) return;
    this.refreshes.set(key, setTimeout(() => {
      this.refreshes.delete(key);
      void (line === null ? this.refreshAll() : this.refresh(line));
    }, this.deps.coalesceMs));
  }

  private async refresh(line: string): Promise<void> {
    let state;
    try {
      state = lineState(await this.deps.port.snapshot(line));
    } catch (err) {
      return void this.deps.log.warn({ line, err: err instanceof Error ? err.message : String(err) }, 'line state not read');
    }
    if (this.stopped) return;
    const key = stateKey(state);
    if (this.states.get(line) !== key) {
      this.states.set(line, key);
      this.deps.publisher.enqueue({ topic: this.deps.topics.state(line), payload: JSON.stringify(state), retain: true, kind: 'state' });
    }
    if (this.deps.config.discovery) this.discover(lineDiscovery(this.deps.config.discoveryPrefix, this.deps.topics, state));
  }

  /** The box and every line; a line that went away is removed from Home Assistant and its retained state cleared. */
  async refreshAll(): Promise<void> {
    const { discovery, discoveryPrefix } = this.deps.config;
    const lines = usableLines(this.deps.port.lines());
    if (discovery) this.discover(boxDiscovery(discoveryPrefix, this.deps.topics));
    for (const line of lines) await this.refresh(line);
    const keep = new Set(discovery ? [boxDiscovery(discoveryPrefix, this.deps.topics).topic, ...lines.map((line) => discoveryTopic(discoveryPrefix, this.deps.topics, lineDeviceId(this.deps.topics, line)))] : []);
    for (const topic of [...this.discovered.keys()]) {
      if (keep.has(topic)) continue;
      this.discover({ topic, payload: '' });
      const gone = this.lineOfDiscovery(topic);
      if (gone && !lines.includes(gone)) {
        this.deps.log.info({ line: gone }, 'line gone: removed from Home Assistant, its retained state cleared');
        this.states.delete(gone);
        this.deps.publisher.enqueue({ topic: this.deps.topics.state(gone), payload: '', retain: true, kind: 'state' });
      }
    }
  }

  /** The line a line device's discovery topic is about (`…/device/<box>/gsmkeeper_<box>_<line>/config`). */
  private lineOfDiscovery(topic: string): string | null {
    const head = discoveryTopic(this.deps.config.discoveryPrefix, this.deps.topics, lineDeviceId(this.deps.topics, ''));
    const [start, end] = [head.slice(0, -'/config'.length), '/config'];
    if (!topic.startsWith(start) || !topic.endsWith(end)) return null;
    const line = topic.slice(start.length, -end.length);
    return LEVEL_RE.test(line) ? line : null;
  }

  /** Queues a discovery payload that differs from what Home Assistant was last told (an empty one removes the device). */
  private discover({ topic, payload }: Discovery): void {
    if ((this.discovered.get(topic) ?? '') === payload) return;
    if (payload) this.discovered.set(topic, payload);
    else this.discovered.delete(topic);
    this.deps.store.rememberDiscovery(topic, payload || null);
    this.deps.publisher.enqueue({ topic, payload, retain: true, kind: 'discovery' });
  }

  /** Home Assistant's birth message: every device again, then every state. */
  rediscover(): void {
    for (const [topic, payload] of this.discovered) this.deps.publisher.enqueue({ topic, payload, retain: true, kind: 'discovery' });
    this.states.clear();
    this.scheduleRefresh(null);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.refreshes.values()) clearTimeout(timer);
    this.refreshes.clear();
  }
}
