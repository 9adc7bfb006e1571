package dev.distillery.cli;

/** A run started but did not end with a dataset (timeout, or no paper accepted). */
final class RunFailedException extends RuntimeException {

  RunFailedException(String message) {
    super(message);
  }
}
