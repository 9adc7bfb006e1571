package dev.distillery.ingest.service;

import java.util.UUID;

/** The caller named a run that does not exist (404). */
public class RunNotFoundException extends RuntimeException {
  public RunNotFoundException(UUID runId) {
    super("run " + runId + " does not exist");
  }
}
