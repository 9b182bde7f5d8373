import { DEFAULT_MQTT_CONFIG, mqttConfigSchema, type FleetConfig, type MqttConfig } from './mqtt-schema.js';

/** The carriers the built-in simulator can play. */
export const SIMULATED_CARRIERS = ['vivacom', 'a1', 'yettel'] as const;

/** One line as the config file gives it: a modem and its SIM. Unset keys come from `modem:`. */
export interface LineInput {
  /** How commands and the API name it: lower case, e.g. main, a1, backup. */
  name: string;
  /** Serial device or tcp://HOST:PORT; null (or absent): a simulated modem of its own. */
  port?: string | null;
  baud?: number;
  ussdEncoding?: 'text' | 'packed' | 'ucs2';
  /** The SIM's own number (MSISDN), as destinations may name it; else what the modem says (AT+CNUM). */
  number?: string | null;
  notes?: string | null;
  /** Facts of this SIM's carrier confirmed by the installer (see `carrier`). */
  carrier?: { rechargeUssd?: string | null; codeLengths?: number[] | null };
  /** This SIM's balance USSD, in place of its carrier profile's. */
  balanceUssd?: string | null;
  resetHook?: { command: string; args: string[]; timeoutSeconds: number } | null;
  /** Country calling code for national numbers (0888… → +359888…); default: the SIM's country. */
  countryCode?: string | null;
  /** The currency of figures this carrier prints without one; default: its profile's. */
  currency?: string | null;
  /** For a line with no port: which carrier the simulated network plays. */
  simulator?: { carrier: (typeof SIMULATED_CARRIERS)[number] };
}

export interface Config {
  /** The box's lines; null: one line named `main`, from `modem:` (and `carrier:`, `credit.balanceUssd`). */
  lines: LineInput[] | null;
  routing: {
    /** The line a request goes to when it names none (an HTTP command, the recharge API's `self`); null: the only line, if there is one. */
    defaultLine: string | null;
  };
  modem: {
    /** Serial device (prefer /dev/serial/by-id/…) or tcp://HOST:PORT; null runs the built-in simulator. */
    port: string | null;
    baud: number;
    /** How the modem wants USSD requests: text, packed GSM 7-bit hex (Huawei E1xx), or UCS2 hex. */
    ussdEncoding: 'text' | 'packed' | 'ucs2';
    /** A keep-alive AT (and SIM/network check) this often; the serial close event is not trusted alone. */
    keepAliveSeconds: number;
    /** How long to wait for the port to reappear (USB re-enumeration) when reopening it. */
    reopenWaitSeconds: number;
    /** How long the modem takes to come back after AT+CFUN=1,1. */
    restartWaitSeconds: number;
    /** Last rung before exiting: a program that resets the modem (GPIO, USB hub port), run without a shell. */
    resetHook: { command: string; args: string[]; timeoutSeconds: number } | null;
    /** Where the UUCP lock file of a serial port goes (LCK..ttyUSB0), as minicom and cu look for it. */
    lockDir: string;
  };
  http: {
    /** HOST:PORT of the relay API; an empty string turns it off. */
    listen: string;
    /** Bearer token; null → GSMKEEPER_TOKEN, else generated once into the data dir. */
    token: string | null;
    /** Connections open at once, in all and from one address (a reverse proxy is one address). */
    maxConnections: number;
    maxConnectionsPerClient: number;
    /** GET /metrics without the token (for a Prometheus on a trusted network). */
    metricsPublic: boolean;
    /** Serve the embeddable recharge form at /recharge (no token: coupons and wallet cards only, rate-limited). */
    rechargeForm: boolean;
    /** Who may frame the form (CSP frame-ancestors): `*`, `'self'`, or https origins. */
    rechargeFormAncestors: string[];
  };
  dataDir: string;
  /** The SMS command password (the seed device's default is 123456). */
  password: string;
  credit: {
    enabled: boolean;
    /** Alert the Notify group when the balance falls below this (in the SIM's currency); null: never. */
    lowBalance: number | null;
    /** Alert the Notify group this many days before the SIM's validity ends; null: never. */
    validityDays: number | null;
    /** When to check the balance (cron, box's timezone). */
    checkSchedule: string;
    /** A random delay of up to this many minutes is added to each check. */
    checkJitterMinutes: number;
    /** Balance USSD for this SIM, in place of its carrier profile's (read before each recharge and to settle unknown outcomes). */
    balanceUssd: string | null;
    /** When the balance is low or the validity ending, dial the next card in the voucher wallet (at most one a day). */
    autoTopUp: boolean;
  };
  security: {
    /** Wrong or missing passwords from one sender within the window before it is ignored. */
    maxWrongPasswords: number;
    windowMinutes: number;
    lockoutMinutes: number;
    /** Only numbers in the Command and Config groups may run commands by SMS. */
    restrictToGroups: boolean;
    /** Only Config group numbers may change settings by SMS (while that group has members). */
    configGroupOnly: boolean;
  };
  sms: {
    /** Outgoing SMS per day; beyond it only the Notify group gets messages. */
    dailyCap: number;
    /** Replies per hour to a number in no group (PH cannot turn the box into an SMS cannon). */
    nonGroupRepliesPerHour: number;
    /** How long the parts of a long SMS are waited for before it is handed on with gaps marked. */
    multipartTimeoutSeconds: number;
    /** An SMS that is not a command (no `*`) is forwarded to the Notify group, at most `perHour` an hour per line. */
    forward: { enabled: boolean; perHour: number };
    /**
     * Replies ask the network for a status report, so their fate can become "delivered" (or failed with
     * the network's reason). Some carriers charge for reports or do not send them; without them the
     * fate stays "sent" and nothing else changes.
     */
    deliveryReports: boolean;
  };
  /** Phone groups to start with (numbers added by SMS are kept in the database). */
  groups: { config: string[]; command: string[]; notify: string[] };
  /**
   * The recharge dialogue: a number of the phone groups rings a line, the box hangs up and texts the
   * balance; the reply with a coupon (and PIN) recharges the line. Off by default (DIALOGUE ON|OFF).
   */
  dialogue: {
    enabled: boolean;
    /** How long a caller's session waits for the coupon. */
    sessionSeconds: number;
    /** Sessions open at once (one per caller). */
    maxSessions: number;
  };
  language: 'en' | 'bg';
  /** Bulgarian replies: Latin transliteration (GSM 7-bit, 160 chars) or Cyrillic (UCS2, 70 chars). */
  bulgarianScript: 'latin' | 'cyrillic';
  /** IANA timezone for schedules; null uses the system's. */
  timezone: string | null;
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  outbox: {
    /** Resend replies whose fate a crash made uncertain (default: never send a reply twice). */
    atLeastOnce: boolean;
    maxAttempts: number;
  };
  housekeeping: {
    /** Finished messages and commands older than this are deleted (recharges and balances are kept). */
    keepDays: number;
  };
  /** Extra folder of carrier profiles, overriding the built-in ones by id. */
  carriersDir: string | null;
  /** Facts of the SIM's carrier confirmed by the installer, in place of the profile's (null: the profile's). */
  carrier: {
    /** Recharge USSD template with {code}, e.g. "*100*{code}#". */
    rechargeUssd: string | null;
    /** Voucher code lengths this carrier takes, e.g. [14, 15]. */
    codeLengths: number[] | null;
  };
  simulator: {
    /** Seconds-scale realism for people trying the simulator; tests set it near zero. */
    ussdDelayMs: number;
  };
  mqtt: MqttConfig;
  fleet: FleetConfig;
}

export const DEFAULT_CONFIG: Config = {
  lines: null,
  routing: { defaultLine: null },
  modem: { port: null, baud: 115200, ussdEncoding: 'text', keepAliveSeconds: 60, reopenWaitSeconds: 30, restartWaitSeconds: 20, resetHook: null, lockDir: '/var/lock' },
  http: { listen: '127.0.0.1:8080', token: null, maxConnections: 128, maxConnectionsPerClient: 32, metricsPublic: false, rechargeForm: false, rechargeFormAncestors: ['*'] },
  dataDir: './data',
  password: '123456',
  credit: { enabled: true, lowBalance: 2, validityDays: 7, checkSchedule: '0 9 * * *', checkJitterMinutes: 10, balanceUssd: null, autoTopUp: true },
  security: { maxWrongPasswords: 5, windowMinutes: 60, lockoutMinutes: 60, restrictToGroups: false, configGroupOnly: true },
  sms: { dailyCap: 50, nonGroupRepliesPerHour: 10, multipartTimeoutSeconds: 600, forward: { enabled: false, perHour: 10 }, deliveryReports: true },
  groups: { config: [], command: [], notify: [] },
  dialogue: { enabled: false, sessionSeconds: 300, maxSessions: 12 },
  language: 'en',
  bulgarianScript: 'latin',
  timezone: null,
  log: { level: 'info' },
  outbox: { atLeastOnce: false, maxAttempts: 8 },
  housekeeping: { keepDays: 365 },
  carriersDir: null,
  carrier: { rechargeUssd: null, codeLengths: null },
  simulator: { ussdDelayMs: 1200 },
  ...DEFAULT_MQTT_CONFIG,
};

const RESET_HOOK = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['command'],
  properties: {
    command: { type: 'string', minLength: 1 },
    args: { type: 'array', items: { type: 'string' } },
    timeoutSeconds: { type: 'integer', minimum: 1, maximum: 600 },
  },
} as const;

const BAUD = { enum: [9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600] } as const;
const USSD_ENCODING = { enum: ['text', 'packed', 'ucs2'] } as const;
const BALANCE_USSD = { type: ['string', 'null'], pattern: '^[0-9*#]+$' } as const;
const CARRIER_FACTS = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rechargeUssd: { type: ['string', 'null'], pattern: '^[0-9*#]*\\{code\\}[0-9*#]*$' },
    codeLengths: { type: ['array', 'null'], minItems: 1, items: { type: 'integer', minimum: 5, maximum: 30 } },
  },
} as const;
/** Line names: short, lower case, so an SMS can name one in any case. */
export const LINE_NAME = '^[a-z][a-z0-9-]{0,19}$';

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    lines: {
      type: ['array', 'null'],
      minItems: 1,
      maxItems: 16,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string', pattern: LINE_NAME },
          port: { type: ['string', 'null'], minLength: 1 },
          baud: BAUD,
          ussdEncoding: USSD_ENCODING,
          number: { type: ['string', 'null'], pattern: '^\\+?[0-9]{3,20}$' },
          notes: { type: ['string', 'null'], maxLength: 200 },
          carrier: CARRIER_FACTS,
          balanceUssd: BALANCE_USSD,
          resetHook: RESET_HOOK,
          countryCode: { type: ['string', 'null'], pattern: '^[1-9][0-9]{0,3}$' },
          currency: { type: ['string', 'null'], pattern: '^[A-Z]{3}$' },
          simulator: { type: 'object', additionalProperties: false, required: ['carrier'], properties: { carrier: { enum: [...SIMULATED_CARRIERS] } } },
        },
      },
    },
    routing: {
      type: 'object',
      additionalProperties: false,
      properties: { defaultLine: { type: ['string', 'null'], pattern: LINE_NAME } },
    },
    modem: {
      type: 'object',
      additionalProperties: false,
      properties: {
        port: { type: ['string', 'null'], minLength: 1 },
        baud: BAUD,
        ussdEncoding: USSD_ENCODING,
        keepAliveSeconds: { type: 'integer', minimum: 5, maximum: 3600 },
        reopenWaitSeconds: { type: 'integer', minimum: 1, maximum: 600 },
        restartWaitSeconds: { type: 'integer', minimum: 1, maximum: 600 },
        resetHook: RESET_HOOK,
        lockDir: { type: 'string', minLength: 1 },
      },
    },
    http: {
      type: 'object',
      additionalProperties: false,
      properties: {
        listen: { type: 'string', pattern: '^$|^(\\[[^\\]]+\\]|[^:]+):\\d{1,5}$' },
        token: { type: ['string', 'null'], minLength: 16 },
        maxConnections: { type: 'integer', minimum: 1, maximum: 10000 },
        maxConnectionsPerClient: { type: 'integer', minimum: 1, maximum: 10000 },
        metricsPublic: { type: 'boolean' },
        rechargeForm: { type: 'boolean' },
        rechargeFormAncestors: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', pattern: "^(\\*|'self'|'none'|https?://[A-Za-z0-9.*-]+(:[0-9]{1,5})?)$" } },
      },
    },
    dataDir: { type: 'string', minLength: 1 },
    password: { type: 'string', pattern: '^[0-9]{6}$' },
    credit: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        lowBalance: { type: ['number', 'null'], minimum: 0, maximum: 10000 },
        validityDays: { type: ['integer', 'null'], minimum: 0, maximum: 365 },
        checkSchedule: { type: 'string', minLength: 9 },
        checkJitterMinutes: { type: 'integer', minimum: 0, maximum: 120 },
        balanceUssd: BALANCE_USSD,
        autoTopUp: { type: 'boolean' },
      },
    },
    security: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxWrongPasswords: { type: 'integer', minimum: 1, maximum: 1000 },
        windowMinutes: { type: 'integer', minimum: 1 },
        lockoutMinutes: { type: 'integer', minimum: 1 },
        restrictToGroups: { type: 'boolean' },
        configGroupOnly: { type: 'boolean' },
      },
    },
    sms: {
      type: 'object',
      additionalProperties: false,
      properties: {
        dailyCap: { type: 'integer', minimum: 1 },
        nonGroupRepliesPerHour: { type: 'integer', minimum: 0 },
        multipartTimeoutSeconds: { type: 'integer', minimum: 10, maximum: 86400 },
        forward: {
          type: 'object',
          additionalProperties: false,
          properties: { enabled: { type: 'boolean' }, perHour: { type: 'integer', minimum: 1, maximum: 1000 } },
        },
        deliveryReports: { type: 'boolean' },
      },
    },
    groups: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        ['config', 'command', 'notify'].map((g) => [g, { type: 'array', maxItems: 4, items: { type: 'string', pattern: '^\\+?[0-9]{10,30}$' } }]),
      ),
    },
    dialogue: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        sessionSeconds: { type: 'integer', minimum: 30, maximum: 3600 },
        maxSessions: { type: 'integer', minimum: 1, maximum: 100 },
      },
    },
    language: { enum: ['en', 'bg'] },
    bulgarianScript: { enum: ['latin', 'cyrillic'] },
    timezone: { type: ['string', 'null'] },
    log: { type: 'object', additionalProperties: false, properties: { level: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] } } },
    outbox: {
      type: 'object',
      additionalProperties: false,
      properties: { atLeastOnce: { type: 'boolean' }, maxAttempts: { type: 'integer', minimum: 1, maximum: 100 } },
    },
    housekeeping: { type: 'object', additionalProperties: false, properties: { keepDays: { type: 'integer', minimum: 1 } } },
    carriersDir: { type: ['string', 'null'] },
    carrier: CARRIER_FACTS,
    simulator: { type: 'object', additionalProperties: false, properties: { ussdDelayMs: { type: 'integer', minimum: 0, maximum: 60000 } } },
    ...mqttConfigSchema,
  },
} as const;

