package dev.distillery.quality.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.Verdict;
import dev.distillery.quality.SampleFixtures;
import dev.distillery.quality.config.QualityConfig;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QualityRulesTest {
  private static final String GOOD_OUTPUT =
      "Attention weighs every value by how well its key matches the query; running several heads in parallel"
          + " lets the model look at different subspaces at once.";

  private final QualityRules rules = new QualityRules();

  QualityRulesTest() {
    rules.config = new Defaults();
  }

  @Test
  void aGroundedAnswerIsAcceptedWithAScoreBetweenZeroAndOne() {
    Assessment a = rules.assess(sample("Explain multi-head attention.", GOOD_OUTPUT));
    assertThat(a.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(a.reasons()).isEmpty();
    assertThat(a.score()).isBetween(0.5, 1.0);
    assertThat(a.scores()).containsKeys("length", "completeness", "relevance", "diversity");
  }

  @Test
  void emptyInstructionAndOutputAreNamed() {
    Assessment a = rules.assess(sample("  ", ""));
    assertThat(a.verdict()).isEqualTo(Verdict.REJECTED);
    assertThat(a.reasons()).contains("instruction is empty", "output is empty");
  }

  @Test
  void lengthLimitsAreReportedWithTheActualLength() {
    assertThat(rules.assess(sample("Explain attention.", "Too short.")).reasons())
        .containsExactly("output is shorter than 40 characters (10)");
    assertThat(rules.assess(sample("Explain attention.", "word ".repeat(5000))).reasons())
        .anyMatch(r -> r.startsWith("output is longer than 20000 characters"));
  }

  @Test
  void anOutputThatRepeatsTheInstructionIsRejected() {
    String text = "Explain how multi-head attention combines several attention functions.";
    assertThat(rules.assess(sample(text, text.toUpperCase())).reasons()).contains("output repeats the instruction");
  }

  @Test
  void anOutputThatCopiesTheSourceIsRejectedButAnExcerptIsNot() {
    assertThat(rules.assess(sample("Explain attention.", SampleFixtures.SEGMENT)).reasons())
        .contains("output copies the source segment");
    String firstSentence = SampleFixtures.SEGMENT.substring(0, SampleFixtures.SEGMENT.indexOf('.') + 1);
    assertThat(rules.assess(sample("Explain attention.", "As the paper puts it: " + firstSentence)).verdict())
        .isEqualTo(Verdict.ACCEPTED);
  }

  @Test
  void refusalsAreRejectedWithThePhrase() {
    Assessment a =
        rules.assess(sample("Explain attention.", "I'm sorry, but I cannot help with explaining this topic today."));
    assertThat(a.verdict()).isEqualTo(Verdict.REJECTED);
    assertThat(a.reasons()).anyMatch(r -> r.startsWith("output is a refusal"));
  }

  @Test
  void aFailedGenerationIsMarkedFailedWithItsReason() {
    Assessment a = rules.assess(SampleFixtures.failed(UUID.randomUUID().toString(), "HTTP 429 after 3 attempts"));
    assertThat(a.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(a.reasons()).containsExactly("generation failed: HTTP 429 after 3 attempts");
  }

  private static SampleGenerated sample(String instruction, String output) {
    return SampleFixtures.generated(UUID.randomUUID().toString(), instruction, output);
  }

  /** The documented defaults of {@link QualityConfig}. */
  private static final class Defaults implements QualityConfig {
    public int minInstructionChars() {
      return 10;
    }

    public int maxInstructionChars() {
      return 4000;
    }

    public int minOutputChars() {
      return 40;
    }

    public int maxOutputChars() {
      return 20000;
    }

    public double copyOverlap() {
      return 0.9;
    }

    public List<String> refusalPhrases() {
      return List.of("as an ai language model", "i'm sorry, but i", "i cannot help with");
    }
  }
}
