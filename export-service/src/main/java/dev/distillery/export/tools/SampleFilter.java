package dev.distillery.export.tools;

import dev.distillery.contracts.SampleOrigin;
import dev.distillery.contracts.TaskType;
import dev.distillery.export.dataset.DatasetSample;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which examples a filter keeps; every bound is optional (null or empty set for none) and all given ones must hold.
 *
 * @param minTokens tokens per example counted as {@link Analysis#tokens()} does
 * @param sources source file names (or paper ids for papers that came without a file)
 */
public record SampleFilter(
    Double minScore,
    Double maxScore,
    Integer minTokens,
    Integer maxTokens,
    Integer minOutputChars,
    Integer maxOutputChars,
    Set<TaskType> taskTypes,
    Set<String> sources,
    Set<SampleOrigin> origins) {

  public SampleFilter {
    taskTypes = taskTypes == null ? Set.of() : Set.copyOf(taskTypes);
    sources = sources == null ? Set.of() : Set.copyOf(sources);
    origins = origins == null ? Set.of() : Set.copyOf(origins);
    if (minScore != null && maxScore != null && minScore > maxScore) {
      throw new IllegalArgumentException("minScore " + minScore + " is above maxScore " + maxScore);
    }
    if (minTokens != null && maxTokens != null && minTokens > maxTokens) {
      throw new IllegalArgumentException("minTokens " + minTokens + " is above maxTokens " + maxTokens);
    }
  }

  boolean keeps(DatasetSample sample, int tokens) {
    String output = DatasetTools.lastAssistant(sample);
    return (minScore == null || sample.score() >= minScore)
        && (maxScore == null || sample.score() <= maxScore)
        && (minTokens == null || tokens >= minTokens)
        && (maxTokens == null || tokens <= maxTokens)
        && (minOutputChars == null || output.length() >= minOutputChars)
        && (maxOutputChars == null || output.length() <= maxOutputChars)
        && (taskTypes.isEmpty() || taskTypes.contains(sample.taskType()))
        && (sources.isEmpty() || sources.contains(sample.sourceKey()) || sources.contains(sample.paperId()))
        && (origins.isEmpty() || origins.contains(sample.origin()));
  }

  /** For the derived dataset's manifest. */
  String describe() {
    StringBuilder text = new StringBuilder();
    append(text, "minScore", minScore);
    append(text, "maxScore", maxScore);
    append(text, "minTokens", minTokens);
    append(text, "maxTokens", maxTokens);
    append(text, "minOutputChars", minOutputChars);
    append(text, "maxOutputChars", maxOutputChars);
    append(text, "taskTypes", taskTypes.isEmpty() ? null : new TreeSet<>(taskTypes));
    append(text, "sources", sources.isEmpty() ? null : new TreeSet<>(sources));
    append(text, "origins", origins.isEmpty() ? null : new TreeSet<>(origins));
    return text.length() == 0 ? "no bounds" : text.toString();
  }

  private static void append(StringBuilder text, String name, Object value) {
    if (value != null) {
      text.append(text.length() == 0 ? "" : ", ").append(name).append('=').append(value);
    }
  }
}
