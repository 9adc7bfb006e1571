package dev.distillery.quality.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distillery.contracts.Verdict;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judges a user's dataset record by record, stores nothing: the rules, the score, and exact and near duplicates
 * within the dataset (the first occurrence wins). Not thread-safe: one per dataset.
 */
public final class DatasetCheck {
  private final SampleRules rules;
  private final NearDupIndex duplicates;
  private final Map<String, Integer> rejectionsByReason = new TreeMap<>();
  private int checked;
  private int accepted;

  /**
   * One record's verdict.
   *
   * @param position 1-based line (file) or array index + 1 (request)
   * @param duplicateOf position of the first record this one duplicates, null otherwise
   */
  public record Result(int position, Verdict verdict, double score, Map<String, Double> scores, List<String> reasons,
      Integer duplicateOf) {}

  /** Counts over everything checked so far. */
  public record Summary(int checked, int accepted, int rejected, double passRate, Map<String, Integer> rejectionsByReason) {}

  public DatasetCheck(SampleRules rules, MinHash minHash, double nearThreshold) {
    this.rules = rules;
    this.duplicates = new NearDupIndex(minHash, nearThreshold);
  }

  /** Judges the record at {@code position}, or says why it is no record. */
  public Result check(int position, JsonNode record) {
    Candidate candidate;
    try {
      candidate = DatasetRecord.read(Integer.toString(position), record);
    } catch (IllegalArgumentException e) {
      return count(new Result(position, Verdict.REJECTED, 0.0, Map.of(),
          List.of(Reason.MALFORMED_JSON.because("record " + position + ": " + e.getMessage())), null));
    }
    Assessment assessment = rules.assess(candidate);
    if (!assessment.accepted()) {
      return count(new Result(position, assessment.verdict(), assessment.score(), assessment.scores(),
          assessment.reasons(), null));
    }
    NearDupIndex.Keys keys = duplicates.keys(candidate.dedupText());
    NearDupIndex.Match match = duplicates.find(candidate.id(), keys);
    if (match != null) {
      String detail = match.reason() == Reason.DUPLICATE
          ? "same text as record " + match.duplicateOf()
          : String.format(Locale.ROOT, "%.0f%% similar to record %s", match.similarity() * 100,
              match.duplicateOf());
      return count(new Result(position, Verdict.REJECTED, assessment.score(), assessment.scores(),
          List.of(match.reason().because(detail)), Integer.valueOf(match.duplicateOf())));
    }
    duplicates.add(candidate.id(), keys);
    return count(new Result(position, Verdict.ACCEPTED, assessment.score(), assessment.scores(), List.of(), null));
  }

  /** A line that is not JSON at all. */
  public Result unreadable(int position, String why) {
    return count(new Result(position, Verdict.REJECTED, 0.0, Map.of(),
        List.of(Reason.MALFORMED_JSON.because("line " + position + " is not valid JSON: " + why)), null));
  }

  public Summary summary() {
    return new Summary(checked, accepted, checked - accepted,
        checked == 0 ? 0 : Math.round(1000.0 * accepted / checked) / 1000.0,
        Collections.unmodifiableMap(new TreeMap<>(rejectionsByReason)));
  }

  private Result count(Result result) {
    checked++;
    if (result.verdict() == Verdict.ACCEPTED) {
      accepted++;
    }
    for (String code : new LinkedHashSet<>(result.reasons().stream().map(Reason::codeOf).toList())) {
      rejectionsByReason.merge(code, 1, Integer::sum);
    }
    return result;
  }
}
