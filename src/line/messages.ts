import type { CommandRow } from '../store/commands.js';
import type { OutboxRow } from '../store/outbox.js';
import { say, type Language, type NoticeText } from '../control/texts.js';
import { inReplyScript } from '../control/transliterate.js';
import { cutToOneSms } from '../codec/split.js';
import { eventTime } from '../events/box-events.js';
import type { Logger } from '../log/logger.js';
import type { CarrierSmsWaiters } from './carrier-sms.js';
import type { LineDeps } from './deps.js';
import type { Line } from './line.js';
import type { SendFate } from './outbox-pump.js';

export type LineMessagesDeps = Pick<LineDeps, 'store' | 'events' | 'settings' | 'box' | 'namedNotices' | 'dialogue' | 'onCommand'> & {
  name: string;
  log: Logger;
  carrierSms: CarrierSmsWaiters;
  countryCode(): string | null;
  /** Wakes the line's outbox pump. */
  kick(): void;
};

/**
 * A line's messages to and from people: where an SMS to the line goes (a carrier's answer, a
 * caller's coupon, the Notify group, the box's commands), and what the line sends and tells.
 */
export class LineMessages {
  constructor(private readonly deps: LineMessagesDeps) {}

  /** An SMS to this line: a carrier's answer a recharge waits for, else a command for the box. */
  received(line: Line, row: CommandRow): void {
    const { store, events } = this.deps;
    const text = store.commands.runnableText(row) ?? '';
    events.publish('sms-received', { line: this.deps.name, sender: row.sender, text: row.text, command: text.includes('*'), commandId: row.id, at: eventTime() });
    if (this.deps.carrierSms.offer(row.sender, text)) {
      store.commands.drop(row.id, 'carrier answer to a recharge');
      return;
    }
    // A caller's coupon in a recharge dialogue is answered there, neither forwarded nor run as a command.
    if (this.deps.dialogue?.offer(line, row, text)) return;
    if (!text.includes('*')) this.forward(row);
    this.deps.onCommand(row);
  }

  /**
   * An SMS that is not a command goes to the Notify group when the owner asked for it
   * (sms.forward), as kept (the password hidden, digit runs masked) and cut to one SMS, at most
   * `perHour` an hour on this line; the rest are only kept and told as events.
   */
  private forward(row: CommandRow): void {
    const { enabled, perHour } = this.deps.box.sms.forward;
    const { store } = this.deps;
    if (!enabled || store.groups.members('notify').length === 0) return;
    if (store.outbox.forwardedSince(this.deps.name, new Date(Date.now() - 3_600_000).toISOString()) >= perHour) {
      this.deps.log.info({ sender: row.sender }, 'SMS not forwarded: the hourly limit of forwards is reached');
      return;
    }
    const prefix = this.deps.namedNotices ? `${this.deps.name}: ` : '';
    this.notify((lang) => {
      const head = say(lang, `SMS from ${row.sender}: `, `SMS от ${row.sender}: `);
      // Cut as it will go out (the line's name, the reply script): one part, whatever the alphabet.
      return `${head}${cutToOneSms(row.text, (body) => inReplyScript(`${prefix}${head}${body}`, this.deps.settings.bulgarianScript))}`;
    }, { commandId: row.id, forwarded: true });
  }

  sendFate(row: OutboxRow, fate: SendFate): void {
    const about = { line: this.deps.name, outboxId: row.id, commandId: row.command_id, to: row.recipient, at: eventTime() };
    if (fate.kind === 'sent') this.deps.events.publish('reply-sent', { ...about, references: fate.references });
    else this.deps.events.publish('reply-failed', { ...about, fate: fate.kind, reason: fate.reason });
  }

  /** Queues an SMS on this line (a reply, a notice, a message asked for over the API) and sends it soon. */
  send(to: string, text: string, commandId: number | null = null): number {
    const id = this.deps.store.outbox.enqueue({ line: this.deps.name, recipient: to, text, countryCode: this.deps.countryCode(), commandId });
    this.deps.kick();
    return id;
  }

  /**
   * Tells the Notify group: each member in the language it chose (LANG), else the box's, in the
   * reply script's rule (Bulgarian transliterated unless Cyrillic was chosen); `about` is the SMS it
   * forwards, if it forwards one.
   */
  notify(text: NoticeText, about: { commandId: number; forwarded: true } | null = null): void {
    const { settings, store } = this.deps;
    const worded = new Map<Language, string>();
    const inLanguage = (lang: Language): string => {
      if (!worded.has(lang)) worded.set(lang, inReplyScript(this.deps.namedNotices ? `${this.deps.name}: ${text(lang)}` : text(lang), settings.bulgarianScript));
      return worded.get(lang)!;
    };
    for (const number of store.groups.members('notify')) {
      store.outbox.enqueue({ line: this.deps.name, recipient: number, text: inLanguage(settings.languageOf(number)), countryCode: this.deps.countryCode(), ...about });
    }
    this.deps.kick();
    // A forwarded SMS is told as the SMS it is ('sms-received'); the box's own notices are alerts, in the box's language.
    if (!about) this.deps.events.publish('notice', { line: this.deps.name, text: inLanguage(settings.language), at: eventTime() });
  }
}
