package dev.distillery.export;

/** An accepted sample, with what a dataset file needs of it and what orders it. */
public record ExportSample(
    String sampleId, String paperId, String segmentId, String instruction, String input, String output) {

  /** Fine-tuning formats need both sides of the exchange; an accepted sample without them cannot be exported. */
  public boolean exportable() {
    return instruction != null && !instruction.isBlank() && output != null && !output.isBlank();
  }
}
