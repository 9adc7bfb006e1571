package dev.distillery.cli.stack;

/** The local stack could not start or stop; the message names the part and where its log is. */
public final class StackException extends RuntimeException {

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
