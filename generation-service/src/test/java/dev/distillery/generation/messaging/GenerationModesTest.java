package dev.distillery.generation.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.distillery.contracts.EventType;
import dev.distillery.contracts.ExtractedPair;
import dev.distillery.contracts.GenerationMode;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PaperIngested;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleOrigin;
import dev.distillery.contracts.TaskType;
import dev.distillery.generation.Fixtures;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import dev.distillery.testsupport.KafkaEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Create, identify and hybrid runs: what a paper with pairs mined from it gets planned. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class GenerationModesTest {
  private static final List<TaskType> TYPES = List.of(TaskType.QA, TaskType.SUMMARY, TaskType.NER);
  private KafkaEvents kafka;

  @BeforeEach
  void connect() {
    kafka = new KafkaEvents();
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  /** Two pairs: the first inside the first section, the second inside the second. */
  private static List<ExtractedPair> pairs() {
    int second = Fixtures.SUMMARY.length() + 40;
    return List.of(
        new ExtractedPair("What does Sievelite filter?", "Sensor streams, on the fly.", "q-a",
            List.of(Fixtures.TITLE, "Section 1", "FAQ"), 100, 160),
        new ExtractedPair("Which estimator is the default?", "The running median.", "faq",
            List.of(Fixtures.TITLE, "Section 2"), second, second + 55));
  }

  private static RunConfig config(GenerationMode mode, int samplesPerSegment, int target) {
    return new RunConfig(TYPES, samplesPerSegment, null, 0.1, false, mode, target, null);
  }

  @Test
  void identifyPublishesOneExtractedSamplePerPairAndPlansNoPrompt() {
    String runId = Fixtures.newRunId();
    PaperIngested paper =
        Fixtures.paperWithPairs(runId, config(GenerationMode.IDENTIFY, 2, 0), pairs(), Fixtures.SUMMARY, Fixtures.USAGE);

    kafka.send(paper);

    List<SampleGenerated> samples = kafka.awaitEvents(EventType.SAMPLE_GENERATED, runId, 2);
    assertThat(samples).extracting(SampleGenerated::promptId)
        .containsExactlyInAnyOrder(Ids.extractedPrompt(paper.paperId(), 0), Ids.extractedPrompt(paper.paperId(), 1));
    SampleGenerated first = samples.stream().filter(s -> s.promptId().equals(Ids.extractedPrompt(paper.paperId(), 0)))
        .findFirst().orElseThrow();
    SampleGenerated second = samples.stream().filter(s -> s != first).findFirst().orElseThrow();
    assertThat(first.origin()).isEqualTo(SampleOrigin.EXTRACTED);
    assertThat(first.instruction()).isEqualTo("What does Sievelite filter?");
    assertThat(first.output()).isEqualTo("Sensor streams, on the fly.");
    assertThat(first.promptsPlannedForPaper()).isEqualTo(2);
    assertThat(first.segmentId()).isEqualTo(paper.segments().get(0).segmentId());
    assertThat(second.segmentId()).as("the segment holding the pair's offset").isEqualTo(paper.segments().get(1).segmentId());
    assertThat(first.source().sectionPath()).containsExactly(Fixtures.TITLE, "Section 1", "FAQ");
    assertThat(first.source().charStart()).isEqualTo(100);
    assertThat(first.source().charEnd()).isEqualTo(160);
    assertThat(first.source().paperFlags()).containsExactly("prompt-injection");
    given().get("/runs/{runId}/progress", runId).then().statusCode(200)
        .body("promptsPlanned", is(2), "samplesGenerated", is(2), "samplesFailed", is(0));
  }

  @Test
  void hybridWithATargetTopsTheMinedPairsUpWithPromptsSpreadOverSegmentsAndTypes() {
    String runId = Fixtures.newRunId();
    PaperIngested paper =
        Fixtures.paperWithPairs(runId, config(GenerationMode.HYBRID, 1, 7), pairs(), Fixtures.SUMMARY, Fixtures.USAGE);

    kafka.send(paper);

    List<PromptReady> prompts = kafka.awaitEvents(EventType.PROMPT_READY, runId, 5);
    List<SampleGenerated> samples = kafka.awaitEvents(EventType.SAMPLE_GENERATED, runId, 7);
    assertThat(prompts).hasSize(5).allSatisfy(p -> assertThat(p.promptsPlannedForPaper()).isEqualTo(7));
    assertThat(samples).allSatisfy(s -> assertThat(s.promptsPlannedForPaper()).isEqualTo(7));
    assertThat(samples).filteredOn(s -> s.origin() == SampleOrigin.EXTRACTED).hasSize(2);
    assertThat(prompts).extracting(PromptReady::segmentId)
        .containsOnly(paper.segments().get(0).segmentId(), paper.segments().get(1).segmentId());
    assertThat(prompts).extracting(PromptReady::taskType).containsExactlyInAnyOrder(
        TaskType.QA, TaskType.SUMMARY, TaskType.SUMMARY, TaskType.NER, TaskType.NER);
    assertThat(prompts).extracting(PromptReady::promptOrdinal).containsExactlyInAnyOrder(2, 3, 4, 5, 6);
    PromptReady onSecond = prompts.stream().filter(p -> p.segmentId().equals(paper.segments().get(1).segmentId()))
        .findFirst().orElseThrow();
    assertThat(onSecond.source().sectionPath()).containsExactly(Fixtures.TITLE, "Section 2");
    assertThat(onSecond.source().charStart()).isEqualTo(Fixtures.SUMMARY.length());
    assertThat(onSecond.source().charEnd()).isEqualTo(Fixtures.SUMMARY.length() + Fixtures.USAGE.length());
    assertThat(onSecond.source().paperFlags()).containsExactly("prompt-injection");
  }

  @Test
  void hybridWithoutATargetKeepsThePairsAndPlansEverySegment() {
    String runId = Fixtures.newRunId();
    kafka.send(Fixtures.paperWithPairs(runId, config(GenerationMode.HYBRID, 2, 0), pairs(), Fixtures.SUMMARY, Fixtures.USAGE));

    assertThat(kafka.<PromptReady>awaitEvents(EventType.PROMPT_READY, runId, 4))
        .allSatisfy(p -> assertThat(p.promptsPlannedForPaper()).isEqualTo(6));
    assertThat(kafka.<SampleGenerated>awaitEvents(EventType.SAMPLE_GENERATED, runId, 6)).hasSize(6);
  }

  @Test
  void createIgnoresTheMinedPairs() {
    String runId = Fixtures.newRunId();
    kafka.send(Fixtures.paperWithPairs(runId, config(GenerationMode.CREATE, 2, 0), pairs(), Fixtures.SUMMARY, Fixtures.USAGE));

    List<SampleGenerated> samples = kafka.awaitEvents(EventType.SAMPLE_GENERATED, runId, 4);
    assertThat(samples).allSatisfy(s -> {
      assertThat(s.origin()).isEqualTo(SampleOrigin.GENERATED);
      assertThat(s.promptsPlannedForPaper()).isEqualTo(4);
    });
  }

  @Test
  void aPaperWithNothingMinedInIdentifyModeStillGetsOnePrompt() {
    String runId = Fixtures.newRunId();
    PaperIngested paper =
        Fixtures.paperWithPairs(runId, config(GenerationMode.IDENTIFY, 2, 0), List.of(), Fixtures.SUMMARY);

    kafka.send(paper);

    PromptReady only = kafka.<PromptReady>awaitEvents(EventType.PROMPT_READY, runId, 1).get(0);
    assertThat(only.promptsPlannedForPaper()).isEqualTo(1);
    assertThat(kafka.<SampleGenerated>awaitEvents(EventType.SAMPLE_GENERATED, runId, 1).get(0).promptsPlannedForPaper())
        .isEqualTo(1);
  }
}
