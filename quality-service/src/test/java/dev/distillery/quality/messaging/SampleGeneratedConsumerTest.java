package dev.distillery.quality.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.distillery.contracts.EventType;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleValidated;
import dev.distillery.contracts.Topics;
import dev.distillery.contracts.Verdict;
import dev.distillery.quality.SampleFixtures;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class SampleGeneratedConsumerTest {
  private static final String GOOD_OUTPUT =
      "Several attention heads run in parallel on projected inputs and their results are concatenated.";
  private static KafkaCompanion kafka;
  private static ConsumerTask<String, String> validated;
  private static ConsumerTask<String, String> deadLetters;

  @BeforeAll
  static void connect() {
    kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    validated = kafka.consumeStrings().fromTopics(Topics.SAMPLE_VALIDATED);
    deadLetters = kafka.consumeStrings().fromTopics(Topics.deadLetter(Topics.SAMPLE_GENERATED));
  }

  @AfterAll
  static void close() {
    validated.stop();
    deadLetters.stop();
    kafka.close();
  }

  @Test
  void everySampleGetsAVerdictOnSampleValidatedWithCloudEventsHeaders() {
    String runId = UUID.randomUUID().toString();
    SampleGenerated good = SampleFixtures.generated(runId, "Explain multi-head attention.", GOOD_OUTPUT);
    SampleGenerated empty = SampleFixtures.generated(runId, "Explain attention.", "");
    SampleGenerated failed = SampleFixtures.failed(runId, "HTTP 500");

    kafka.produceStrings().fromRecords(EventRecords.of(good), EventRecords.of(empty), EventRecords.of(failed))
        .awaitCompletion();

    List<ConsumerRecord<String, String>> records = validatedFor(runId, 3);
    assertThat(read(records, good.sampleId()).verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(read(records, empty.sampleId()).reasons()).contains("missing-field: output is empty");
    assertThat(read(records, failed.sampleId()).verdict()).isEqualTo(Verdict.FAILED);

    ConsumerRecord<String, String> record =
        records.stream().filter(r -> r.value().contains(good.sampleId())).findFirst().orElseThrow();
    assertThat(record.key()).isEqualTo(good.paperId());
    assertThat(EventRecords.header(record, "ce_id")).isEqualTo(read(List.of(record), good.sampleId()).eventId());
    assertThat(EventRecords.header(record, "ce_specversion")).isEqualTo("1.0");
    assertThat(EventRecords.header(record, "ce_type")).isEqualTo("dev.distillery.sample.validated.v1");
    assertThat(EventRecords.header(record, "ce_source")).isEqualTo("/distillery/quality-service");
    assertThat(EventRecords.header(record, "ce_time")).isNotBlank();
    assertThat(EventRecords.header(record, "content-type")).isEqualTo("application/json");

    given().get("/runs/{id}/progress", runId).then().statusCode(200)
        .body("accepted", equalTo(1)).body("rejected", equalTo(1)).body("failed", equalTo(1));
    given().get("/q/metrics").then().statusCode(200)
        .body(containsString("distillery_samples_validated_total{verdict=\"accepted\"}"));
  }

  @Test
  void aReplayedSampleChangesNothing() {
    String runId = UUID.randomUUID().toString();
    SampleGenerated sample = SampleFixtures.generated(runId, "Explain multi-head attention.", GOOD_OUTPUT);
    kafka.produceStrings().fromRecords(EventRecords.of(sample)).awaitCompletion();
    validatedFor(runId, 1);

    kafka.produceStrings().fromRecords(EventRecords.of(sample)).awaitCompletion();

    // a replay re-sends what the first delivery caused, with the same event id, and stores nothing new
    List<ConsumerRecord<String, String>> both = validatedFor(runId, 2);
    assertThat(both).extracting(r -> EventRecords.header(r, "ce_id")).containsOnly(
        EventRecords.header(both.get(0), "ce_id"));
    given().get("/runs/{id}/progress", runId).then().statusCode(200)
        .body("accepted", equalTo(1)).body("rejected", equalTo(0)).body("failed", equalTo(0));
  }

  @Test
  void aMalformedEventGoesToTheDeadLetterTopicWithAReasonAndTheNextOneIsProcessed() {
    String runId = UUID.randomUUID().toString();
    SampleGenerated next = SampleFixtures.generated(runId, "Explain multi-head attention.", GOOD_OUTPUT);
    kafka.produceStrings()
        .fromRecords(
            EventRecords.malformed(Topics.SAMPLE_GENERATED, "{\"eventId\": \"" + runId),
            EventRecords.malformed(Topics.SAMPLE_GENERATED, "{\"eventId\": \"" + runId + "\"}"),
            EventRecords.of(next))
        .awaitCompletion();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<ConsumerRecord<String, String>> dead =
          deadLetters.getRecords().stream().filter(r -> r.value().contains(runId)).toList();
      assertThat(dead).hasSize(2);
      assertThat(dead).extracting(r -> EventRecords.header(r, "dead-letter-reason"))
          .anyMatch(reason -> reason.startsWith("sample.generated event is not JSON"))
          .anyMatch(reason -> reason.startsWith("sample.generated event does not match its schema"));
    });
    assertThat(read(validatedFor(runId, 1), next.sampleId()).verdict()).isEqualTo(Verdict.ACCEPTED);
  }

  private static List<ConsumerRecord<String, String>> validatedFor(String runId, int expected) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> validated.getRecords().stream().filter(r -> r.value().contains(runId)).toList(),
            records -> records.size() >= expected);
  }

  private static SampleValidated read(List<ConsumerRecord<String, String>> records, String sampleId) {
    return records.stream()
        .map(r -> EventRecords.codec().<SampleValidated>read(EventType.SAMPLE_VALIDATED, r.value()))
        .filter(v -> v.sampleId().equals(sampleId))
        .findFirst()
        .orElseThrow();
  }
}
