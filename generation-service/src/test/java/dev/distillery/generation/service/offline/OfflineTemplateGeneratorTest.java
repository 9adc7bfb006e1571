package dev.distillery.generation.service.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SampleStatus;
import dev.distillery.contracts.TaskType;
import dev.distillery.generation.Fixtures;
import dev.distillery.generation.GeneratedSample;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class OfflineTemplateGeneratorTest {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  private final OfflineTemplateGenerator generator = new OfflineTemplateGenerator();

  @ParameterizedTest
  @EnumSource(TaskType.class)
  void answersEveryTaskTypeFromTheSegmentWithoutCopyingIt(TaskType type) {
    for (String section : List.of(Fixtures.SUMMARY, Fixtures.USAGE)) {
      PromptReady prompt = Fixtures.prompt(Fixtures.newRunId(), type, 0, "Summary", section);

      GeneratedSample sample = generator.generate(prompt);

      assertThat(sample.status()).isEqualTo(SampleStatus.GENERATED);
      assertThat(sample.instruction()).hasSizeGreaterThanOrEqualTo(10);
      assertThat(sample.output()).hasSizeGreaterThanOrEqualTo(40);
      assertThat(sample.input()).contains(Fixtures.TITLE);
      assertThat(copies(sample.output(), section)).as("output copies its segment:%n%s", sample.output()).isFalse();
      assertThat(sharedWords(sample.output(), section))
          .as("output is built from the segment's own words")
          .isGreaterThan(15);
    }
  }

  @ParameterizedTest
  @EnumSource(TaskType.class)
  void theSamePromptGivesTheSameSampleInAnyRun(TaskType type) {
    GeneratedSample first = generator.generate(Fixtures.prompt(Fixtures.newRunId(), type, 2, "Summary", Fixtures.SUMMARY));
    GeneratedSample second = generator.generate(Fixtures.prompt(Fixtures.newRunId(), type, 2, "Summary", Fixtures.SUMMARY));

    assertThat(second.instruction()).isEqualTo(first.instruction());
    assertThat(second.input()).isEqualTo(first.input());
    assertThat(second.output()).isEqualTo(first.output());
  }

  @Test
  void codeImplementationKeepsTheSegmentsCodeFence() {
    GeneratedSample sample =
        generator.generate(Fixtures.prompt(Fixtures.newRunId(), TaskType.CODE_IMPLEMENTATION, 0, "Usage", Fixtures.USAGE));

    assertThat(sample.output()).contains("```python\nfrom sievelite import Sieve").contains("clean = sieve.push(reading)");
  }

  @Test
  void codeImplementationWithoutCodeListsTheDescribedProcedureAsSteps() {
    GeneratedSample sample =
        generator.generate(
            Fixtures.prompt(Fixtures.newRunId(), TaskType.CODE_IMPLEMENTATION, 0, "Summary", Fixtures.SUMMARY));

    assertThat(sample.output()).contains("\n1. ").doesNotContain("```");
    assertThat(sample.instruction()).containsIgnoringCase("step");
  }

  @Test
  void markdownIsStrippedFromTheOutput() {
    for (TaskType type : TaskType.values()) {
      String output = generator.generate(Fixtures.prompt(Fixtures.newRunId(), type, 0, "Summary", Fixtures.SUMMARY)).output();

      assertThat(output).doesNotContain("[@", "**", "](", "## ");
    }
  }

  @Test
  void aTinySegmentStillGetsAFramedAnswerLongEnoughToJudge() {
    String tiny = "Body of the only section.";
    for (TaskType type : TaskType.values()) {
      GeneratedSample sample = generator.generate(Fixtures.prompt(Fixtures.newRunId(), type, 0, null, tiny));

      assertThat(sample.output()).hasSizeGreaterThanOrEqualTo(40).isNotEqualToIgnoringWhitespace(tiny);
      assertThat(sample.instruction()).isNotBlank();
    }
  }

  @Test
  void recordsAnOfflineGenerationWithEstimatedTokens() {
    PromptReady prompt = Fixtures.prompt(Fixtures.newRunId(), TaskType.CONCEPT_EXPLANATION, 0, "Summary", Fixtures.SUMMARY);

    GeneratedSample sample = generator.generate(prompt);

    assertThat(sample.generation().generator()).isEqualTo("offline-template");
    assertThat(sample.generation().model()).isEqualTo("offline-template-v1");
    assertThat(sample.generation().offline()).isTrue();
    assertThat(sample.generation().promptTokens()).isGreaterThan(Fixtures.SUMMARY.length() / 4);
    assertThat(sample.generation().completionTokens()).isEqualTo((sample.output().length() + 3) / 4);
    assertThat(sample.generation().latencyMs()).isNotNegative();
  }

  /** The quality gate's rule: most of the output's 8-word runs come from the source, and it spans most of it. */
  private static boolean copies(String output, String source) {
    List<String> out = words(output);
    List<String> src = words(source);
    if (out.size() < 0.8 * src.size()) {
      return false;
    }
    Set<String> sourceShingles = shingles(src);
    Set<String> outShingles = shingles(out);
    long shared = outShingles.stream().filter(sourceShingles::contains).count();
    return outShingles.isEmpty() || (double) shared / outShingles.size() >= 0.9;
  }

  private static long sharedWords(String output, String source) {
    Set<String> src = new HashSet<>(words(source));
    return words(output).stream().distinct().filter(src::contains).count();
  }

  private static Set<String> shingles(List<String> words) {
    Set<String> shingles = new HashSet<>();
    for (int i = 0; i + 8 <= words.size(); i++) {
      shingles.add(String.join(" ", words.subList(i, i + 8)));
    }
    return shingles;
  }

  private static List<String> words(String text) {
    return WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(m -> m.group()).toList();
  }
}
