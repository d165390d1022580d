// Polling helpers: every wait in the suite is bounded and event- or
// condition-driven, so a slow machine makes a test slower, never flaky.

/**
 * Calls `probe` until it returns a value other than undefined/false/null, or
 * throws after `timeout` ms with `what` and the last probe error in the message.
 */
export async function waitFor(what, probe, { timeout = 10_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false && value !== null) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const why = lastError ? `; last error: ${lastError.message ?? lastError}` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Throws with `message` when `condition` is falsy (a tiny assert with context). */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Resolves with `promise`, or rejects naming `what` after `ms`. */
export function withTimeout(what, promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
