package dev.distillery.ingest.client;

/**
 * The export-service's view of one run.
 *
 * @param status {@code COLLECTING} or {@code EXPORTED}
 * @param location where the dataset was written, once exported
 */
public record ExportProgress(
    String status, long received, long exported, long trainExamples, long validationExamples, String location) {

  public boolean isExported() {
    return "EXPORTED".equals(status);
  }
}
