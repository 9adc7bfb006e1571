package dev.distillery.contracts;

/**
 * An event that can never be processed: not JSON, not valid against its schema, or of the wrong type.
 * Consumers send it to the dead-letter topic with this message as the reason.
 */
public class InvalidEventException extends RuntimeException {
  public InvalidEventException(String message) {
    super(message);
  }

  public InvalidEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
