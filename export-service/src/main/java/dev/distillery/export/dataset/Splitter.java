package dev.distillery.export.dataset;

import dev.distillery.contracts.Ids;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Divides examples into train, validation and test. Groups are ranked by a hash of the seed and their id, which is
 * stable across exports and independent of arrival order, so the same samples and seed always split the same way.
 */
public final class Splitter {
  /** The order of examples inside every file: by paper, then chunk, then sample. */
  public static final Comparator<DatasetSample> ORDER =
      Comparator.comparing(DatasetSample::paperId)
          .thenComparing(DatasetSample::segmentId)
          .thenComparing(DatasetSample::sampleId);

  private static final List<Split> HELD_OUT = List.of(Split.VALIDATION, Split.TEST);

  private Splitter() {}

  /** Every split, each in {@link #ORDER}; a split with nothing is an empty list. */
  public static Map<Split, List<DatasetSample>> split(List<DatasetSample> examples, SplitOptions options) {
    Map<String, Split> assigned =
        options.strategy() == SplitOptions.Strategy.PAPER ? byPaper(examples, options) : bySource(examples, options);
    Map<Split, List<DatasetSample>> splits = new EnumMap<>(Split.class);
    for (Split split : Split.values()) {
      splits.put(split, new ArrayList<>());
    }
    examples.forEach(e -> splits.get(assigned.getOrDefault(e.sampleId(), Split.TRAIN)).add(e));
    splits.values().forEach(list -> list.sort(ORDER));
    splits.replaceAll((split, list) -> List.copyOf(list));
    return splits;
  }

  /**
   * Whole papers, ranked; in that order a paper joins a held-out split when it brings that split closer to its
   * share. A held-out split with a share gets at least one paper when two or more are left, and one paper always
   * stays for training.
   */
  private static Map<String, Split> byPaper(List<DatasetSample> examples, SplitOptions options) {
    Map<String, Integer> perPaper = new TreeMap<>();
    examples.forEach(e -> perPaper.merge(e.paperId(), 1, Integer::sum));
    List<String> remaining = new ArrayList<>(perPaper.keySet());
    remaining.sort(Comparator.comparing((String paper) -> rank(options.seed(), paper)).thenComparing(p -> p));
    Map<String, Split> paperSplit = new HashMap<>();
    for (Split split : HELD_OUT) {
      double share = options.share(split);
      if (share <= 0) {
        continue;
      }
      double target = share * examples.size();
      List<String> chosen = new ArrayList<>();
      int held = 0;
      for (String paper : remaining) {
        if (remaining.size() - chosen.size() <= 1) {
          break;
        }
        int next = held + perPaper.get(paper);
        if (Math.abs(next - target) < Math.abs(held - target)) {
          chosen.add(paper);
          held = next;
        }
      }
      if (chosen.isEmpty() && remaining.size() >= 2) {
        chosen.add(Collections.min(remaining, Comparator.comparing(perPaper::get)));
      }
      remaining.removeAll(chosen);
      chosen.forEach(paper -> paperSplit.put(paper, split));
    }
    Map<String, Split> assigned = new HashMap<>();
    examples.forEach(e -> assigned.put(e.sampleId(), paperSplit.getOrDefault(e.paperId(), Split.TRAIN)));
    return assigned;
  }

  /**
   * Per source file, exactly the rounded share of its examples, so each source's held-out count is within ±1 of
   * its exact share. Examples are ranked segment first, so a segment's samples stay together except at the one
   * boundary where the count is reached.
   */
  private static Map<String, Split> bySource(List<DatasetSample> examples, SplitOptions options) {
    Map<String, List<DatasetSample>> bySource = new TreeMap<>();
    examples.forEach(e -> bySource.computeIfAbsent(e.sourceKey(), k -> new ArrayList<>()).add(e));
    Map<String, Split> assigned = new HashMap<>();
    for (List<DatasetSample> source : bySource.values()) {
      source.sort(
          Comparator.comparing((DatasetSample e) -> rank(options.seed(), e.segmentId()))
              .thenComparing(e -> rank(options.seed(), e.sampleId())));
      int n = source.size();
      int test = (int) Math.round(options.testShare() * n);
      int validation = (int) Math.round(options.validationShare() * n);
      while (n > 0 && test + validation >= n) {
        if (test > 0) {
          test--;
        } else {
          validation--;
        }
      }
      for (int i = 0; i < n; i++) {
        Split split = i < test ? Split.TEST : i < test + validation ? Split.VALIDATION : Split.TRAIN;
        assigned.put(source.get(i).sampleId(), split);
      }
    }
    return assigned;
  }

  private static String rank(long seed, String id) {
    return Ids.sha256((seed + ":" + id).getBytes(StandardCharsets.UTF_8));
  }
}
