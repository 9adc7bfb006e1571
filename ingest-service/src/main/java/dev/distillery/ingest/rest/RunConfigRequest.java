package dev.distillery.ingest.rest;

import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.GenerationMode;
import dev.distillery.contracts.GenerationSettings;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.TaskType;
import java.util.List;

/** A run's config as posted: every field optional, an absent one takes {@link RunConfig#defaults()}. */
public record RunConfigRequest(
    List<TaskType> taskTypes,
    Integer samplesPerSegment,
    List<ExportFormat> exportFormats,
    Double validationShare,
    Boolean requestTraining,
    GenerationMode mode,
    Integer targetPerPaper,
    GenerationSettings generation) {

  /** @throws IllegalArgumentException naming the field when a value is out of range */
  public RunConfig toRunConfig() {
    RunConfig defaults = RunConfig.defaults();
    if (samplesPerSegment != null && samplesPerSegment < 1) {
      throw new IllegalArgumentException(
          "invalid config: samplesPerSegment must be at least 1, was " + samplesPerSegment);
    }
    if (taskTypes != null && taskTypes.contains(null)) {
      throw new IllegalArgumentException("invalid config: taskTypes must not contain null");
    }
    if (exportFormats != null && exportFormats.contains(null)) {
      throw new IllegalArgumentException("invalid config: exportFormats must not contain null");
    }
    try {
      return new RunConfig(
          taskTypes, samplesPerSegment == null ? 0 : samplesPerSegment, exportFormats,
          validationShare == null ? defaults.validationShare() : validationShare,
          requestTraining == null ? defaults.requestTraining() : requestTraining,
          mode, targetPerPaper == null ? 0 : targetPerPaper, generation);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid config: " + e.getMessage(), e);
    }
  }
}
