import type { SimControl } from './control.js';
import type { Simulator } from './simulator.js';
import { byCodeUnits } from '../util/order.js';

/**
 * Several simulated lines as one: each line's simulator is its own modem, SIM and carrier, and a
 * phone may text any of them. What a request names by `line` goes to that line's simulator; what
 * names none, to the first. A phone's inbox holds what every line sent it, oldest first.
 */
export class SimulatedLines implements SimControl {
  constructor(private readonly simulators: ReadonlyMap<string, Simulator>) {}

  private first(): Simulator {
    return this.simulators.values().next().value!;
  }

  /** One line's simulator, or undefined for a name the box has not. */
  forLine(name: string): Simulator | undefined {
    return this.simulators.get(name);
  }

  lines(): Array<{ line: string; carrier: string; imsi: string; msisdn: string }> {
    return [...this.simulators].map(([line, simulator]) => ({ line, ...simulator.sim }));
  }

  get carrier(): SimControl['carrier'] {
    return this.first().carrier;
  }

  sendSmsFromPhone(from: string, text: string): boolean {
    return this.first().sendSmsFromPhone(from, text);
  }

  callFromPhone(from: string, options: { withheld?: boolean } = {}): boolean {
    return this.first().callFromPhone(from, options);
  }

  calls(number?: string): ReturnType<Simulator['calls']> {
    return [...this.simulators.values()].flatMap((simulator) => simulator.calls(number)).sort((a, b) => byCodeUnits(a.at, b.at));
  }

  phoneMessages(number: string): ReturnType<Simulator['phoneMessages']> {
    return [...this.simulators.values()].flatMap((simulator) => simulator.phoneMessages(number)).sort((a, b) => byCodeUnits(a.at, b.at));
  }

  /** A phone switched off is off for every line's network. */
  setPhoneReachable(number: string, on: boolean): void {
    for (const simulator of this.simulators.values()) simulator.setPhoneReachable(number, on);
  }

  unusedVouchers(): ReturnType<Simulator['unusedVouchers']> {
    return this.first().unusedVouchers();
  }

  stats(): ReturnType<Simulator['stats']> {
    const all = [...this.simulators.values()].map((simulator) => simulator.stats());
    const sum = (field: keyof (typeof all)[number]) => all.reduce((n, stats) => n + stats[field], 0);
    return { commands: sum('commands'), bytesToModem: sum('bytesToModem'), bytesToDte: sum('bytesToDte'), storageUsed: sum('storageUsed'), queued: sum('queued'), delivered: sum('delivered'), reportsRequested: sum('reportsRequested') };
  }

  fault(name: string, on: boolean): boolean {
    return this.first().fault(name, on);
  }

  activeFaults(): string[] {
    return this.first().activeFaults();
  }

  close(): void {
    for (const simulator of this.simulators.values()) simulator.close();
  }
}
