package dev.distillery.quality.rules;

import dev.distillery.contracts.Verdict;
import java.util.List;
import java.util.Map;

/**
 * What the gate made of one sample.
 *
 * @param reasons one per failed check, each {@code "<code>: <detail>"} with a stable {@link Reason} code first
 */
public record Assessment(Verdict verdict, double score, Map<String, Double> scores, List<String> reasons) {

  public boolean accepted() {
    return verdict == Verdict.ACCEPTED;
  }
}
