package dev.distillery.generation.client;

import java.util.function.Predicate;

/**
 * The failures worth another attempt: rate limits, server errors, timeouts and connections that failed.
 * Anything else (a bad key, an unknown model, a rejected request) fails the same way every time, and
 * retrying it would only spend money. The circuit breaker counts only these, too: a request the provider
 * rejects says nothing about the provider's health.
 */
public final class TransientFailure implements Predicate<Throwable> {

  @Override
  public boolean test(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ProviderException provider) {
        int status = provider.status();
        return status == ProviderException.NO_STATUS || status == 408 || status == 409 || status == 429
            || status >= 500;
      }
    }
    return false;
  }
}
