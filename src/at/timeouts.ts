/**
 * Every AT timeout in one table (milliseconds). Values follow what modems need in practice
 * (reference/domain.md B1/B3): simple queries answer in well under a second; listing a full SIM
 * or sending an SMS over a busy network can take tens of seconds.
 */
export interface TimeoutTable {
  /** ATE0, AT+CMEE, AT+CSQ and other local queries. */
  basic: number;
  /** SIM file access: AT+CIMI, AT+CPIN?, AT+CCID, AT+CPMS. */
  sim: number;
  /** AT+CMGL / AT+CMGR / AT+CMGD over the whole storage. */
  storage: number;
  /** From AT+CMGS=<n> to the `>` prompt. */
  prompt: number;
  /** From the PDU's Ctrl-Z to `+CMGS: <mr>` and OK. */
  send: number;
  /** The OK of AT+CUSD (the answer itself is a URC with its own timeout above this layer). */
  ussdCommand: number;
  /** AT+COPS?, AT+CREG? (may touch the network stack). */
  network: number;
  /** AT+CFUN and other commands that restart parts of the modem. */
  restart: number;
}

export const DEFAULT_TIMEOUTS: TimeoutTable = {
  basic: 3_000,
  sim: 10_000,
  storage: 20_000,
  prompt: 5_000,
  send: 60_000,
  ussdCommand: 10_000,
  network: 15_000,
  restart: 30_000,
};

const CLASSES: Array<[RegExp, keyof TimeoutTable]> = [
  [/^AT\+CMGS=/i, 'send'],
  [/^AT\+CMG[LRD]=/i, 'storage'],
  [/^AT\+CUSD=/i, 'ussdCommand'],
  [/^AT\+(CIMI|CPIN|CCID|CICCID|QCCID|CPMS|CNUM)/i, 'sim'],
  [/^AT\^ICCID/i, 'sim'],
  [/^AT\+(COPS|CREG|CGREG|CEREG)/i, 'network'],
  [/^AT\+CFUN/i, 'restart'],
  // Hanging up a call is done by the network (SIM800: up to 20 s).
  [/^AT(\+CHUP|H)/i, 'network'],
];

export function timeoutClass(command: string): keyof TimeoutTable {
  for (const [re, cls] of CLASSES) if (re.test(command)) return cls;
  return 'basic';
}
