package dev.distillery.export.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitterTest {

  @Test
  void noPaperIsInTwoSplitsWhateverTheSeedAndSizes() {
    Random random = new Random(7);
    for (int round = 0; round < 60; round++) {
      List<DatasetSample> corpus = uneven(random, 2 + random.nextInt(12));
      SplitOptions options = new SplitOptions(SplitOptions.Strategy.PAPER, round, 0.2, round % 2 == 0 ? 0.1 : 0);

      Map<Split, List<DatasetSample>> splits = Splitter.split(corpus, options);

      Map<String, Set<Split>> splitsOfPaper = new HashMap<>();
      splits.forEach((split, samples) -> samples.forEach(
          s -> splitsOfPaper.computeIfAbsent(s.paperId(), k -> new HashSet<>()).add(split)));
      assertThat(splitsOfPaper.values()).as("round %d", round).allMatch(in -> in.size() == 1);
      assertThat(splits.values().stream().mapToInt(List::size).sum()).isEqualTo(corpus.size());
      assertThat(splits.get(Split.TRAIN)).as("train is never empty").isNotEmpty();
      assertThat(splits.get(Split.VALIDATION)).as("two or more papers give a validation paper").isNotEmpty();
    }
  }

  @Test
  void weightedBySourceEverySourceGivesItsShareWithinOneSample() {
    Random random = new Random(11);
    for (int r = 0; r < 60; r++) {
      int round = r;
      List<DatasetSample> corpus = uneven(random, 1 + random.nextInt(9));
      SplitOptions options = new SplitOptions(SplitOptions.Strategy.SOURCE, round, 0.15, 0.1);

      Map<Split, List<DatasetSample>> splits = Splitter.split(corpus, options);

      Map<String, Integer> total = count(corpus);
      for (Split split : List.of(Split.VALIDATION, Split.TEST)) {
        Map<String, Integer> held = count(splits.get(split));
        total.forEach((source, n) -> assertThat((double) held.getOrDefault(source, 0))
            .as("round %d, %s of %s with %d examples", round, split, source, n)
            .isCloseTo(options.share(split) * n, within(1.0)));
      }
    }
  }

  @Test
  void weightedBySourceKeepsSegmentsTogetherButAtOneBoundaryPerSource() {
    List<DatasetSample> corpus = Samples.corpus(4, 40);
    Map<Split, List<DatasetSample>> splits =
        Splitter.split(corpus, new SplitOptions(SplitOptions.Strategy.SOURCE, 3, 0.25, 0));

    Map<String, Set<Split>> splitsOfSegment = new HashMap<>();
    splits.forEach((split, samples) -> samples.forEach(
        s -> splitsOfSegment.computeIfAbsent(s.segmentId(), k -> new HashSet<>()).add(split)));
    long straddling = splitsOfSegment.values().stream().filter(in -> in.size() > 1).count();
    assertThat(straddling).isLessThanOrEqualTo(4);
  }

  @Test
  void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
    List<DatasetSample> corpus = Samples.corpus(12, 5);
    List<DatasetSample> shuffled = new ArrayList<>(corpus);
    java.util.Collections.shuffle(shuffled, new Random(5));

    Map<Split, List<DatasetSample>> first = Splitter.split(corpus, SplitOptions.paper(1, 0.3));
    assertThat(Splitter.split(shuffled, SplitOptions.paper(1, 0.3))).isEqualTo(first);
    assertThat(Splitter.split(corpus, SplitOptions.paper(2, 0.3)).get(Split.VALIDATION))
        .isNotEqualTo(first.get(Split.VALIDATION));
  }

  @Test
  void aShareOfZeroOrASinglePaperHoldsNothingOut() {
    assertThat(Splitter.split(Samples.corpus(3, 4), SplitOptions.paper(1, 0)).get(Split.VALIDATION)).isEmpty();
    assertThat(Splitter.split(Samples.corpus(1, 9), SplitOptions.paper(1, 0.5)).get(Split.TRAIN)).hasSize(9);
  }

  /** Papers of 1 to 30 samples, two papers per source file now and then. */
  private static List<DatasetSample> uneven(Random random, int papers) {
    List<DatasetSample> corpus = new ArrayList<>();
    for (int p = 0; p < papers; p++) {
      int n = 1 + random.nextInt(30);
      String source = "file-" + (p / 2) + ".md";
      for (int i = 0; i < n; i++) {
        DatasetSample s = Samples.single("p" + p + "-s" + i, "p" + p, "p" + p + "-g" + (i / 3), "Explain " + i, "A " + i);
        corpus.add(new DatasetSample(s.sampleId(), s.paperId(), s.segmentId(), source, s.paperTitle(), s.section(),
            s.taskType(), s.origin(), s.instruction(), s.input(), s.output(), s.conversation(), s.score(), s.scores(),
            s.model()));
      }
    }
    return corpus;
  }

  private static Map<String, Integer> count(List<DatasetSample> samples) {
    Map<String, Integer> counts = new HashMap<>();
    samples.forEach(s -> counts.merge(s.sourceKey(), 1, Integer::sum));
    return counts;
  }
}
