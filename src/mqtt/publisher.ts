import type { Logger } from '../log/logger.js';
import type { MqttStore, OutgoingRow, Publication } from '../store/mqtt.js';

/** What the publisher needs of an MQTT client. */
export interface PublishingClient {
  readonly connected: boolean;
  /** MQTT 5 properties are sent only on a version 5 connection. */
  readonly protocolVersion: number;
  publish(topic: string, payload: string, options: { qos: 1; retain: boolean; properties?: { correlationData: Buffer } }, callback: (err?: Error) => void): void;
}

/** How many publications are handed to the client before the first is acknowledged. */
const WINDOW = 16;

/**
 * Sends the durable queue in order with QoS 1, deleting each row when the broker acknowledges it.
 * Rows wait while the broker is away; what the client had in flight when the connection dropped
 * it sends again itself on reconnecting. After a restart every row left is sent again (at least
 * once, as QoS 1 promises). A publication the broker refuses (not authorised) is dropped and
 * logged rather than retried for ever.
 */
export class Publisher {
  /** The highest row id handed to the client by this process. */
  private handed = 0;
  private inFlight = 0;
  private stopped = false;
  private readonly log: Logger;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly store: MqttStore, private readonly client: PublishingClient, logger: Logger) {
    this.log = logger.child({ channel: 'mqtt' });
  }

  /** Commits a publication to the queue and sends it when it can. */
  enqueue(publication: Publication): void {
    const { dropped } = this.store.enqueue(publication, this.handed);
    if (dropped) this.log.warn({ dropped }, 'MQTT queue full: the oldest events were dropped');
    this.kick();
  }

  /** A command's answer and its publication, committed with it. */
  finishCommand(id: string, answer: Publication | null): void {
    this.store.finish(id, answer, this.handed);
    this.kick();
  }

  /** Sends what is waiting, up to the window; called on every enqueue, acknowledgement and (re)connection. */
  kick(): void {
    if (this.stopped || !this.client.connected) return;
    const room = WINDOW - this.inFlight;
    if (room <= 0) return;
    for (const row of this.store.next(this.handed, room)) this.send(row);
    if (this.inFlight === 0) for (const waiter of this.idleWaiters.splice(0)) waiter();
  }

  private send(row: OutgoingRow): void {
    this.handed = row.id;
    this.inFlight += 1;
    const properties = row.correlation && this.client.protocolVersion === 5 ? { properties: { correlationData: Buffer.from(row.correlation, 'base64') } } : {};
    this.client.publish(row.topic, row.payload, { qos: 1, retain: row.retain === 1, ...properties }, (err) => {
      this.inFlight -= 1;
      if (!err) this.store.delivered(row.id);
      else if (refusedByBroker(err)) {
        this.store.delivered(row.id);
        this.log.warn({ topic: row.topic, kind: row.kind, reasonCode: (err as { code?: number }).code }, 'the broker refused a publication: dropped');
      } else {
        // The client gave up on it (a connection it will not resend on, or a close): the row is
        // sent again from here, and what followed it too (a duplicate is allowed, a loss is not).
        this.handed = Math.min(this.handed, row.id - 1);
        this.log.debug({ topic: row.topic, err: err.message }, 'publication not acknowledged: it will be sent again');
      }
      this.kick();
    });
  }

  /** Resolves once nothing handed to the client is waiting for its acknowledgement (or after `ms`). */
  drained(ms: number): Promise<void> {
    if (this.inFlight === 0 && (!this.client.connected || this.store.next(this.handed, 1).length === 0)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  stop(): void {
    this.stopped = true;
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }
}

/** A PUBACK with a failure reason code (MQTT 5: 0x80 and above) is the broker's no, not a lost connection. */
function refusedByBroker(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' && code >= 0x80;
}
