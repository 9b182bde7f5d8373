import type Database from 'better-sqlite3';
import type { AtRest } from './at-rest.js';
import { countReplyParts } from './count-reply-parts.js';
import { sealSecrets } from './seal-secrets.js';

/**
 * A schema step: SQL, or a function for a step that must rewrite rows with the install's key
 * (it returns `rewriteFile` when old bytes must not survive in free pages or the WAL).
 */
export type MigrationStep = string | ((db: Database.Database, atRest: AtRest) => { rewriteFile?: boolean } | void);

/**
 * A step that rebuilds tables other tables refer to (SQLite cannot drop a constraint in place):
 * it runs with foreign keys off and commits only when every reference still holds.
 */
export interface TableRebuild {
  rebuild: MigrationStep;
}

export type Migration = MigrationStep | TableRebuild;

/**
 * Versioned schema, applied in order inside one transaction each; `PRAGMA user_version` records the
 * last one applied. Never edit a shipped migration: add the next one.
 */
export const MIGRATIONS: Migration[] = [
  `
  CREATE TABLE inbox (
    id INTEGER PRIMARY KEY,
    received_at TEXT NOT NULL,
    sender TEXT NOT NULL,
    sent_at TEXT,
    text TEXT NOT NULL,
    pdu TEXT,
    -- The same SMS read twice (sender, timestamp, text) is one message.
    dedupe_key TEXT NOT NULL UNIQUE
  );

  CREATE TABLE commands (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('sms', 'http')),
    inbox_id INTEGER REFERENCES inbox(id),
    sender TEXT NOT NULL,
    text TEXT NOT NULL,
    -- received → executing → answered | dropped
    state TEXT NOT NULL CHECK (state IN ('received', 'executing', 'answered', 'dropped')),
    name TEXT,
    drop_reason TEXT,
    reply TEXT,
    reply_to TEXT,
    created_at TEXT NOT NULL,
    finished_at TEXT
  );
  CREATE INDEX commands_state ON commands(state);

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    command_id INTEGER REFERENCES commands(id),
    recipient TEXT NOT NULL,
    text TEXT NOT NULL,
    -- pending → sending → sent | failed | uncertain
    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'uncertain')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    message_refs TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
  );
  CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

  CREATE TABLE recharges (
    id INTEGER PRIMARY KEY,
    imsi TEXT NOT NULL,
    carrier TEXT NOT NULL,
    -- Keyed hash of the voucher code: recognises a code seen before without storing it.
    code_hash TEXT NOT NULL,
    code_masked TEXT NOT NULL,
    command_id INTEGER REFERENCES commands(id),
    requested_by TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('dialling', 'success', 'rejected', 'attempts-exceeded', 'failed', 'unknown')),
    answer TEXT,
    added_cents INTEGER,
    balance_cents INTEGER,
    currency TEXT,
    valid_until TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT
  );
  CREATE INDEX recharges_code ON recharges(code_hash);
  CREATE INDEX recharges_imsi ON recharges(imsi, state, started_at);

  CREATE TABLE balances (
    id INTEGER PRIMARY KEY,
    imsi TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    balance_cents INTEGER,
    currency TEXT,
    valid_until TEXT,
    source TEXT NOT NULL
  );
  CREATE INDEX balances_imsi ON balances(imsi, checked_at);

  CREATE TABLE attempt_resets (
    imsi TEXT PRIMARY KEY,
    reset_at TEXT NOT NULL
  );

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  `
  -- Wrong or missing passwords per sender, for the lockout (an SMS sender or an HTTP client).
  CREATE TABLE sender_strikes (
    id INTEGER PRIMARY KEY,
    sender TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX sender_strikes_sender ON sender_strikes(sender, at);

  CREATE TABLE sender_lockouts (
    sender TEXT PRIMARY KEY,
    until TEXT NOT NULL
  );

  -- The seed device's phone groups: config, command, notify (0–4 numbers each).
  CREATE TABLE phone_groups (
    grp TEXT NOT NULL CHECK (grp IN ('config', 'command', 'notify')),
    number TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (grp, number)
  );

  ALTER TABLE commands ADD COLUMN idempotency_key TEXT;
  CREATE UNIQUE INDEX commands_idempotency ON commands(idempotency_key) WHERE idempotency_key IS NOT NULL;

  -- Why a reply was never sent (daily cap, rate limit) is kept with the row.
  ALTER TABLE outbox ADD COLUMN recipient_key TEXT;
  CREATE INDEX outbox_recipient ON outbox(recipient_key, created_at);

  ALTER TABLE recharges ADD COLUMN reconciled_at TEXT;
  `,
  `
  -- Parts of concatenated SMS until the message is complete (or its wait runs out).
  CREATE TABLE sms_parts (
    id INTEGER PRIMARY KEY,
    sender TEXT NOT NULL,
    ref INTEGER NOT NULL,
    total INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    sent_at TEXT,
    pdu TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (sender, ref, total, seq)
  );
  `,
  `
  -- Every send attempt of a reply: when, and the modem's +CMGS references or its error.
  CREATE TABLE outbox_attempts (
    id INTEGER PRIMARY KEY,
    outbox_id INTEGER NOT NULL REFERENCES outbox(id),
    started_at TEXT NOT NULL,
    finished_at TEXT,
    message_refs TEXT,
    error TEXT
  );
  CREATE INDEX outbox_attempts_outbox ON outbox_attempts(outbox_id);
  `,
  `
  -- The voucher wallet: cards bought ahead, dialled by the box when the balance or validity runs
  -- low. The PIN is kept sealed (AES-256-GCM under the install's key) and as the same keyed hash
  -- the recharges table uses, so a card's state comes from its recharges, never from a copy.
  CREATE TABLE vouchers (
    id INTEGER PRIMARY KEY,
    carrier TEXT,
    serial TEXT,
    pin_sealed TEXT NOT NULL,
    pin_hash TEXT NOT NULL UNIQUE,
    pin_masked TEXT NOT NULL,
    amount_cents INTEGER,
    currency TEXT,
    shop TEXT,
    expires_on TEXT,
    added_at TEXT NOT NULL
  );
  `,
  `
  -- Parts of a long reply already accepted by the network: a retry sends only the rest.
  ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
  `,
  `
  -- What became of a reply, as data: the limit that refused it (the daily cap, the hourly limit
  -- for numbers in no group), and what the network's status reports said of its parts.
  ALTER TABLE outbox ADD COLUMN refused_by TEXT CHECK (refused_by IN ('daily-cap', 'non-group-hourly'));
  ALTER TABLE outbox ADD COLUMN delivery TEXT CHECK (delivery IN ('pending', 'delivered', 'failed'));
  ALTER TABLE outbox ADD COLUMN delivered_refs TEXT;
  ALTER TABLE outbox ADD COLUMN delivery_at TEXT;
  CREATE INDEX outbox_command ON outbox(command_id);
  -- Refusals were kept as their message only.
  UPDATE outbox SET refused_by = 'daily-cap', last_error = NULL WHERE state = 'failed' AND attempts = 0 AND last_error LIKE 'daily SMS cap of % reached';
  UPDATE outbox SET refused_by = 'non-group-hourly', last_error = NULL WHERE state = 'failed' AND attempts = 0 AND last_error LIKE 'rate limited: %';
  `,
  sealSecrets,
  `
  -- When a recharge's AT+CUSD was written. A row a crash left 'dialling' without it never reached
  -- the modem, so its card was not used; rows from before this column are taken as written.
  ALTER TABLE recharges ADD COLUMN written_at TEXT;
  UPDATE recharges SET written_at = started_at WHERE state = 'dialling';
  -- Who settled an unknown outcome by hand (an operator saying the card was used or not).
  ALTER TABLE recharges ADD COLUMN settled_by TEXT;
  `,
  `
  -- Cards as a billing system keeps them: the shop a card came from is its reseller, and the
  -- advanced search sorts and filters by expiry, reseller and amount.
  ALTER TABLE vouchers RENAME COLUMN shop TO reseller;
  CREATE INDEX vouchers_expires ON vouchers(expires_on);
  CREATE INDEX vouchers_reseller ON vouchers(reseller);
  `,
  {
    rebuild: `
    -- Where a command came from is its channel (sms, http, mqtt): one concept the code holds, no
    -- list in a CHECK that each new channel would have to rebuild the table for.
    CREATE TABLE commands_next (
      id INTEGER PRIMARY KEY,
      channel TEXT NOT NULL,
      inbox_id INTEGER REFERENCES inbox(id),
      sender TEXT NOT NULL,
      text TEXT NOT NULL,
      -- received → executing → answered | dropped
      state TEXT NOT NULL CHECK (state IN ('received', 'executing', 'answered', 'dropped')),
      name TEXT,
      drop_reason TEXT,
      reply TEXT,
      reply_to TEXT,
      created_at TEXT NOT NULL,
      finished_at TEXT,
      idempotency_key TEXT,
      sealed TEXT
    );
    INSERT INTO commands_next (id, channel, inbox_id, sender, text, state, name, drop_reason, reply, reply_to, created_at, finished_at, idempotency_key, sealed)
      SELECT id, source, inbox_id, sender, text, state, name, drop_reason, reply, reply_to, created_at, finished_at, idempotency_key, sealed FROM commands;
    DROP TABLE commands;
    ALTER TABLE commands_next RENAME TO commands;
    CREATE INDEX commands_state ON commands(state);
    CREATE UNIQUE INDEX commands_idempotency ON commands(idempotency_key) WHERE idempotency_key IS NOT NULL;
    `,
  },
  {
    rebuild: `
    -- The box has lines: a modem and its SIM each. Every row says which line it belongs to. What a
    -- database from a one-line box holds was that one line's, which is now called main.
    CREATE TABLE lines (
      name TEXT PRIMARY KEY,
      imsi TEXT,
      carrier TEXT,
      number TEXT,
      seen_at TEXT
    );
    INSERT INTO lines (name, imsi, carrier, seen_at)
      SELECT 'main',
        (SELECT imsi FROM (SELECT imsi, checked_at AS at FROM balances UNION ALL SELECT imsi, started_at FROM recharges) ORDER BY at DESC LIMIT 1),
        (SELECT json_extract(value, '$') FROM settings WHERE key = 'sim.carrier'),
        (SELECT MAX(at) FROM (SELECT MAX(received_at) AS at FROM inbox UNION ALL SELECT MAX(checked_at) FROM balances))
      WHERE EXISTS (SELECT 1 FROM inbox) OR EXISTS (SELECT 1 FROM balances) OR EXISTS (SELECT 1 FROM recharges);
    DELETE FROM settings WHERE key = 'sim.carrier';
    -- Alerts and the keep-alive are per line.
    UPDATE settings SET key = 'line.main.' || key WHERE key IN ('alert.lowBalance', 'alert.validity', 'keepAlive.last');

    -- The same SMS read twice is one message; the same text from the same phone to two lines is two.
    CREATE TABLE inbox_next (
      id INTEGER PRIMARY KEY,
      line TEXT NOT NULL,
      received_at TEXT NOT NULL,
      sender TEXT NOT NULL,
      sent_at TEXT,
      text TEXT NOT NULL,
      pdu TEXT,
      dedupe_key TEXT NOT NULL,
      pdu_sealed TEXT,
      UNIQUE (line, dedupe_key)
    );
    INSERT INTO inbox_next (id, line, received_at, sender, sent_at, text, pdu, dedupe_key, pdu_sealed)
      SELECT id, 'main', received_at, sender, sent_at, text, pdu, dedupe_key, pdu_sealed FROM inbox;
    DROP TABLE inbox;
    ALTER TABLE inbox_next RENAME TO inbox;

    CREATE TABLE sms_parts_next (
      id INTEGER PRIMARY KEY,
      line TEXT NOT NULL,
      sender TEXT NOT NULL,
      ref INTEGER NOT NULL,
      total INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      text_sealed TEXT NOT NULL,
      sent_at TEXT,
      received_at TEXT NOT NULL,
      UNIQUE (line, sender, ref, total, seq)
    );
    INSERT INTO sms_parts_next (id, line, sender, ref, total, seq, text_sealed, sent_at, received_at)
      SELECT id, 'main', sender, ref, total, seq, text_sealed, sent_at, received_at FROM sms_parts;
    DROP TABLE sms_parts;
    ALTER TABLE sms_parts_next RENAME TO sms_parts;

    -- A command's line: the one it arrived on, or the one it was addressed to (null: none).
    ALTER TABLE commands ADD COLUMN line TEXT;
    UPDATE commands SET line = 'main' WHERE channel = 'sms';
    -- The line a reply goes out on; an SMS that was not a command forwarded to the Notify group is
    -- marked, for the forwarding limit.
    ALTER TABLE outbox ADD COLUMN line TEXT NOT NULL DEFAULT 'main';
    ALTER TABLE outbox ADD COLUMN forwarded INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX outbox_line_due ON outbox(line, state, next_attempt_at);
    ALTER TABLE recharges ADD COLUMN line TEXT;
    UPDATE recharges SET line = 'main';
    ALTER TABLE balances ADD COLUMN line TEXT;
    UPDATE balances SET line = 'main';
    `,
  },
  `
  -- The MQTT bridge. Every publication is a row first, sent in order and deleted when the broker
  -- acknowledges it, so an alert outlives a broker outage and a restart.
  CREATE TABLE mqtt_outgoing (
    -- Never reused: the publisher sends the rows after the last id it handed on.
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    topic TEXT NOT NULL,
    payload TEXT NOT NULL,
    retain INTEGER NOT NULL CHECK (retain IN (0, 1)),
    kind TEXT NOT NULL CHECK (kind IN ('state', 'event', 'answer', 'discovery')),
    -- MQTT 5 correlation data of an answer (base64), when the request carried some.
    correlation TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX mqtt_outgoing_topic ON mqtt_outgoing(topic) WHERE retain = 1;
  -- Commands by their id, recorded before anything is done: a copy delivered again gets the
  -- stored answer (or nothing, while the first is still being worked on), never a second run.
  CREATE TABLE mqtt_commands (
    id TEXT PRIMARY KEY,
    what TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('working', 'answered', 'silent')),
    answer TEXT,
    reply_topic TEXT,
    correlation TEXT,
    received_at TEXT NOT NULL,
    finished_at TEXT
  );
  CREATE INDEX mqtt_commands_received ON mqtt_commands(received_at);
  -- What Home Assistant was last told about each device, so a line that went away is removed.
  CREATE TABLE mqtt_discovery (
    topic TEXT PRIMARY KEY,
    payload TEXT NOT NULL
  );
  `,
  `
  -- The reply language each phone chose (LANG EN|BG by SMS); a number not here gets the box's.
  CREATE TABLE sender_languages (
    number TEXT PRIMARY KEY,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'bg')),
    set_at TEXT NOT NULL
  );
  -- The language a request over HTTP or MQTT asked its answer in (null: the box's).
  ALTER TABLE commands ADD COLUMN lang TEXT CHECK (lang IN ('en', 'bg'));
  `,
  countReplyParts,
  `
  -- A request whose channel vouched for its caller in place of the password (the settings page, on
  -- the HTTP token): its text carries a stand-in password, which only such a row's run lets pass —
  -- a restart that runs it again too.
  ALTER TABLE commands ADD COLUMN vouched INTEGER NOT NULL DEFAULT 0 CHECK (vouched IN (0, 1));
  `,
  `
  -- An idempotency key is the channel's own: an MQTT command id never meets an HTTP client's key.
  DROP INDEX commands_idempotency;
  CREATE UNIQUE INDEX commands_idempotency ON commands(channel, idempotency_key) WHERE idempotency_key IS NOT NULL;
  `,
];
