import { chromium, type Browser } from 'playwright-core';
import { childEnv, requireTool } from './processes.js';

/**
 * Debian's Chromium, headless, as the web panel's tests drive it (`.ci/run` installs it; without it
 * the test fails with the one line that says how to get it). No downloaded browser is used.
 */
export async function launchChromium(): Promise<Browser> {
  requireTool('chromium', 'to drive the web panel in a real browser');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    // With the run's id, so the run's teardown finds a browser a failed test left open.
    env: childEnv(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
