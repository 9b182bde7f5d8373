import os from 'node:os';

/** A topic level the box writes or reads its own names from: no wildcard, no separator, nothing odd. */
export const LEVEL_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** Line names that would collide with the box's own topics. */
const RESERVED_LINES = new Set(['cmd', 'res', 'errors', 'status']);

/** The box's lines that can have topics of their own: a topic level each, none named like the box's own topics. */
export const usableLines = (lines: string[]): string[] => lines.filter((line) => LEVEL_RE.test(line) && !RESERVED_LINES.has(line));

/** What Home Assistant publishes when it starts (its birth message), by default. */
export const HA_BIRTH_PAYLOAD = 'online';

/** The entities Home Assistant drives, each on a command topic of its own under the line. */
export const HA_COMMANDS = ['check-balance', 'top-up', 'restart-modem', 'recharge', 'send-sms'] as const;
export type HaCommand = (typeof HA_COMMANDS)[number];

/** The events a line publishes (non-retained), each on `<line>/event/<type>`. */
export const EVENT_TYPES = ['sms-received', 'recharge', 'alert', 'balance'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A host name made into a box id: what a topic level and Home Assistant's ids take. */
export function boxIdFromHostname(hostname: string): string {
  const id = hostname.split('.')[0]!.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return id || 'gsmkeeper';
}

/** The box's name on the broker: `mqtt.boxId`, else its host name. */
export const boxIdOf = (config: { boxId: string | null }): string => config.boxId ?? boxIdFromHostname(os.hostname());

/**
 * The topic layout of one box:
 *
 *   <base>/<box>/status                 online | offline (retained; offline is the will)
 *   <base>/<box>/<line>/state           the line as JSON (retained)
 *   <base>/<box>/<line>/event/<type>    sms-received, recharge, alert, balance
 *   <base>/<box>/cmd                    commands: {"id", "text"} or {"id", "action", "args"}
 *   <base>/<box>/res/<id>               answers (or the MQTT 5 response topic)
 *   <base>/<box>/errors                 answers to payloads without a usable id
 *   <base>/<box>/<line>/ha/<command>    what Home Assistant's buttons, text and notify entities send
 */
export class BoxTopics {
  constructor(readonly base: string, readonly box: string) {
    if (!LEVEL_RE.test(box)) throw new Error(`box id "${box}" must be 1–64 letters, digits, _ or -`);
  }

  get prefix(): string {
    return `${this.base}/${this.box}`;
  }

  get status(): string {
    return `${this.prefix}/status`;
  }

  get commands(): string {
    return `${this.prefix}/cmd`;
  }

  get errors(): string {
    return `${this.prefix}/errors`;
  }

  /** Where answers may go: the default `res/<id>`, or a response topic of the caller's below it. */
  get answers(): string {
    return `${this.prefix}/res/`;
  }

  answer(id: string): string {
    return `${this.answers}${id}`;
  }

  state(line: string): string {
    return `${this.prefix}/${line}/state`;
  }

  event(line: string, type: EventType): string {
    return `${this.prefix}/${line}/event/${type}`;
  }

  ha(line: string, command: HaCommand): string {
    return `${this.prefix}/${line}/ha/${command}`;
  }

  /** Every line's Home Assistant command topics, in one subscription. */
  get haCommands(): string {
    return `${this.prefix}/+/ha/+`;
  }

  /** The line and command of a Home Assistant command topic, or null for any other topic. */
  parseHa(topic: string): { line: string; command: HaCommand } | null {
    if (!topic.startsWith(`${this.prefix}/`)) return null;
    const [line, ha, command, ...rest] = topic.slice(this.prefix.length + 1).split('/');
    if (rest.length || ha !== 'ha' || !line || !LEVEL_RE.test(line)) return null;
    return (HA_COMMANDS as readonly string[]).includes(command ?? '') ? { line, command: command as HaCommand } : null;
  }
}

/** The fleet's topics as an operator reads them: every box's status and every line's state. */
export class FleetTopics {
  constructor(readonly base: string) {}

  get statuses(): string {
    return `${this.base}/+/status`;
  }

  get states(): string {
    return `${this.base}/+/+/state`;
  }

  box(box: string): BoxTopics {
    return new BoxTopics(this.base, box);
  }

  /** Which box (and line) a status or state topic is about. */
  parse(topic: string): { box: string; line: string | null; kind: 'status' | 'state' } | null {
    if (!topic.startsWith(`${this.base}/`)) return null;
    const levels = topic.slice(this.base.length + 1).split('/');
    if (levels.length === 2 && levels[1] === 'status' && LEVEL_RE.test(levels[0]!)) return { box: levels[0]!, line: null, kind: 'status' };
    if (levels.length === 3 && levels[2] === 'state' && LEVEL_RE.test(levels[0]!) && LEVEL_RE.test(levels[1]!)) return { box: levels[0]!, line: levels[1]!, kind: 'state' };
    return null;
  }
}
