import { ok, type AtContext, type Reply } from './at-context.js';
import { tpduLength, type SimStorage } from './storage.js';

/**
 * The commands on stored messages: AT+CPMS picks the memory ("SM", or "SR" where the profile has
 * one), AT+CMGL/CMGR/CMGD list, read and delete in it.
 */
export class StorageCommands {
  constructor(
    private readonly context: AtContext,
    private readonly storage: SimStorage,
    private readonly reportStorage: SimStorage,
    /** Told when a delete made room on the SIM, so messages the network held can come in. */
    private readonly freed: () => void,
  ) {}

  /** The memory AT+CMGR/CMGL/CMGD work on. */
  private get readStorage(): SimStorage {
    return this.context.settings.readMemory === 'SR' ? this.reportStorage : this.storage;
  }

  /** AT+CPMS, AT+CMGL, AT+CMGR and AT+CMGD; undefined for any other command. */
  command(upper: string): Reply | undefined {
    const { profile, faults } = this.context;
    if (upper === '+CPMS=?') return ok(profile.cpmsSupport ?? (profile.reportMemory === 'SR' ? '+CPMS: ("SM","ME","SR"),("SM","ME"),("SM","ME")' : '+CPMS: ("SM","ME"),("SM","ME"),("SM","ME")'));
    if (upper.startsWith('+CPMS=') || upper === '+CPMS?') return this.cpms(upper);
    let m: RegExpExecArray | null;
    if ((m = /^\+CMGL=(\d)$/.exec(upper))) return this.list(Number(m[1]));
    if ((m = /^\+CMGR=(\d+)$/.exec(upper))) return this.read(Number(m[1]));
    if (faults.has('delete-fails') && upper.startsWith('+CMGD=')) return this.context.cmsError(320);
    if ((m = /^\+CMGD=(\d+)(?:,(\d))?$/.exec(upper))) {
      const before = this.storage.used;
      this.readStorage.delete(Number(m[1]), m[2] === undefined ? 0 : Number(m[2]));
      if (this.storage.used < before) setImmediate(this.freed);
      return ok();
    }
    return undefined;
  }

  /**
   * AT+CPMS="<mem1>"[,…] selects the memory reads work on ("SM", or "SR" where the profile has it;
   * "ME" is the SIM's here) and answers with its counts; AT+CPMS? names it.
   */
  private cpms(upper: string): Reply {
    const { settings, profile } = this.context;
    const wanted = /^\+CPMS="([A-Z]{2})"/.exec(upper)?.[1];
    if (wanted === 'SR' && profile.reportMemory !== 'SR') return this.context.cmsError(302);
    if (wanted) settings.readMemory = wanted === 'SR' ? 'SR' : 'SM';
    const read = this.readStorage;
    const [u, c, su, sc] = [read.used, read.capacity, this.storage.used, this.storage.capacity];
    return upper === '+CPMS?' ? ok(`+CPMS: "${settings.readMemory}",${u},${c},"SM",${su},${sc},"SM",${su},${sc}`) : ok(`+CPMS: ${u},${c},${su},${sc},${su},${sc}`);
  }

  private list(stat: number): Reply {
    const lines: string[] = [];
    for (const msg of this.readStorage.list(stat)) lines.push(`+CMGL: ${msg.index},${msg.status},,${tpduLength(msg.pdu)}`, msg.pdu);
    return ok(...lines);
  }

  private read(index: number): Reply {
    const msg = this.readStorage.get(index);
    if (!msg) return this.context.cmsError(321);
    const status = msg.status;
    this.readStorage.markRead([msg]);
    return ok(`+CMGR: ${status},,${tpduLength(msg.pdu)}`, msg.pdu);
  }
}
