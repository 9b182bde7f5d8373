import { nowIso, stmt, type Db } from './db.js';

/** What the box last knew of a line's SIM: for the CLI while no daemon runs, and for history. */
export interface LineRow {
  name: string;
  imsi: string | null;
  /** The carrier profile's id. */
  carrier: string | null;
  /** The SIM's own number, when configured or told by the modem. */
  number: string | null;
  seen_at: string | null;
}

export class LineStore {
  constructor(private readonly db: Db) {}

  /** The SIM a line has now (noted each time its modem is initialised). */
  note(name: string, sim: { imsi: string; carrier: string; number: string | null }): void {
    stmt(this.db, `INSERT INTO lines (name, imsi, carrier, number, seen_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET imsi = excluded.imsi, carrier = excluded.carrier, number = COALESCE(excluded.number, number), seen_at = excluded.seen_at`)
      .run(name, sim.imsi, sim.carrier, sim.number, nowIso());
  }

  all(): LineRow[] {
    return stmt(this.db, 'SELECT * FROM lines ORDER BY name').all() as LineRow[];
  }
}
