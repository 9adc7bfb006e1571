package dev.distillery.generation.service.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.GenerationSettings;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SampleStatus;
import dev.distillery.contracts.TaskType;
import dev.distillery.generation.Fixtures;
import dev.distillery.generation.GeneratedSample;
import dev.distillery.generation.GenerationRequest;
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
  private static final GenerationSettings CUSTOM =
      new GenerationSettings(null, null, 0, 0, 0, null, 0, "Which limitation of the sieve should a user know? {passage}");

  private final OfflineTemplateGenerator generator = new OfflineTemplateGenerator();

  @ParameterizedTest
  @EnumSource(value = TaskType.class, names = "TRANSLATION", mode = EnumSource.Mode.EXCLUDE)
  void answersEveryTaskTypeFromTheSegmentWithoutCopyingIt(TaskType type) {
    for (String section : List.of(Fixtures.SUMMARY, Fixtures.USAGE)) {
      PromptReady prompt = Fixtures.prompt(Fixtures.newRunId(), type, 0, "Summary", section);

      GeneratedSample sample = generate(prompt, 0);
      String written = sample.conversation().isEmpty()
          ? sample.output()
          : String.join("\n", sample.conversation().stream().map(ChatTurn::content).toList());

      assertThat(sample.status()).isEqualTo(SampleStatus.GENERATED);
      assertThat(sample.instruction()).hasSizeGreaterThanOrEqualTo(10);
      assertThat(sample.output()).hasSizeGreaterThanOrEqualTo(40);
      assertThat(sample.input()).contains(Fixtures.TITLE);
      assertThat(copies(written, section)).as("output copies its segment:%n%s", written).isFalse();
      assertThat(sharedWords(written, section))
          .as("output is built from the segment's own words")
          .isGreaterThan(type == TaskType.NER || type == TaskType.CLASSIFICATION ? 3 : 15);
    }
  }

  @ParameterizedTest
  @EnumSource(value = TaskType.class, names = "TRANSLATION", mode = EnumSource.Mode.EXCLUDE)
  void everyPromptOfOneKindOnOneSegmentAsksSomethingElse(TaskType type) {
    PromptReady prompt = Fixtures.prompt(Fixtures.newRunId(), type, 0, "Summary", Fixtures.SUMMARY + Fixtures.USAGE);
    Set<String> samples = new HashSet<>();
    for (int variant = 0; variant < 6; variant++) {
      GeneratedSample sample = generate(prompt, variant);
      samples.add(sample.instruction() + "\n" + sample.input() + "\n" + sample.output());
    }

    assertThat(samples).as("six prompts of %s on one segment", type).hasSize(6);
  }

  @Test
  void aMultiTurnSampleHoldsTheRunsNumberOfUserTurnsEachAnswered() {
    PromptReady prompt = Fixtures.prompt(Fixtures.newRunId(), TaskType.MULTI_TURN, 0, "Summary", Fixtures.SUMMARY);
    GenerationSettings fourTurns = new GenerationSettings(null, null, 0, 0, 0, null, 4, null);

    GeneratedSample sample = generator.generate(new GenerationRequest(prompt, fourTurns, "en", 0, null, false));

    assertThat(sample.conversation()).hasSize(8);
    assertThat(sample.conversation()).extracting(ChatTurn::role)
        .containsExactly("user", "assistant", "user", "assistant", "user", "assistant", "user", "assistant");
    assertThat(sample.conversation()).extracting(ChatTurn::content).doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).isNotBlank());
    assertThat(sample.instruction()).isEqualTo(sample.conversation().get(0).content());
    assertThat(sample.output()).isEqualTo(sample.conversation().get(1).content());
  }

  @Test
  void translationFailsWithAReasonRatherThanPretending() {
    GeneratedSample sample = generate(Fixtures.prompt(Fixtures.newRunId(), TaskType.TRANSLATION, 0, "Summary", Fixtures.SUMMARY), 0);

    assertThat(sample.status()).isEqualTo(SampleStatus.FAILED);
    assertThat(sample.failureReason()).startsWith("translation needs a language model");
  }

  @Test
  void aCustomPromptBecomesTheInstructionAndIsAnsweredFromTheSegment() {
    GeneratedSample sample = generate(Fixtures.prompt(Fixtures.newRunId(), TaskType.CUSTOM, 0, "Usage", Fixtures.USAGE), 0);

    assertThat(sample.instruction()).isEqualTo("Which limitation of the sieve should a user know?");
    assertThat(sample.output()).contains("limitation");
  }

  @Test
  void classificationLabelsTheExcerptItShowsAndNerListsItsEntities() {
    GeneratedSample classified =
        generate(Fixtures.prompt(Fixtures.newRunId(), TaskType.CLASSIFICATION, 0, "Summary", Fixtures.SUMMARY), 0);
    GeneratedSample entities = generate(Fixtures.prompt(Fixtures.newRunId(), TaskType.NER, 0, "Summary", Fixtures.SUMMARY), 0);

    assertThat(classified.output()).startsWith("Label: ");
    assertThat(classified.input()).contains(Fixtures.TITLE).hasSizeGreaterThan(Fixtures.TITLE.length() + 40);
    assertThat(entities.output()).contains("- Sievelite: name");
  }

  @ParameterizedTest
  @EnumSource(TaskType.class)
  void theSamePromptGivesTheSameSampleInAnyRun(TaskType type) {
    GeneratedSample first = generate(Fixtures.prompt(Fixtures.newRunId(), type, 2, "Summary", Fixtures.SUMMARY), 2);
    GeneratedSample second = generate(Fixtures.prompt(Fixtures.newRunId(), type, 2, "Summary", Fixtures.SUMMARY), 2);

    assertThat(second.instruction()).isEqualTo(first.instruction());
    assertThat(second.input()).isEqualTo(first.input());
    assertThat(second.output()).isEqualTo(first.output());
  }

  @Test
  void codeImplementationKeepsTheSegmentsCodeFence() {
    GeneratedSample sample =
        generate(Fixtures.prompt(Fixtures.newRunId(), TaskType.CODE_IMPLEMENTATION, 0, "Usage", Fixtures.USAGE), 0);

    assertThat(sample.output()).contains("```python\nfrom sievelite import Sieve").contains("clean = sieve.push(reading)");
  }

  @Test
  void codeImplementationWithoutCodeListsTheDescribedProcedureAsSteps() {
    GeneratedSample sample =
        generate(Fixtures.prompt(Fixtures.newRunId(), TaskType.CODE_IMPLEMENTATION, 0, "Summary", Fixtures.SUMMARY), 0);

    assertThat(sample.output()).contains("\n1. ").doesNotContain("```");
    assertThat(sample.instruction()).containsIgnoringCase("step");
  }

  @Test
  void markdownIsStrippedFromTheOutput() {
    for (TaskType type : TaskType.values()) {
      GeneratedSample sample = generate(Fixtures.prompt(Fixtures.newRunId(), type, 0, "Summary", Fixtures.SUMMARY), 0);

      assertThat(sample.status() == SampleStatus.FAILED ? "" : sample.output()).doesNotContain("[@", "**", "](", "## ");
    }
  }

  @Test
  void aTinySegmentStillGetsAFramedAnswerLongEnoughToJudge() {
    String tiny = "Body of the only section.";
    for (TaskType type : TaskType.values()) {
      if (type == TaskType.TRANSLATION) {
        continue;
      }
      GeneratedSample sample = generate(Fixtures.prompt(Fixtures.newRunId(), type, 0, null, tiny), 0);

      assertThat(sample.output()).hasSizeGreaterThanOrEqualTo(40).isNotEqualToIgnoringWhitespace(tiny);
      assertThat(sample.instruction()).isNotBlank();
    }
  }

  @Test
  void recordsAnOfflineGenerationWithEstimatedTokens() {
    PromptReady prompt = Fixtures.prompt(Fixtures.newRunId(), TaskType.CONCEPT_EXPLANATION, 0, "Summary", Fixtures.SUMMARY);

    GeneratedSample sample = generate(prompt, 0);

    assertThat(sample.generation().generator()).isEqualTo("offline-template");
    assertThat(sample.generation().model()).isEqualTo("offline-template-v1");
    assertThat(sample.generation().offline()).isTrue();
    assertThat(sample.generation().promptTokens()).isGreaterThan(Fixtures.SUMMARY.length() / 4);
    assertThat(sample.generation().completionTokens()).isEqualTo((sample.output().length() + 3) / 4);
    assertThat(sample.generation().latencyMs()).isNotNegative();
  }

  private GeneratedSample generate(PromptReady prompt, int variant) {
    GenerationSettings settings = prompt.taskType() == TaskType.CUSTOM ? CUSTOM : null;
    return generator.generate(new GenerationRequest(prompt, settings, "en", variant, null, false));
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
