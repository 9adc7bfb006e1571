package dev.distillery.generation.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Everything between a prompt and one model, layered from the outside in: the provider's {@link Guard} (bounded
 * retries with exponential back-off and jitter around a circuit breaker per provider), then this model's
 * {@link AdaptiveLimiter} (RPM, TPM, requests in flight), then one HTTP attempt with its timeout. The limiter is
 * inside the retry so that every attempt waits its turn; the timeout is inside the limiter so that waiting for
 * a turn never counts against it. While the breaker is open, prompts wait (up to a bound) instead of failing:
 * a short outage delays a run rather than turning its backlog into failed samples. Thread-safe.
 */
public final class ModelEndpoint {
  private final ModelSpec spec;
  private final OpenAiCompatibleClient client;
  private final AdaptiveLimiter limiter;
  private final Guard guard;
  private final MeterRegistry registry;
  private final Duration circuitOpenMaxWait;
  private final Duration circuitOpenPoll;

  public ModelEndpoint(
      ModelSpec spec, OpenAiCompatibleClient client, AdaptiveLimiter limiter, Guard guard, MeterRegistry registry,
      Duration circuitOpenMaxWait, Duration circuitOpenPoll) {
    this.spec = spec;
    this.client = client;
    this.limiter = limiter;
    this.guard = guard;
    this.registry = registry;
    this.circuitOpenMaxWait = circuitOpenMaxWait;
    this.circuitOpenPoll = circuitOpenPoll;
    registry.gauge("distillery.generation.in.flight", Tags.of("model", spec.key()), limiter,
        AdaptiveLimiter::inFlight);
    registry.gauge("distillery.generation.concurrency.limit", Tags.of("model", spec.key()),
        limiter, AdaptiveLimiter::limit);
  }

  public ModelSpec spec() {
    return spec;
  }

  public AdaptiveLimiter limiter() {
    return limiter;
  }

  /**
   * @throws ProviderException when the last attempt failed, or the breaker stayed open too long
   */
  public ChatCompletion complete(ChatRequest request) {
    long deadline = System.nanoTime() + circuitOpenMaxWait.toNanos();
    while (true) {
      try {
        return guard.call(() -> attempt(request), ChatCompletion.class);
      } catch (CircuitBreakerOpenException e) {
        if (System.nanoTime() - deadline > 0) {
          throw new ProviderException(
              503, Optional.empty(),
              spec.key() + ": provider " + spec.provider() + " kept failing; its circuit breaker stayed open for "
                  + circuitOpenMaxWait.toSeconds() + " s");
        }
        limiter.pause(circuitOpenPoll);
        sleep(circuitOpenPoll);
      } catch (ProviderException e) {
        throw e;
      } catch (RuntimeException e) {
        throw ProviderException.unreachable(spec.key() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ProviderException.unreachable(spec.key() + ": interrupted", e);
      } catch (Exception e) {
        throw ProviderException.unreachable(spec.key() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
      }
    }
  }

  private ChatCompletion attempt(ChatRequest request) throws InterruptedException {
    int estimated = request.estimatedPromptTokens() + request.maxTokens();
    long acquiredAt = limiter.acquire(estimated);
    AtomicBoolean released = new AtomicBoolean();
    Runnable release = () -> {
      if (released.compareAndSet(false, true)) {
        limiter.release();
      }
    };
    Timer.Sample latency = Timer.start(registry);
    String outcome = "unreachable";
    try {
      ChatCompletion completion = client.complete(request, release);
      outcome = "success";
      limiter.succeeded();
      limiter.usedTokens(estimated, completion.promptTokens() + completion.completionTokens());
      registry.counter("distillery.generation.tokens", "model", spec.key(), "direction", "input")
          .increment(completion.promptTokens());
      registry.counter("distillery.generation.tokens", "model", spec.key(), "direction", "output")
          .increment(completion.completionTokens());
      registry.counter("distillery.generation.cost.usd", "model", spec.key())
          .increment(spec.cost(completion.promptTokens(), completion.completionTokens()));
      return completion;
    } catch (ProviderException e) {
      outcome = outcome(e);
      if (e.isOverload()) {
        limiter.overloaded(acquiredAt, e.retryAfter().orElse(null));
      }
      throw e;
    } finally {
      release.run();
      latency.stop(
          Timer.builder("distillery.generation.latency")
              .description("Time of one model request, from being let through to its answer")
              .tag("model", spec.key())
              .tag("outcome", outcome)
              .publishPercentileHistogram()
              .register(registry));
      registry.counter("distillery.generation.requests", "model", spec.key(), "outcome", outcome).increment();
    }
  }

  private static String outcome(ProviderException e) {
    if (e.isOverload()) {
      return "rate_limited";
    }
    if (e.isTimeout()) {
      return "timeout";
    }
    if (e.status() == ProviderException.NO_STATUS) {
      return "unreachable";
    }
    return e.status() >= 500 ? "server_error" : "rejected";
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProviderException.unreachable("interrupted while the circuit breaker was open", e);
    }
  }
}
