package dev.distillery.generation.messaging;

import dev.distillery.testsupport.KafkaEvents;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.distillery.contracts.CloudEventHeaders;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleStatus;
import dev.distillery.contracts.TaskType;
import dev.distillery.contracts.Topics;
import dev.distillery.generation.Fixtures;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class PromptReadyConsumerTest {
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
  void answersAPromptWithAnOfflineSample() {
    String runId = Fixtures.newRunId();
    PromptReady prompt = Fixtures.prompt(runId, TaskType.CODE_IMPLEMENTATION, 0, "Usage", Fixtures.USAGE);

    kafka.send(prompt);

    ConsumerRecord<String, String> record = kafka.await(Topics.SAMPLE_GENERATED, runId, 1).get(0);
    SampleGenerated sample = EventRecords.codec().read(EventType.SAMPLE_GENERATED, record.value());
    assertThat(record.key()).isEqualTo(prompt.paperId());
    assertThat(EventRecords.header(record, CloudEventHeaders.TYPE)).isEqualTo("dev.distillery.sample.generated.v1");
    assertThat(sample.sampleId()).isEqualTo(Ids.sample(prompt.promptId()));
    assertThat(sample.eventId()).isEqualTo(Ids.event(EventType.SAMPLE_GENERATED, sample.sampleId()));
    assertThat(sample.status()).isEqualTo(SampleStatus.GENERATED);
    assertThat(sample.promptId()).isEqualTo(prompt.promptId());
    assertThat(sample.taskType()).isEqualTo(TaskType.CODE_IMPLEMENTATION);
    assertThat(sample.promptsPlannedForPaper()).isEqualTo(prompt.promptsPlannedForPaper());
    assertThat(sample.source()).isEqualTo(prompt.source());
    assertThat(sample.output()).contains("```python");
    assertThat(sample.generation().generator()).isEqualTo("offline-template");
    assertThat(sample.generation().offline()).isTrue();

    given().get("/runs/{runId}/progress", runId).then().statusCode(200)
        .body("promptsPlanned", is(0), "samplesGenerated", is(1), "samplesFailed", is(0));
    given().get("/q/metrics").then()
        .body(containsString("distillery_samples_generated_total{generator=\"offline-template\",status=\"generated\"}"));
  }

  @Test
  void theSamePromptContentGetsTheSameSampleInEveryRun() {
    String firstRun = Fixtures.newRunId();
    String secondRun = Fixtures.newRunId();

    kafka.send(Fixtures.prompt(firstRun, TaskType.PROBLEM_ANALYSIS, 2, "Summary", Fixtures.SUMMARY));
    kafka.send(Fixtures.prompt(secondRun, TaskType.PROBLEM_ANALYSIS, 2, "Summary", Fixtures.SUMMARY));

    SampleGenerated first = kafka.<SampleGenerated>awaitEvents(EventType.SAMPLE_GENERATED, firstRun, 1).get(0);
    SampleGenerated second = kafka.<SampleGenerated>awaitEvents(EventType.SAMPLE_GENERATED, secondRun, 1).get(0);
    assertThat(second.sampleId()).isNotEqualTo(first.sampleId());
    assertThat(second.instruction()).isEqualTo(first.instruction());
    assertThat(second.input()).isEqualTo(first.input());
    assertThat(second.output()).isEqualTo(first.output());
  }

  @Test
  void aMalformedPromptIsDeadLetteredWithItsReasonAndTheNextOneIsAnswered() {
    String marker = UUID.randomUUID().toString();
    String runId = Fixtures.newRunId();

    kafka.send(EventRecords.malformed(Topics.PROMPT_READY, "not json " + marker));
    kafka.send(Fixtures.prompt(runId, TaskType.CONCEPT_EXPLANATION, 0, "Summary", Fixtures.SUMMARY));

    ConsumerRecord<String, String> dead = kafka.await(Topics.deadLetter(Topics.PROMPT_READY), marker, 1).get(0);
    assertThat(EventRecords.header(dead, "dead-letter-reason")).startsWith("prompt.ready event is not JSON");
    assertThat(kafka.<SampleGenerated>awaitEvents(EventType.SAMPLE_GENERATED, runId, 1).get(0).status())
        .isEqualTo(SampleStatus.GENERATED);
  }
}
