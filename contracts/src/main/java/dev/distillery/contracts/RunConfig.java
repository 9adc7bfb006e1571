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
 * @param mode create, identify or hybrid (see {@link GenerationMode})
 * @param targetPerPaper in hybrid mode, the samples wanted per paper, mined ones included; 0 for no target
 * @param generation model, teacher–student, budget and language choices; defaults when absent
 */
public record RunConfig(
    List<TaskType> taskTypes,
    int samplesPerSegment,
    List<ExportFormat> exportFormats,
    double validationShare,
    boolean requestTraining,
    GenerationMode mode,
    int targetPerPaper,
    GenerationSettings generation) {

  public static final int MAX_SAMPLES_PER_SEGMENT = 50;
  public static final int MAX_TARGET_PER_PAPER = 10_000;

  public RunConfig {
    taskTypes = taskTypes == null || taskTypes.isEmpty() ? TaskType.DEFAULTS : List.copyOf(taskTypes);
    if (samplesPerSegment <= 0) {
      samplesPerSegment = taskTypes.size();
    }
    if (samplesPerSegment > MAX_SAMPLES_PER_SEGMENT) {
      throw new IllegalArgumentException(
          "samplesPerSegment must be at most " + MAX_SAMPLES_PER_SEGMENT + ", was " + samplesPerSegment);
    }
    exportFormats =
        exportFormats == null || exportFormats.isEmpty() ? ExportFormat.DEFAULTS : List.copyOf(exportFormats);
    if (validationShare < 0 || validationShare > 0.5 || Double.isNaN(validationShare)) {
      throw new IllegalArgumentException("validationShare must be between 0 and 0.5, was " + validationShare);
    }
    mode = mode == null ? GenerationMode.HYBRID : mode;
    generation = generation == null ? GenerationSettings.defaults() : generation;
    if (targetPerPaper < 0 || targetPerPaper > MAX_TARGET_PER_PAPER) {
      throw new IllegalArgumentException(
          "targetPerPaper must be between 0 and " + MAX_TARGET_PER_PAPER + ", was " + targetPerPaper);
    }
  }

  /** A run in the default (hybrid, no target) mode. */
  public RunConfig(
      List<TaskType> taskTypes, int samplesPerSegment, List<ExportFormat> exportFormats, double validationShare,
      boolean requestTraining) {
    this(taskTypes, samplesPerSegment, exportFormats, validationShare, requestTraining, null, 0, null);
  }

  /**
   * The defaults: the four instruction types once per segment, OpenAI chat and Alpaca, 10% validation, no training,
   * hybrid mode (Q&amp;A found in a document is kept, and every segment is generated from).
   */
  public static RunConfig defaults() {
    return new RunConfig(null, 0, null, 0.1, false);
  }
}
