/**
 * Per-user flood control (pure; the clock is injected). A user may send `limit` messages per
 * `windowMs`; the next one gets a single «slow down» notice, and everything after it is dropped
 * until a full window has passed since the notice. Other users are never affected.
 */

export type FloodVerdict = 'pass' | 'notice' | 'drop';

export interface FloodGate {
  check(userId: number): FloodVerdict;
  /** Users currently tracked (for tests and memory checks). */
  size(): number;
}

export interface FloodOptions {
  readonly limit: number;
  readonly windowMs: number;
  readonly now?: () => number;
  /** Forget idle users every this many checks (default 500). */
  readonly sweepEvery?: number;
}

interface UserState {
  hits: number[];
  blockedUntil: number;
}

export function createFloodGate(opts: FloodOptions): FloodGate {
  const now = opts.now ?? Date.now;
  const sweepEvery = opts.sweepEvery ?? 500;
  const users = new Map<number, UserState>();
  let checks = 0;

  function sweep(t: number): void {
    for (const [id, s] of users) {
      const last = s.hits[s.hits.length - 1] ?? 0;
      if (s.blockedUntil <= t && last <= t - opts.windowMs) users.delete(id);
    }
  }

  return {
    check(userId) {
      const t = now();
      if (++checks % sweepEvery === 0) sweep(t);
      let s = users.get(userId);
      if (!s) {
        s = { hits: [], blockedUntil: 0 };
        users.set(userId, s);
      }
      if (s.blockedUntil > t) return 'drop';
      const since = t - opts.windowMs;
      while (s.hits.length > 0 && (s.hits[0] ?? 0) <= since) s.hits.shift();
      if (s.hits.length < opts.limit) {
        s.hits.push(t);
        return 'pass';
      }
      s.hits = [];
      s.blockedUntil = t + opts.windowMs;
      return 'notice';
    },
    size: () => users.size,
  };
}
