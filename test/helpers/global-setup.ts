import { killLeftovers } from './leftovers.js';

/**
 * After the whole run: any process a test started and nobody stopped is killed here, and named, so
 * a test that leaks shows up instead of leaving simulators running under PID 1.
 */
export default function setup(): () => void {
  return () => {
    const run = process.env.GSMKEEPER_TEST_RUN;
    if (!run) return;
    const killed = killLeftovers(run);
    if (killed.length) {
      process.stderr.write(`test teardown: killed ${killed.length} process(es) the tests left running:\n${killed.map((p) => `  ${p.pid} ${p.command}`).join('\n')}\n`);
    }
  };
}
