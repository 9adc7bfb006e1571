package dev.distillery.ingest;

/** Where a run stands in the ingest-service: open for papers, or closed with a final paper list. */
public enum RunStatus {
  OPEN,
  CLOSED
}
