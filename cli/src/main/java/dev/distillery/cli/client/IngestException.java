package dev.distillery.cli.client;

/** The ingest-service refused a request or could not be reached; the message says which and why. */
public final class IngestException extends RuntimeException {
  private final int status;

  public IngestException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status of the answer, 0 when there was none. */
  public int status() {
    return status;
  }
}
