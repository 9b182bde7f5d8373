import { decodeDeliver } from '../codec/sms-deliver.js';
import type { Logger } from '../log/logger.js';
import type { Modem } from '../modem/modem.js';
import type { CommandRow } from '../store/commands.js';
import type { Store } from '../store/store.js';
import { SerialLock } from '../util/serial-lock.js';

/**
 * Moves SMS from the modem into the store: read, commit (WAL, synchronous), only then delete from
 * the SIM. A PDU that does not decode is still committed raw and its command dropped with the
 * reason, so nothing is lost and nothing crashes.
 */
export class Intake {
  private readonly lock = new SerialLock();
  private readonly log: Logger;

  constructor(private readonly modem: Modem, private readonly store: Store, logger: Logger, private readonly onCommand: (row: CommandRow) => void) {
    this.log = logger.child({ channel: 'intake' });
    modem.on('sms-stored', ({ index }) => void this.readOne(index));
  }

  /** Start-up (and after every re-init): everything stored while we were away. */
  scan(): Promise<number> {
    return this.lock.run(async () => {
      const messages = await this.modem.listMessages();
      for (const message of messages) await this.take(message.index, message.pdu);
      return messages.length;
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
    let row: CommandRow | null;
    try {
      const sms = decodeDeliver(pdu);
      row = this.store.commands.recordSms({ sender: sms.sender, sentAt: sms.timestamp, text: sms.text, pdu });
      if (!row) this.log.info({ index, sender: sms.sender }, 'duplicate SMS ignored');
    } catch (err) {
      row = this.store.commands.recordSms({ sender: 'undecodable', sentAt: null, text: '', pdu });
      if (row) this.store.commands.drop(row.id, `undecodable PDU: ${err instanceof Error ? err.message : String(err)}`);
      this.log.warn({ index, err: err instanceof Error ? err.message : String(err) }, 'undecodable SMS kept raw and dropped');
      row = null;
    }
    await this.modem.deleteMessage(index);
    if (row) this.onCommand(row);
  }
}
