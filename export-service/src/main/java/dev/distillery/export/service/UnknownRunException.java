package dev.distillery.export.service;

/** A run whose run.closed has not arrived: its papers and export settings are unknown. */
public class UnknownRunException extends RuntimeException {
  public UnknownRunException(String runId) {
    super("run " + runId + " is unknown: its run.closed has not arrived");
  }
}
