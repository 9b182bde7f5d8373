/**
 * Where a command comes from: one concept for every channel, so a new one (MQTT) is a row here,
 * not a literal added to a union in several files. The store keeps a command's channel as its name;
 * what differs between channels is read from its traits.
 */
export interface ChannelTraits {
  /**
   * The transport proved who is asking (the HTTP token, the broker's credentials): such a caller may
   * configure without being in the Config group, and a wrong password is answered plainly.
   */
  authenticated: boolean;
  /**
   * The answer goes back to the caller on the channel itself (the HTTP response, the MQTT reply
   * topic); an SMS carries it only when `PH` asks. Otherwise the reply is an SMS to the sender.
   */
  answersInResponse: boolean;
  /** Where an answer in the response goes, for people ("the HTTP response"). */
  responseWords: string;
}

export const CHANNELS = {
  sms: { authenticated: false, answersInResponse: false, responseWords: 'an SMS' },
  http: { authenticated: true, answersInResponse: true, responseWords: 'the HTTP response' },
  mqtt: { authenticated: true, answersInResponse: true, responseWords: 'the MQTT reply' },
} as const satisfies Record<string, ChannelTraits>;

export type Channel = keyof typeof CHANNELS;

export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];

export function isChannel(value: string): value is Channel {
  return Object.hasOwn(CHANNELS, value);
}

/** A channel whose callers are not phones: their sender is `<channel>:<who>` (`http:10.0.0.7`). */
export type RequestChannel = Exclude<Channel, 'sms'>;

/** The sender name of a caller on a request channel, or null for a phone number. */
export function requestChannelOf(sender: string): RequestChannel | null {
  const colon = sender.indexOf(':');
  const name = colon > 0 ? sender.slice(0, colon) : '';
  return isChannel(name) && name !== 'sms' ? name : null;
}
