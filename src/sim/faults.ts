/**
 * Ways the simulated modem can misbehave, switched on and off at any moment (tests, and
 * `gsmkeeper simulate --fault` for people). Each mirrors a failure seen in the field
 * (reference/domain.md B8, peers.md).
 */
export type FaultName =
  | 'hang'
  | 'late'
  | 'garbage'
  | 'urc-storm'
  | 'cusd-before-ok'
  | 'slow-prompt'
  | 'sim-removed'
  | 'network-lost'
  | 'delete-fails'
  | 'reports-held';

export const FAULT_NAMES: FaultName[] = ['hang', 'late', 'garbage', 'urc-storm', 'cusd-before-ok', 'slow-prompt', 'sim-removed', 'network-lost', 'delete-fails', 'reports-held'];

export interface FaultTiming {
  /** 'late': how long every answer is held back. */
  lateMs: number;
  /** 'slow-prompt': how long the `> ` prompt takes. */
  promptMs: number;
}

export class Faults {
  private readonly active = new Set<FaultName>();
  timing: FaultTiming = { lateMs: 1500, promptMs: 800 };

  has(name: FaultName): boolean {
    return this.active.has(name);
  }

  set(name: FaultName, on: boolean): void {
    if (on) this.active.add(name);
    else this.active.delete(name);
  }

  list(): FaultName[] {
    return [...this.active];
  }

  clear(name?: FaultName): void {
    if (name) this.active.delete(name);
    else this.active.clear();
  }
}
