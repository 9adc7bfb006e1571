package dev.distillery.generation.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider answered with an error status, or could not be reached in time.
 *
 * @see TransientFailure which of them are worth another attempt
 */
public class ProviderException extends RuntimeException {
  /** Status for failures with no HTTP status: the connection failed or the answer did not come in time. */
  public static final int NO_STATUS = 0;

  private final int status;
  private final transient Optional<Duration> retryAfter;
  private final boolean timeout;

  public ProviderException(int status, Optional<Duration> retryAfter, String message) {
    this(status, retryAfter, false, message, null);
  }

  ProviderException(int status, Optional<Duration> retryAfter, boolean timeout, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAfter = retryAfter;
    this.timeout = timeout;
  }

  static ProviderException timeout(String message) {
    return new ProviderException(NO_STATUS, Optional.empty(), true, message, null);
  }

  static ProviderException unreachable(String message, Throwable cause) {
    return new ProviderException(NO_STATUS, Optional.empty(), false, message, cause);
  }

  public int status() {
    return status;
  }

  /** How long the provider asked us to wait ({@code Retry-After}, {@code retry-after-ms}). */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  public boolean isTimeout() {
    return timeout;
  }

  /** 429 or 503: the provider is telling us to slow down. */
  public boolean isOverload() {
    return status == 429 || status == 503;
  }
}
