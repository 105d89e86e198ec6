/** A per-key limit: in process (RateLimiter) or shared by replicas (RedisRateLimiter). */
export interface Limiter {
  /** Count a hit; false when the key is over its limit. */
  take(key: string): boolean | Promise<boolean>;
}

/** Sliding-window limit per key (a Telegram user, a WeChat openid). */
export class RateLimiter implements Limiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly perWindow: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Count a hit; false when the key is over its limit (the hit is then not counted). */
  take(key: string): boolean {
    const t = this.now();
    const recent = (this.hits.get(key) ?? []).filter((x) => t - x < this.windowMs);
    if (recent.length >= this.perWindow) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(t);
    this.hits.set(key, recent);
    if (this.hits.size > 50_000)
      for (const [k, v] of this.hits) if (!v.some((x) => t - x < this.windowMs)) this.hits.delete(k);
    return true;
  }
}
