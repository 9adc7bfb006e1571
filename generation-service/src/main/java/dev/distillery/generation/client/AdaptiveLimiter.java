package dev.distillery.generation.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What one model may be sent right now: a requests-per-minute and a tokens-per-minute bucket, and a cap on
 * requests in flight that adapts (AIMD). The cap starts at {@code max-in-flight}, halves when the provider
 * says it is overloaded (429 or 503) and grows back by one per round of successful requests. A
 * {@code Retry-After} stops every new request to the model until it has passed, not just the retry of the one
 * that got it.
 *
 * <p>A burst of 429s from one round of requests halves the cap once: only an overload reported for a request
 * sent after the last decrease lowers it again. Blocking; thread-safe.
 */
public final class AdaptiveLimiter {
  private final int max;
  private final Bucket requests;
  private final Bucket tokens;
  private double limit;
  private int inFlight;
  private long pausedUntil = System.nanoTime();
  private long lastDecrease = System.nanoTime();

  /**
   * @param maxInFlight the highest the cap goes
   * @param rpm requests per minute, 0 for no limit
   * @param tpm tokens per minute, 0 for no limit
   */
  public AdaptiveLimiter(int maxInFlight, int rpm, int tpm) {
    this.max = maxInFlight;
    this.limit = maxInFlight;
    this.requests = rpm > 0 ? new Bucket(rpm) : null;
    this.tokens = tpm > 0 ? new Bucket(tpm) : null;
  }

  /**
   * Waits until a request of about this many tokens may be sent, and counts it in flight. Call
   * {@link #release()} when it is over, whatever its outcome.
   *
   * @return when the request was let through, to pass to {@link #overloaded}
   */
  public synchronized long acquire(int estimatedTokens) throws InterruptedException {
    // A request larger than the whole minute's budget still goes, once the bucket is full.
    int cost = tokens == null ? 0 : Math.min(Math.max(estimatedTokens, 0), tokens.capacity);
    while (true) {
      long now = System.nanoTime();
      long wait;
      if (now - pausedUntil < 0) {
        wait = pausedUntil - now;
      } else if (inFlight >= limit()) {
        wait = -1;
      } else {
        wait = Math.max(requests == null ? 0 : requests.nanosUntil(1, now), tokens == null ? 0 : tokens.nanosUntil(cost, now));
        if (wait == 0) {
          if (requests != null) {
            requests.take(1);
          }
          if (tokens != null) {
            tokens.take(cost);
          }
          inFlight++;
          return now;
        }
      }
      if (wait < 0) {
        wait();
      } else {
        TimeUnit.NANOSECONDS.timedWait(this, wait);
      }
    }
  }

  public synchronized void release() {
    inFlight--;
    notifyAll();
  }

  /** The request went through: the cap grows by one for every cap's worth of them. */
  public synchronized void succeeded() {
    if (limit < max) {
      limit = Math.min(max, limit + 1.0 / limit());
      notifyAll();
    }
  }

  /**
   * The provider said 429 or 503 to a request let through at {@code acquiredAt}.
   *
   * @param retryAfter how long the provider asked us to wait, if it said
   */
  public synchronized void overloaded(long acquiredAt, Duration retryAfter) {
    long now = System.nanoTime();
    if (acquiredAt - lastDecrease >= 0) {
      limit = Math.max(1, limit / 2);
      lastDecrease = now;
    }
    if (retryAfter != null && !retryAfter.isZero() && !retryAfter.isNegative()) {
      pauseUntil(now + retryAfter.toNanos());
    }
  }

  /** Sends nothing new for a while (the provider's circuit breaker is open). */
  public synchronized void pause(Duration pause) {
    pauseUntil(System.nanoTime() + pause.toNanos());
  }

  /** Corrects the token bucket once the provider reported what a request really used. */
  public synchronized void usedTokens(int estimated, int actual) {
    if (tokens != null) {
      tokens.take(actual - Math.min(Math.max(estimated, 0), tokens.capacity));
    }
  }

  /** The cap now; the fractions additive increase adds up to are rounded so that 1/3 + 1/3 + 1/3 makes one. */
  public synchronized int limit() {
    return (int) (limit + 1e-9);
  }

  public synchronized int inFlight() {
    return inFlight;
  }

  private void pauseUntil(long until) {
    if (until - pausedUntil > 0) {
      pausedUntil = until;
    }
  }

  /** Refills continuously at capacity per minute; may go below zero when a request used more than estimated. */
  private static final class Bucket {
    private final int capacity;
    private final double perNano;
    private double available;
    private long refilledAt = System.nanoTime();

    Bucket(int perMinute) {
      this.capacity = perMinute;
      this.perNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
      this.available = perMinute;
    }

    long nanosUntil(int amount, long now) {
      available = Math.min(capacity, available + (now - refilledAt) * perNano);
      refilledAt = now;
      return available >= amount ? 0 : (long) Math.ceil((amount - available) / perNano);
    }

    void take(int amount) {
      available -= amount;
    }
  }
}
