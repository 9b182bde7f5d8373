import { randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import type { MqttConfig } from '../config/mqtt-schema.js';
import type { Logger } from '../log/logger.js';
import { connectBroker, type BrokerOptions } from './connection.js';
import type { LineState } from './state.js';
import { boxIdOf, FleetTopics } from './topics.js';
import { byCodeUnits } from '../util/order.js';

export interface FleetLine {
  line: string;
  /** The retained state, as the box last published it. */
  state: LineState;
}

export interface FleetBox {
  box: string;
  /** What the box's status topic says: `offline` is its will (or a clean stop); `unknown` when nothing is retained. */
  status: 'online' | 'offline' | 'unknown';
  /** Not online: what its lines show may be old. */
  stale: boolean;
  lines: FleetLine[];
}

/** A request the box did not answer in time (it may be away: the command waits at the broker in its session). */
export class FleetTimeout extends Error {
  override readonly name = 'FleetTimeout';
  constructor(readonly box: string, readonly id: string, readonly seconds: number, readonly offline: boolean) {
    super(offline
      ? `${box} is offline: no answer within ${seconds} s. The command waits at the broker and runs when the box is back (request ${id}).`
      : `no answer from ${box} within ${seconds} s (request ${id})`);
  }
}

export type FleetConnection = Pick<BrokerOptions, 'url' | 'username' | 'password' | 'ca' | 'cert' | 'key'> & { baseTopic: string; clientId?: string };

const troubled = (line: FleetLine): boolean => line.state.problems.length > 0 || !line.state.modemUp;
/** A box that needs looking at: not online, no line, or a line with a problem or its modem down. */
const needsCare = (box: FleetBox): boolean => box.stale || box.lines.length === 0 || box.lines.some(troubled);

/**
 * The operator's side of the fleet: every box's status and every line's retained state, kept as
 * they arrive, and requests to a box answered on its `res/<id>` topic (and the MQTT 5 response
 * topic with correlation data, where the broker speaks it). A clean session: the operator's own
 * client keeps nothing at the broker.
 */
export class FleetClient {
  private readonly boxesById = new Map<string, { status: FleetBox['status']; lines: Map<string, LineState> }>();
  private readonly waiting = new Map<string, (answer: Record<string, unknown>) => void>();
  private lastMessageAt = Date.now();
  private readonly topics: FleetTopics;

  private constructor(private readonly client: MqttClient, baseTopic: string) {
    this.topics = new FleetTopics(baseTopic);
  }

  /** Connected once the broker answers (`wait`, at most 15 s), or at once, catching up whenever it does. */
  static async connect(connection: FleetConnection, logger: Logger, options: { wait?: boolean } = {}): Promise<FleetClient> {
    let fleet: FleetClient | null = null;
    const client = await connectBroker(
      {
        ...connection,
        clientId: connection.clientId ?? `gsmkeeper-fleet-${randomUUID().slice(0, 8)}`,
        persistent: false,
        reconnectMs: 2000,
        onMessage: (topic, payload, _packet, done) => {
          fleet?.onMessage(topic, payload);
          done();
        },
      },
      logger,
    );
    fleet = new FleetClient(client, connection.baseTopic);
    const subscription = { [fleet.topics.statuses]: { qos: 1 as const }, [fleet.topics.states]: { qos: 1 as const } };
    if (options.wait === false) {
      // Subscribed on every connection (a clean session keeps nothing between them).
      client.on('connect', () => client.subscribe(subscription));
      return fleet;
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the broker at ${connection.url} did not answer within 15 s`)), 15_000);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    }).catch(async (err: unknown) => {
      await client.endAsync(true);
      throw err;
    });
    await client.subscribeAsync(subscription);
    return fleet;
  }

  private onMessage(topic: string, payload: Buffer): void {
    this.lastMessageAt = Date.now();
    const about = this.topics.parse(topic);
    if (about) return this.remember(about, payload);
    const waiter = this.waiting.get(topic);
    if (!waiter) return;
    try {
      waiter(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
    } catch {
      waiter({ ok: false, error: 'bad_answer', message: 'the answer is not JSON' });
    }
  }

  private remember(about: NonNullable<ReturnType<FleetTopics['parse']>>, payload: Buffer): void {
    let box = this.boxesById.get(about.box);
    if (!box) this.boxesById.set(about.box, (box = { status: 'unknown', lines: new Map() }));
    const text = payload.toString('utf8');
    if (about.kind === 'status') {
      box.status = text === 'online' ? 'online' : text === 'offline' ? 'offline' : 'unknown';
      return;
    }
    // An empty retained payload clears a line that went away.
    if (text === '') return void box.lines.delete(about.line!);
    try {
      const state = JSON.parse(text) as LineState;
      if (state && typeof state === 'object' && Array.isArray(state.problems)) box.lines.set(about.line!, state);
    } catch {
      // Not a state this client can read: left out.
    }
  }

  /** Resolves once the retained messages have arrived: nothing new for `quietMs` (at most `maxMs`). */
  async settled(quietMs = 300, maxMs = 5000): Promise<void> {
    const started = Date.now();
    while (Date.now() - this.lastMessageAt < quietMs && Date.now() - started < maxMs) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** Every box and line, those that need looking at first (offline, problems, modem down), then by days left. */
  boxes(): FleetBox[] {
    const boxes: FleetBox[] = [...this.boxesById].map(([box, { status, lines }]) => ({
      box,
      status,
      stale: status !== 'online',
      lines: [...lines].map(([line, state]) => ({ line, state })).sort((a, b) => Number(troubled(b)) - Number(troubled(a)) || byCodeUnits(a.line, b.line)),
    }));
    const urgency = (box: FleetBox) => Math.min(...box.lines.map((l) => l.state.daysLeft ?? Infinity), Infinity);
    return boxes.sort((a, b) => Number(needsCare(b)) - Number(needsCare(a)) || urgency(a) - urgency(b) || byCodeUnits(a.box, b.box));
  }

  /**
   * Sends a command to a box and waits for its answer. `id` makes it idempotent: the same id sent
   * again gets the box's stored answer, never a second run.
   */
  async request(box: string, body: Record<string, unknown>, options: { id?: string; timeoutMs?: number } = {}): Promise<Record<string, unknown>> {
    const boxTopics = this.topics.box(box);
    const id = options.id ?? `fleet-${randomUUID()}`;
    const answerTopic = boxTopics.answer(id);
    const timeoutMs = options.timeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const answer = new Promise<Record<string, unknown>>((resolve, reject) => {
      timer = setTimeout(() => {
        this.waiting.delete(answerTopic);
        reject(new FleetTimeout(box, id, Math.round(timeoutMs / 1000), this.boxesById.get(box)?.status !== 'online'));
      }, timeoutMs);
      this.waiting.set(answerTopic, (value) => {
        clearTimeout(timer);
        this.waiting.delete(answerTopic);
        resolve(value);
      });
    });
    try {
      await this.reachable(timeoutMs);
      await this.client.subscribeAsync(answerTopic, { qos: 1 });
      const v5 = this.client.options.protocolVersion === 5 ? { properties: { responseTopic: answerTopic, correlationData: Buffer.from(id) } } : {};
      await this.client.publishAsync(boxTopics.commands, JSON.stringify({ id, ...body }), { qos: 1, ...v5 });
      return await answer;
    } finally {
      clearTimeout(timer);
      this.waiting.delete(answerTopic);
      await this.client.unsubscribeAsync(answerTopic).catch(() => undefined);
    }
  }

  /** Waits for the connection (a console connects while the box starts, whenever the broker is there). */
  private async reachable(timeoutMs: number): Promise<void> {
    if (this.client.connected) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.client.off('connect', done);
        reject(new Error(`the broker is not reachable (${Math.round(timeoutMs / 1000)} s)`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.client.once('connect', done);
    });
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/**
 * A console box's view of the fleet (`fleet.console: true`), on its own connection with the box's
 * credentials: the web panel's fleet page reads it. The box starts whether the broker is there or not.
 */
export async function openFleetConsole(config: MqttConfig & { url: string }, logger: Logger): Promise<FleetClient> {
  return FleetClient.connect({ ...config, clientId: `${boxIdOf(config)}-console` }, logger, { wait: false });
}
