/**
 * localStorage for the learner's progress, made safe to fail: reads and writes report errors
 * instead of throwing (a blocked or full storage must not break the page), and a record the page
 * cannot read is kept aside under its own key, never overwritten by the next save.
 */

/** The stored text of `key`; null when absent or when storage cannot be read. */
export function readStored(key: string): { text: string | null; error: string | null } {
  try {
    return { text: localStorage.getItem(key), error: null };
  } catch (e) {
    return { text: null, error: `Saved progress cannot be read in this browser (${message(e)}).` };
  }
}

/** Writes `text`; returns why it failed, or null. */
export function writeStored(key: string, text: string): string | null {
  try {
    localStorage.setItem(key, text);
    return null;
  } catch (e) {
    return `Progress could not be saved in this browser (${message(e)}); export the report to keep it.`;
  }
}

/** Removes `key`; storage that cannot be written has nothing to remove. */
export function removeStored(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing stored to remove.
  }
}

/**
 * Keeps an unreadable record under `<key>.unreadable` (a record already kept there stays: the
 * first damage is the one worth recovering), so the next save cannot destroy it.
 * @returns the key the record is kept under, or null if it could not be kept.
 */
export function keepAside(key: string, text: string): string | null {
  const aside = `${key}.unreadable`;
  try {
    if (localStorage.getItem(aside) === null) localStorage.setItem(aside, text);
    return aside;
  } catch {
    return null;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
