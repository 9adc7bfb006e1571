package dev.distillery.generation.client;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * The failures worth another attempt: rate limits, server errors, timeouts and connections that failed.
 * Anything else (a bad key, an unknown model, a rejected request) fails the same way every time, and
 * retrying it would only spend money.
 */
public final class TransientFailure implements Predicate<Throwable> {

  @Override
  public boolean test(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof NonRetriableException) {
        return false;
      }
      if (cause instanceof HttpException http) {
        int status = http.statusCode();
        return status == 408 || status == 429 || status >= 500;
      }
      if (cause instanceof RetriableException
          || cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
          || cause instanceof java.util.concurrent.TimeoutException
          || cause instanceof IOException
          || cause instanceof ProcessingException) {
        return true;
      }
    }
    return false;
  }
}
