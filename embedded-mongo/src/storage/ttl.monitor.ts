// Periodic TTL sweep: removes what the index layer reports as expired, emitting delete change events.
import type { Engine } from './storage.engine';

export class TtlMonitor {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly intervalMs: number,
    private readonly warn: (m: string) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  sweep(now = new Date()): number {
    let removed = 0;
    for (const colls of this.engine.dbs.values()) {
      for (const c of colls.values()) {
        let expired: string[];
        try {
          expired = c.indexes.expired(now);
        } catch (e) {
          this.warn(`TTL sweep on ${c.ns}: ${(e as Error).message}`);
          continue;
        }
        for (const rid of expired) {
          const cur = c.docs.get(rid);
          if (!cur) continue;
          try {
            this.engine.write(c, rid, null, 'delete', cur.doc, {});
            removed++;
          } catch (e) {
            // Never let a sweep take the server down; the next sweep retries.
            this.warn(`TTL sweep on ${c.ns}: ${(e as Error).message}`);
          }
        }
      }
    }
    if (removed) void this.engine.flush().catch((e) => this.warn(`TTL journal flush failed: ${(e as Error).message}`));
    return removed;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
