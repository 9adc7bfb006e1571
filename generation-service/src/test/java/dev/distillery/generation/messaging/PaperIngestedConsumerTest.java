package dev.distillery.generation.messaging;

import dev.distillery.testsupport.KafkaEvents;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.distillery.contracts.EventType;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PaperIngested;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.Segment;
import dev.distillery.contracts.TaskType;
import dev.distillery.contracts.Topics;
import dev.distillery.generation.Fixtures;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class PaperIngestedConsumerTest {
  private KafkaEvents kafka;

  @BeforeEach
  void connect() {
    kafka = new KafkaEvents();
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  @Test
  void plansFourPromptsPerSegmentAndAnswersThemAll() {
    String runId = Fixtures.newRunId();
    PaperIngested paper = Fixtures.paper(runId, RunConfig.defaults(), Fixtures.SUMMARY, Fixtures.USAGE);

    kafka.send(paper);

    List<PromptReady> prompts = kafka.awaitEvents(EventType.PROMPT_READY, runId, 8);
    List<String> expectedIds = new ArrayList<>();
    for (Segment segment : paper.segments()) {
      for (TaskType type : TaskType.DEFAULTS) {
        expectedIds.add(Ids.prompt(segment.segmentId(), type, 0));
      }
    }
    assertThat(prompts).extracting(PromptReady::promptId).containsExactlyInAnyOrderElementsOf(expectedIds);
    assertThat(prompts).extracting(PromptReady::promptOrdinal).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(prompts).allSatisfy(p -> {
      assertThat(p.promptsPlannedForPaper()).isEqualTo(8);
      assertThat(p.paperId()).isEqualTo(paper.paperId());
      assertThat(p.source().paperTitle()).isEqualTo(Fixtures.TITLE);
      assertThat(p.source().sourceName()).isEqualTo("sievelite.md");
    });
    PromptReady usageCode =
        prompts.stream().filter(p -> p.promptOrdinal() == 5).findFirst().orElseThrow();
    assertThat(usageCode.taskType()).isEqualTo(TaskType.CODE_IMPLEMENTATION);
    assertThat(usageCode.source().segmentHeading()).isEqualTo("Usage");
    assertThat(usageCode.source().segmentText()).isEqualTo(Fixtures.USAGE);

    kafka.awaitEvents(EventType.SAMPLE_GENERATED, runId, 8);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        given().get("/runs/{runId}/progress", runId).then().statusCode(200)
            .body("promptsPlanned", is(8), "samplesGenerated", is(8), "samplesFailed", is(0)));
    given().get("/q/metrics").then().body(containsString("distillery_prompts_planned_total"));
  }

  @Test
  void cyclesThroughTheRunsTaskTypes() {
    String runId = Fixtures.newRunId();
    RunConfig config = new RunConfig(List.of(TaskType.PROBLEM_ANALYSIS, TaskType.CODE_IMPLEMENTATION), 5, null, 0.1, false);
    PaperIngested paper = Fixtures.paper(runId, config, Fixtures.SUMMARY);

    kafka.send(paper);

    String segmentId = paper.segments().get(0).segmentId();
    List<PromptReady> prompts = kafka.awaitEvents(EventType.PROMPT_READY, runId, 5);
    assertThat(prompts)
        .extracting(PromptReady::promptId)
        .containsExactlyInAnyOrder(
            Ids.prompt(segmentId, TaskType.PROBLEM_ANALYSIS, 0), Ids.prompt(segmentId, TaskType.CODE_IMPLEMENTATION, 0),
            Ids.prompt(segmentId, TaskType.PROBLEM_ANALYSIS, 1), Ids.prompt(segmentId, TaskType.CODE_IMPLEMENTATION, 1),
            Ids.prompt(segmentId, TaskType.PROBLEM_ANALYSIS, 2));
    assertThat(prompts).allSatisfy(p -> assertThat(p.promptsPlannedForPaper()).isEqualTo(5));
  }

  @Test
  void aReplayedPaperPlansNothingNew() {
    String runId = Fixtures.newRunId();
    PaperIngested paper = Fixtures.paper(runId, RunConfig.defaults(), Fixtures.SUMMARY);
    kafka.send(paper);
    List<String> planned =
        kafka.<PromptReady>awaitEvents(EventType.PROMPT_READY, runId, 4).stream().map(PromptReady::eventId).toList();

    kafka.send(paper);

    List<PromptReady> sent = kafka.awaitEvents(EventType.PROMPT_READY, runId, 8);
    assertThat(sent).extracting(PromptReady::eventId).as("the replay re-sends the very same events").containsOnlyElementsOf(planned);
    given().get("/runs/{runId}/progress", runId).then().statusCode(200).body("promptsPlanned", is(4));
  }

  @Test
  void aMalformedPaperIsDeadLetteredWithItsReasonAndTheNextOneIsPlanned() {
    String marker = UUID.randomUUID().toString();
    String runId = Fixtures.newRunId();

    kafka.send(EventRecords.malformed(Topics.PAPER_INGESTED, "{\"runId\": \"" + marker + "\", \"segments\": []}"));
    kafka.send(Fixtures.paper(runId, RunConfig.defaults(), Fixtures.USAGE));

    ConsumerRecord<String, String> dead = kafka.await(Topics.deadLetter(Topics.PAPER_INGESTED), marker, 1).get(0);
    assertThat(EventRecords.header(dead, "dead-letter-reason")).startsWith("paper.ingested event does not match its schema");
    assertThat(kafka.awaitEvents(EventType.PROMPT_READY, runId, 4)).hasSize(4);
  }
}
