package dev.distillery.export.service;

import dev.distillery.contracts.Ids;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses which papers form the validation split. Whole papers are held out, so no paper's text is in both
 * halves and validation measures generalisation to unseen papers. Papers are ranked by a hash of their id,
 * which is stable across exports and independent of arrival order; then, in that order, a paper joins
 * validation when it brings the validation size closer to {@code share} of all examples.
 */
public final class PaperSplit {
  private PaperSplit() {}

  /**
   * The validation papers: none when {@code share} is 0 or fewer than two papers have examples; otherwise at
   * least one, and never all of them.
   *
   * @param examplesByPaper exported examples per paper id; papers with none are never chosen
   */
  public static Set<String> validationPapers(Map<String, Integer> examplesByPaper, double share) {
    List<Map.Entry<String, Integer>> ranked =
        examplesByPaper.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .sorted(
                Comparator.comparing((Map.Entry<String, Integer> e) -> rank(e.getKey()))
                    .thenComparing(Map.Entry::getKey))
            .toList();
    Set<String> validation = new TreeSet<>();
    if (share <= 0 || ranked.size() < 2) {
      return validation;
    }
    double target = share * ranked.stream().mapToInt(Map.Entry::getValue).sum();
    int held = 0;
    for (Map.Entry<String, Integer> paper : ranked) {
      if (validation.size() == ranked.size() - 1) {
        break;
      }
      int next = held + paper.getValue();
      if (Math.abs(next - target) < Math.abs(held - target)) {
        validation.add(paper.getKey());
        held = next;
      }
    }
    if (validation.isEmpty()) {
      ranked.stream()
          .min(Comparator.comparingInt(Map.Entry::getValue))
          .ifPresent(smallest -> validation.add(smallest.getKey()));
    }
    return validation;
  }

  private static String rank(String paperId) {
    return Ids.sha256(paperId.getBytes(StandardCharsets.UTF_8));
  }
}
