package dev.distillery.export.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.contracts.Ids;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PaperSplitTest {

  @Test
  void noValidationWhenTheShareIsZero() {
    assertThat(PaperSplit.validationPapers(papers(5, 4), 0.0)).isEmpty();
  }

  @Test
  void noValidationWithASinglePaper() {
    assertThat(PaperSplit.validationPapers(Map.of("only", 40), 0.5)).isEmpty();
  }

  @Test
  void papersWithoutExamplesDoNotCountAsPapers() {
    assertThat(PaperSplit.validationPapers(Map.of("full", 40, "empty", 0), 0.5)).isEmpty();
  }

  @Test
  void atLeastOnePaperButNeverAllOfThem() {
    Map<String, Integer> two = Map.of("a", 10, "b", 10);
    assertThat(PaperSplit.validationPapers(two, 0.01)).hasSize(1);
    assertThat(PaperSplit.validationPapers(two, 0.5)).hasSize(1);
  }

  @Test
  void holdsOutAboutTheAskedShareOfExamples() {
    Map<String, Integer> papers = papers(20, 5);
    Set<String> validation = PaperSplit.validationPapers(papers, 0.2);
    int held = validation.stream().mapToInt(papers::get).sum();
    assertThat(held).isEqualTo(20);
  }

  @Test
  void aLargePaperIsNotHeldOutWhenSmallerOnesGetCloser() {
    Map<String, Integer> papers = new HashMap<>(papers(9, 2));
    papers.put("huge", 200);
    Set<String> validation = PaperSplit.validationPapers(papers, 0.05);
    assertThat(validation).doesNotContain("huge");
    assertThat(validation.stream().mapToInt(papers::get).sum()).isBetween(8, 12);
  }

  @Test
  void theSameInputGivesTheSameSplitWhateverTheOrder() {
    Map<String, Integer> papers = papers(12, 3);
    Map<String, Integer> reversed = new LinkedHashMap<>();
    new TreeMap<>(papers).descendingMap().forEach(reversed::put);
    assertThat(PaperSplit.validationPapers(reversed, 0.3)).isEqualTo(PaperSplit.validationPapers(papers, 0.3));
  }

  private static Map<String, Integer> papers(int count, int examplesEach) {
    Map<String, Integer> papers = new HashMap<>();
    for (int i = 0; i < count; i++) {
      papers.put(Ids.derive("paper-for-test", i), examplesEach);
    }
    return papers;
  }
}
