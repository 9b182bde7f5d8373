import { nowIso, relaxedWrite, stmt, type Db } from './db.js';

export type PublicationKind = 'state' | 'event' | 'answer' | 'discovery';

export interface Publication {
  topic: string;
  /** Text as published; an empty retained payload clears what the broker kept. */
  payload: string;
  retain: boolean;
  kind: PublicationKind;
  /** MQTT 5 correlation data of an answer, base64. */
  correlation?: string | null;
}

export interface OutgoingRow {
  id: number;
  topic: string;
  payload: string;
  retain: 0 | 1;
  kind: PublicationKind;
  correlation: string | null;
  created_at: string;
}

export type CommandClaim =
  | { kind: 'new' }
  /** The first copy is still being worked on: this one is not run again. */
  | { kind: 'working' }
  | { kind: 'answered'; answer: string; replyTopic: string; correlation: string | null }
  /** Dropped in silence the first time (a wrong password): silence again. */
  | { kind: 'silent' };

/**
 * The MQTT bridge's own rows: the durable queue of publications (sent in order, deleted when the
 * broker acknowledges them) and the commands it was sent, by their id.
 */
export class MqttStore {
  constructor(private readonly db: Db, private readonly queueLimit = 10_000) {}

  /**
   * Queues a publication, committed before it is sent. A retained one replaces the rows for its
   * topic not yet handed to the client (ids above `handedUpTo`): only the newest state matters.
   * Past the queue limit the oldest events make room; how many went is returned.
   */
  enqueue(publication: Publication, handedUpTo: number): { id: number; dropped: number } {
    return this.db.transaction(() => {
      if (publication.retain) stmt(this.db, 'DELETE FROM mqtt_outgoing WHERE topic = ? AND retain = 1 AND id > ?').run(publication.topic, handedUpTo);
      let dropped = 0;
      const { count } = stmt(this.db, 'SELECT COUNT(*) AS count FROM mqtt_outgoing').get() as { count: number };
      if (count >= this.queueLimit) {
        dropped = stmt(this.db, "DELETE FROM mqtt_outgoing WHERE id IN (SELECT id FROM mqtt_outgoing WHERE kind = 'event' AND id > ? ORDER BY id LIMIT ?)")
          .run(handedUpTo, count - this.queueLimit + 1).changes;
      }
      const result = stmt(this.db, 'INSERT INTO mqtt_outgoing (topic, payload, retain, kind, correlation, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(publication.topic, publication.payload, publication.retain ? 1 : 0, publication.kind, publication.correlation ?? null, nowIso());
      return { id: Number(result.lastInsertRowid), dropped };
    })();
  }

  /** The next rows to send, oldest first, after the last one handed to the client. */
  next(afterId: number, limit: number): OutgoingRow[] {
    return stmt(this.db, 'SELECT * FROM mqtt_outgoing WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as OutgoingRow[];
  }

  /**
   * The broker has it. Not durable on its own: a row whose deletion a power cut undoes is sent
   * again, which QoS 1 allows; the next synchronous commit makes it durable.
   */
  delivered(id: number): void {
    relaxedWrite(this.db, () => stmt(this.db, 'DELETE FROM mqtt_outgoing WHERE id = ?').run(id));
  }

  waiting(): number {
    return (stmt(this.db, 'SELECT COUNT(*) AS count FROM mqtt_outgoing').get() as { count: number }).count;
  }

  /**
   * Records a command id before anything is done with it. A new id is taken as `working`; an id
   * seen before says what became of it.
   */
  claim(id: string, what: string, replyTopic: string, correlation: string | null): CommandClaim {
    return this.db.transaction((): CommandClaim => {
      const inserted = stmt(this.db, "INSERT INTO mqtt_commands (id, what, state, reply_topic, correlation, received_at) VALUES (?, ?, 'working', ?, ?, ?) ON CONFLICT (id) DO NOTHING")
        .run(id, what, replyTopic, correlation, nowIso());
      if (inserted.changes) return { kind: 'new' };
      const row = stmt(this.db, 'SELECT state, answer, reply_topic, correlation FROM mqtt_commands WHERE id = ?').get(id) as { state: string; answer: string | null; reply_topic: string; correlation: string | null };
      if (row.state === 'answered') return { kind: 'answered', answer: row.answer ?? '', replyTopic: row.reply_topic, correlation: row.correlation };
      return row.state === 'silent' ? { kind: 'silent' } : { kind: 'working' };
    })();
  }

  /** A command's answer and its publication, committed together; null answers nothing (a silent drop). */
  finish(id: string, answer: Publication | null, handedUpTo: number): number | null {
    return this.db.transaction(() => {
      stmt(this.db, 'UPDATE mqtt_commands SET state = ?, answer = ?, finished_at = ? WHERE id = ?').run(answer ? 'answered' : 'silent', answer?.payload ?? null, nowIso(), id);
      return answer ? this.enqueue(answer, handedUpTo).id : null;
    })();
  }

  /** Commands a previous run took and never finished (it stopped while working on them). */
  unfinished(): Array<{ id: string; what: string; replyTopic: string; correlation: string | null }> {
    return (stmt(this.db, "SELECT id, what, reply_topic, correlation FROM mqtt_commands WHERE state = 'working' ORDER BY received_at").all() as Array<{ id: string; what: string; reply_topic: string; correlation: string | null }>)
      .map((row) => ({ id: row.id, what: row.what, replyTopic: row.reply_topic, correlation: row.correlation }));
  }

  /** Finished command ids older than this go (a broker redelivers within a session, not months later). */
  forgetCommandsBefore(iso: string): number {
    return stmt(this.db, "DELETE FROM mqtt_commands WHERE state != 'working' AND received_at < ?").run(iso).changes;
  }

  /** What Home Assistant was last told, per discovery topic. */
  discovered(): Map<string, string> {
    const rows = stmt(this.db, 'SELECT topic, payload FROM mqtt_discovery').all() as Array<{ topic: string; payload: string }>;
    return new Map(rows.map((row) => [row.topic, row.payload]));
  }

  /** Remembers a discovery payload (null: the device was removed). */
  rememberDiscovery(topic: string, payload: string | null): void {
    if (payload === null) stmt(this.db, 'DELETE FROM mqtt_discovery WHERE topic = ?').run(topic);
    else stmt(this.db, 'INSERT INTO mqtt_discovery (topic, payload) VALUES (?, ?) ON CONFLICT (topic) DO UPDATE SET payload = excluded.payload').run(topic, payload);
  }
}
