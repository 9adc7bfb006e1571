package dev.distillery.ingest.service;

/** The run exists but its state does not allow the request (409): closed for papers, or closed without any. */
public class RunConflictException extends RuntimeException {
  public RunConflictException(String message) {
    super(message);
  }
}
