/**
 * The MQTT bridge's and the fleet console's settings: one block of the config, the bridge's own
 * (their defaults and their schema, merged into the config's by schema.ts).
 */

/** Topic levels the box writes: letters, digits, _ and -, so no wildcard or separator slips in. */
const TOPIC_LEVEL = '[A-Za-z0-9_-]{1,64}';

export interface MqttConfig {
  /** mqtt://HOST:1883 or mqtts://HOST:8883; null leaves the bridge off (its client is not even loaded). */
  url: string | null;
  username: string | null;
  password: string | null;
  /** TLS: a CA to trust instead of the system's, and a client certificate with its key (PEM files). */
  ca: string | null;
  cert: string | null;
  key: string | null;
  /** The first level(s) of every topic: `<baseTopic>/<boxId>/…`. */
  baseTopic: string;
  /** The box's name on the broker (and its client id); null: the host name. */
  boxId: string | null;
  /** Home Assistant discovery: one device per line, retained, sent again on its birth message. */
  discovery: boolean;
  discoveryPrefix: string;
  /** Text commands carry the SMS password; false when the broker's ACL is the authority. */
  commandPassword: boolean;
  /** How long the broker keeps the box's session, and the commands waiting in it, while the box is away (MQTT 5). */
  sessionExpirySeconds: number;
  /** Publications kept while the broker is away; beyond it the oldest events go first (state, answers and discovery are kept). */
  queueLimit: number;
}

export interface FleetConfig {
  /** The web panel shows every box on the broker, with a recharge button per line. */
  console: boolean;
}

export const DEFAULT_MQTT_CONFIG: { mqtt: MqttConfig; fleet: FleetConfig } = {
  mqtt: {
    url: null,
    username: null,
    password: null,
    ca: null,
    cert: null,
    key: null,
    baseTopic: 'gsmkeeper',
    boxId: null,
    discovery: true,
    discoveryPrefix: 'homeassistant',
    commandPassword: true,
    sessionExpirySeconds: 7 * 86_400,
    queueLimit: 10_000,
  },
  fleet: { console: false },
};

export const mqttConfigSchema = {
  mqtt: {
    type: 'object',
    additionalProperties: false,
    properties: {
      url: { type: ['string', 'null'], pattern: '^mqtts?://[^\\s/]+(:[0-9]{1,5})?/?$' },
      username: { type: ['string', 'null'], minLength: 1, maxLength: 256 },
      password: { type: ['string', 'null'], maxLength: 256 },
      ca: { type: ['string', 'null'], minLength: 1 },
      cert: { type: ['string', 'null'], minLength: 1 },
      key: { type: ['string', 'null'], minLength: 1 },
      baseTopic: { type: 'string', pattern: `^${TOPIC_LEVEL}(/${TOPIC_LEVEL}){0,3}$` },
      boxId: { type: ['string', 'null'], pattern: `^${TOPIC_LEVEL}$` },
      discovery: { type: 'boolean' },
      discoveryPrefix: { type: 'string', pattern: `^${TOPIC_LEVEL}(/${TOPIC_LEVEL}){0,3}$` },
      commandPassword: { type: 'boolean' },
      sessionExpirySeconds: { type: 'integer', minimum: 60, maximum: 4_294_967_295 },
      queueLimit: { type: 'integer', minimum: 100, maximum: 1_000_000 },
    },
  },
  fleet: { type: 'object', additionalProperties: false, properties: { console: { type: 'boolean' } } },
} as const;
