/**
 * Where a line stands, and telling the box's listeners (the panel, MQTT) of it: an up line's state
 * follows its supervisor, and 'line-state' goes out only when the state or its problems changed, so
 * the supervisor's step events and repeated settings of one state are not told twice.
 */
import { eventTime, type BoxEvents, type LineState } from '../events/box-events.js';
import type { Supervisor } from '../supervisor/supervisor.js';

/** Whether a line in this state has its modem up (it may still lack a network). */
export function upState(state: LineState): boolean {
  return state === 'ready' || state === 'degraded' || state === 'recovering';
}

/** An up line's state as its supervisor sees it: recovering off the healthy rung, degraded while something is missing, else ready. */
export function supervisedState(state: LineState, supervisor: Pick<Supervisor, 'step' | 'degraded'> | undefined): LineState {
  if (!supervisor || !upState(state)) return state;
  return supervisor.step !== 'healthy' ? 'recovering' : supervisor.degraded.length ? 'degraded' : 'ready';
}

/** Tells a line's state to the listeners when it differs from what was told last. */
export class StatePublisher {
  private last = '';

  constructor(private readonly events: BoxEvents, private readonly line: string) {}

  publish(state: LineState, problems: string[], carrier: string | null, retryAt: string | null): void {
    const key = `${state}|${problems.join(',')}`;
    if (key === this.last) return;
    this.last = key;
    this.events.publish('line-state', { line: this.line, state, problems, carrier, retryAt, at: eventTime() });
  }
}
