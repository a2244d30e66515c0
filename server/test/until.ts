/**
 * Waits until `check` holds, polling every `everyMs`, or fails naming what did not happen. For the
 * few tests that watch a real server, database or socket; a test of the device's own logic drives
 * fake timers instead.
 */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 8000,
  everyMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
