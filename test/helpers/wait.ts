/** Polls until `check` returns a truthy value (and returns it), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The messages a simulated phone has received, once there are at least `count`. */
export function messagesOn<T>(read: () => T[], count = 1, timeoutMs = 10_000): Promise<T[]> {
  return waitFor(() => {
    const messages = read();
    return messages.length >= count ? messages : null;
  }, timeoutMs, `${count} message(s) on the phone`);
}
