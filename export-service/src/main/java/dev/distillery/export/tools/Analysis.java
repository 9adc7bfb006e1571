package dev.distillery.export.tools;

import java.util.List;
import java.util.Map;

/**
 * What a dataset holds: counts by split, task type, source and origin, and distributions of tokens, lengths and
 * scores.
 *
 * @param tokens tokens per example, cl100k_base (OpenAI's data-prep counting)
 * @param instructionChars characters of the first user turn
 * @param outputChars characters of the last assistant turn
 * @param leftOut examples the dataset's formats left out, per format
 */
public record Analysis(
    String datasetId,
    String runId,
    int examples,
    Map<String, Integer> splits,
    Map<String, Integer> taskTypes,
    Map<String, Integer> sources,
    Map<String, Integer> origins,
    int multiTurn,
    Distribution tokens,
    Distribution instructionChars,
    Distribution outputChars,
    Distribution scores,
    Map<String, Integer> leftOut,
    List<String> warnings) {

  /**
   * @param histogram counts per bucket, labelled by the bucket's upper bound ({@code ≤ 256}); empty for scores
   */
  public record Distribution(
      int count, double min, double p25, double median, double p75, double p90, double p99, double max, double mean,
      Map<String, Integer> histogram) {}
}
