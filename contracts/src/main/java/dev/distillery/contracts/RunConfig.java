package dev.distillery.contracts;

import java.util.List;

/**
 * What a user asked of a run. Travels with the events so that every stage can act on it without
 * asking the ingest-service.
 *
 * @param taskTypes instruction types to plan per segment, cycled when samplesPerSegment exceeds them
 * @param samplesPerSegment prompts planned per segment
 * @param exportFormats files written when the run is exported
 * @param validationShare share of papers (0..0.5) held out as the validation split
 * @param requestTraining whether export also publishes training.requested
 */
public record RunConfig(
    List<TaskType> taskTypes,
    int samplesPerSegment,
    List<ExportFormat> exportFormats,
    double validationShare,
    boolean requestTraining) {

  public static final int MAX_SAMPLES_PER_SEGMENT = 50;

  public RunConfig {
    taskTypes = taskTypes == null || taskTypes.isEmpty() ? List.of(TaskType.values()) : List.copyOf(taskTypes);
    if (samplesPerSegment <= 0) {
      samplesPerSegment = taskTypes.size();
    }
    if (samplesPerSegment > MAX_SAMPLES_PER_SEGMENT) {
      throw new IllegalArgumentException(
          "samplesPerSegment must be at most " + MAX_SAMPLES_PER_SEGMENT + ", was " + samplesPerSegment);
    }
    exportFormats =
        exportFormats == null || exportFormats.isEmpty() ? List.of(ExportFormat.values()) : List.copyOf(exportFormats);
    if (validationShare < 0 || validationShare > 0.5 || Double.isNaN(validationShare)) {
      throw new IllegalArgumentException("validationShare must be between 0 and 0.5, was " + validationShare);
    }
  }

  /** The defaults: the four instruction types once per segment, both formats, 10% validation, no training. */
  public static RunConfig defaults() {
    return new RunConfig(null, 0, null, 0.1, false);
  }
}
