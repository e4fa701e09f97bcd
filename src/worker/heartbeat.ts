/** How often the playground worker says it is alive, and how long the page waits before it gives up. */

/** Interval of the worker's heartbeat message. */
export const HEARTBEAT_MS = 1000;

/**
 * Silence after which a worker with calls in flight counts as dead. Long: a worker is silent while
 * one synchronous piece of work runs (a training step, an encoding pass), and the size guard keeps
 * those to seconds; a closed worker stays silent forever.
 */
export const SILENT_BUSY_MS = 20_000;

/** Silence after which a new call first checks the worker answers at all (an idle worker beats every second). */
export const SILENT_IDLE_MS = 3 * HEARTBEAT_MS;

/** How long that check waits for a sign of life. */
export const PROBE_MS = 2 * HEARTBEAT_MS + 500;
