package dev.distillery.generation.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdaptiveLimiterTest {

  @Test
  void aBurstOf429sFromOneRoundHalvesTheLimitOnceAndSuccessesGrowItBack() throws InterruptedException {
    AdaptiveLimiter limiter = new AdaptiveLimiter(16, 0, 0);
    long[] round = new long[8];
    for (int i = 0; i < round.length; i++) {
      round[i] = limiter.acquire(0);
    }
    for (long acquiredAt : round) {
      limiter.overloaded(acquiredAt, null);
      limiter.release();
    }
    assertThat(limiter.limit()).as("eight 429s of one round").isEqualTo(8);

    limiter.overloaded(limiter.acquire(0), null);
    limiter.release();
    assertThat(limiter.limit()).as("a 429 of a request sent after the decrease").isEqualTo(4);

    for (int i = 0; i < 4 + 5 + 6 + 7; i++) {
      limiter.acquire(0);
      limiter.succeeded();
      limiter.release();
    }
    assertThat(limiter.limit()).as("one more per round of successes").isEqualTo(8);
  }

  @Test
  void neverLetsMoreThanTheLimitThrough() throws Exception {
    AdaptiveLimiter limiter = new AdaptiveLimiter(2, 0, 0);
    limiter.acquire(0);
    limiter.acquire(0);

    CompletableFuture<Long> third = CompletableFuture.supplyAsync(() -> acquire(limiter));

    assertThat(limiter.inFlight()).isEqualTo(2);
    assertThat(third).isNotDone();
    limiter.release();
    await().atMost(Duration.ofSeconds(5)).until(third::isDone);
    assertThat(limiter.inFlight()).isEqualTo(2);
  }

  @Test
  void retryAfterHoldsBackEveryNewRequestUntilItHasPassed() throws InterruptedException {
    AdaptiveLimiter limiter = new AdaptiveLimiter(8, 0, 0);
    long acquiredAt = limiter.acquire(0);
    limiter.overloaded(acquiredAt, Duration.ofMillis(300));
    limiter.release();

    long before = System.nanoTime();
    limiter.acquire(0);

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isGreaterThanOrEqualTo(290);
  }

  @Test
  void theRequestsPerMinuteBudgetSpacesRequestsOnceItIsSpent() throws InterruptedException {
    AdaptiveLimiter limiter = new AdaptiveLimiter(100, 600, 0);
    for (int i = 0; i < 600; i++) {
      limiter.acquire(0);
      limiter.release();
    }

    long before = System.nanoTime();
    limiter.acquire(0);

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).as("600 a minute: one per 100 ms").isBetween(60L, 400L);
  }

  private static long acquire(AdaptiveLimiter limiter) {
    try {
      return limiter.acquire(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
