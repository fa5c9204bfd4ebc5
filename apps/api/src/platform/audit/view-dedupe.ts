/**
 * One `person.read` per reading of a file, not per API call of the page: the web client sends one
 * correlation id per page view (`x-parcours-view`), and the calls of a view share the first call's
 * trace. Later calls wait for that trace, so none answers before the read is durably audited; a
 * failed write is forgotten so the next call writes it again.
 *
 * In-process: with several API instances, a view spread over them gives at most one row per
 * instance. Entries live long enough for a page's calls and its refreshes, bounded in number.
 */
export class ViewDedupe {
  private readonly entries = new Map<string, { at: number; done: Promise<void> }>();

  constructor(
    private readonly ttlMs = 30 * 60_000,
    private readonly maxEntries = 50_000,
  ) {}

  once(key: string, write: () => Promise<void>): Promise<void> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.done;
    const done = write().catch((err: unknown) => {
      if (this.entries.get(key)?.done === done) this.entries.delete(key);
      throw err;
    });
    this.entries.delete(key);
    this.entries.set(key, { at: now, done });
    // Oldest first (insertion order): drop the expired, and the oldest beyond the bound.
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.maxEntries && now - v.at < this.ttlMs) break;
      this.entries.delete(k);
    }
    return done;
  }
}

/** A page-view id as the web client makes it: letters, digits and dashes, 8 to 64 of them. */
export function viewIdOf(header: unknown): string | undefined {
  return typeof header === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(header) ? header : undefined;
}
