import { decodePdu } from '../codec/pdu.js';
import type { SmsDeliver } from '../codec/sms-deliver.js';
import type { SmsStatusReport } from '../codec/sms-status-report.js';
import type { Logger } from '../log/logger.js';
import type { Modem, StatusReportArrival } from '../modem/modem.js';
import { canonicalNumber } from '../codec/address.js';
import type { DeliveryUpdate } from '../store/outbox.js';
import type { CommandRow } from '../store/commands.js';
import type { Store } from '../store/store.js';
import { SerialLock } from '../util/serial-lock.js';
import { relaxedWrite } from '../store/db.js';

/**
 * Moves SMS from the modem into the store: read, commit, make durable, only then delete from the
 * SIM. The commit itself is relaxed (no fsync of its own) so the command's work starts at once —
 * a recharge's own durable 'dialling' commit flushes it too — and the durable barrier runs just
 * before the SIM delete, which is the step that cannot be undone. A PDU that does not decode is
 * still committed (sealed) and its command dropped with the reason, so nothing is lost and nothing
 * crashes.
 */
export class Intake {
  private readonly lock = new SerialLock();
  private readonly log: Logger;

  constructor(
    /** The line whose SIM this is: every message is kept as that line's. */
    private readonly line: string,
    private readonly modem: Modem,
    private readonly store: Store,
    logger: Logger,
    private readonly onCommand: (row: CommandRow) => void,
    /** The line's country calling code, for a status report that names its recipient nationally. */
    private readonly countryCode: string | null = null,
    /** A status report changed a reply's delivery (the box's events). */
    private readonly onDelivery: (update: DeliveryUpdate) => void = () => {},
  ) {
    this.log = logger.child({ channel: 'intake', line });
    modem.on('sms-stored', ({ index }) => void this.readOne(index));
    modem.on('status-report', (arrival) => void this.takeReport(arrival));
  }

  /** Hands on messages whose missing parts did not come within the wait, gaps marked. */
  expireParts(maxWaitMs: number): number {
    const rows = this.store.parts.expire(this.line, new Date(Date.now() - maxWaitMs).toISOString());
    for (const row of rows) {
      this.log.warn({ command: row.id, sender: row.sender }, 'incomplete multipart SMS handed on with its gaps marked');
      this.onCommand(row);
    }
    return rows.length;
  }

  /**
   * Start-up (and after every re-init): everything stored while we were away, listed once. When all
   * of them are committed, one `AT+CMGD=1,1` deletes every read message; the listing marked them
   * read, and a message arriving meanwhile is unread, so it stays for its own +CMTI.
   */
  scan(): Promise<number> {
    return this.lock.run(async () => {
      let count = await this.scanMemory();
      // Status reports a modem keeps in a memory of their own ("SR"), stored while we were away.
      for (const storage of this.modem.reportStorages) {
        count += await this.modem.inStorage(storage, () => this.scanMemory()).catch((err: unknown) => {
          this.log.warn({ storage, err: err instanceof Error ? err.message : String(err) }, 'could not read the status-report memory');
          return 0;
        });
      }
      return count;
    });
  }

  private async scanMemory(): Promise<number> {
    const messages = await this.modem.listMessages();
    let allCommitted = true;
    for (const message of messages) allCommitted = this.commit(message.index, message.pdu) && allCommitted;
    if (messages.length > 0) {
      this.store.flush();
      const bulk = allCommitted && (await this.modem.deleteAllRead().then(() => true, () => false));
      if (!bulk) for (const message of messages) await this.modem.deleteMessage(message.index).catch(() => undefined);
    }
    return messages.length;
  }

  /**
   * A status report from the modem: a stored one is read from its memory, kept and deleted like an
   * SMS; an inline one (+CDS) is kept, then acknowledged where the modem waits for that.
   */
  private takeReport(arrival: StatusReportArrival): Promise<void> {
    return this.lock.run(async () => {
      try {
        if ('pdu' in arrival) {
          if (!this.commit(-1, arrival.pdu)) return;
          // A report is not money: its commit rides on the next durable one, unless the modem waits
          // for an acknowledgement, which tells the network it is kept and so must follow a durable commit.
          if (this.modem.acknowledgesReports) {
            this.store.flush();
            await this.modem.acknowledgeReport();
          }
          return;
        }
        await this.modem.inStorage(arrival.storage, async () => {
          const message = await this.modem.readMessage(arrival.index);
          if (message) await this.take(arrival.index, message.pdu);
        });
      } catch (err) {
        this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not take a status report; the next scan will look for it');
      }
    });
  }

  private readOne(index: number): Promise<void> {
    return this.lock.run(async () => {
      try {
        const message = await this.modem.readMessage(index);
        if (message) await this.take(index, message.pdu);
      } catch (err) {
        this.log.warn({ index, err: err instanceof Error ? err.message : String(err) }, 'could not read a new SMS; the next scan will');
      }
    });
  }

  private async take(index: number, pdu: string): Promise<void> {
    if (!this.commit(index, pdu)) return;
    // Committed, so the delete can wait a turn: the command's own AT work (a recharge's AT+CUSD)
    // gets onto the line first instead of queueing behind housekeeping.
    await new Promise((resolve) => setImmediate(resolve));
    this.store.flush();
    await this.modem.deleteMessage(index).catch((err: unknown) =>
      this.log.warn({ index, err: err instanceof Error ? err.message : String(err) }, 'could not delete a committed SMS; the storage sweep will'),
    );
  }

  /**
   * Commits one SMS, relaxed (the caller flushes before deleting it from the SIM), and hands its
   * command on; false when the store refused it, so it must stay on the SIM.
   */
  private commit(index: number, pdu: string): boolean {
    // The command is handed on after the relaxed scope has ended: its own work (a recharge's
    // 'dialling' row) must be committed durably.
    const { stored, command } = relaxedWrite(this.store.db, () => this.record(index, pdu));
    if (command) this.onCommand(command);
    return stored;
  }

  /** Writes one SMS; `stored` false when the store refused it, `command` when one is ready to run. */
  private record(index: number, pdu: string): { stored: boolean; command: CommandRow | null } {
    if (pdu.trim() === '') {
      // A slot with a header and no PDU holds nothing to keep: freed, or it fills the storage for good.
      this.log.warn({ index }, 'empty SMS slot (no PDU) deleted');
      return { stored: true, command: null };
    }
    let sms: SmsDeliver | null = null;
    let report: SmsStatusReport | null = null;
    let dropReason = '';
    try {
      const decoded = decodePdu(pdu);
      // A SIM also holds status reports and messages a phone stored, and a message can be cut short
      // of its stated length: kept, never run as commands.
      if (decoded.type === 'deliver' && !decoded.truncated) sms = decoded;
      else if (decoded.type === 'deliver') dropReason = 'not run: the user data is shorter than its length, the text is incomplete';
      else if (decoded.type === 'status-report') report = decoded;
      else dropReason = 'not a command: an outgoing message stored on the SIM';
    } catch (err) {
      dropReason = `undecodable PDU: ${err instanceof Error ? err.message : String(err)}`;
    }
    try {
      if (report) {
        this.recordReport(report);
        return { stored: true, command: null };
      }
      if (!sms) {
        const raw = this.store.commands.recordSms(this.line, { sender: 'undecodable', sentAt: null, text: '', pdu });
        if (raw) this.store.commands.drop(raw.id, dropReason);
        this.log.warn({ index, reason: dropReason }, 'stored PDU kept raw and dropped');
        return { stored: true, command: null };
      }
      if (sms.concat && sms.concat.total > 1) {
        const { ref, total, seq } = sms.concat;
        const whole = this.store.parts.add({ line: this.line, sender: sms.sender, ref, total, seq, text: sms.text, sentAt: sms.timestamp });
        this.log.debug({ index, ref, seq, total, complete: whole !== null }, 'SMS part stored');
        return { stored: true, command: whole };
      }
      // Decoded, the PDU is not kept: it holds the text in full (a password, a code).
      const row = this.store.commands.recordSms(this.line, { sender: sms.sender, sentAt: sms.timestamp, text: sms.text, pdu: null });
      if (!row) this.log.info({ index, sender: sms.sender }, 'duplicate SMS ignored');
      return { stored: true, command: row };
    } catch (err) {
      this.log.error({ index, err: err instanceof Error ? err.message : String(err) }, 'could not commit an SMS: it stays on the SIM');
      return { stored: false, command: null };
    }
  }

  /**
   * A status report says what became of one of our replies: kept with that reply. One that matches
   * no reply sent in the last week is kept in the message log as what it is — a status report on the
   * number it names — and never run as a command.
   */
  private recordReport(report: SmsStatusReport): void {
    const update = this.store.outbox.recordDelivery(report, this.countryCode);
    if (update) {
      this.log.info({ outbox: update.outboxId, reference: report.reference, delivery: update.delivery, status: report.status }, 'status report recorded with its reply');
      this.onDelivery(update);
      return;
    }
    const recipient = canonicalNumber(report.recipient, this.countryCode);
    const text = `Status report: ${report.statusText}, message reference ${report.reference}`;
    const row = this.store.commands.recordSms(this.line, { sender: recipient, sentAt: report.discharged, text, pdu: null, reference: report.reference });
    if (row) this.store.commands.drop(row.id, 'a status report that matches no reply sent: kept, not a command', 'status-report');
    this.log.warn({ reference: report.reference, delivery: report.delivery }, 'status report for no reply of ours: kept in the log, not run');
  }
}
