package dev.distillery.quality.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.distillery.commons.messaging.EventConsumer;
import dev.distillery.commons.messaging.EventConsumer.BatchHandler;
import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.InvalidEventException;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleValidated;
import dev.distillery.contracts.Topics;
import dev.distillery.contracts.Verdict;
import dev.distillery.quality.SampleFixtures;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a whole poll of records does, handed to the consumer the way the Kafka connector hands it over, with the
 * connector's acknowledgement and dead-letter handling recorded instead of performed.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class BatchDeliveryTest {
  private static final String GOOD_OUTPUT =
      "Several attention heads run in parallel on projected inputs and their results are concatenated.";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static KafkaCompanion kafka;
  private static ConsumerTask<String, String> validated;

  @Inject SampleGeneratedConsumer quality;
  @Inject EventConsumer consumer;

  @BeforeAll
  static void connect() {
    kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    validated = kafka.consumeStrings().fromTopics(Topics.SAMPLE_VALIDATED);
  }

  @AfterAll
  static void close() {
    validated.stop();
    kafka.close();
  }

  @Test
  void aBatchJudgesEverySampleOnceAndDeadLettersOnlyItsPoisonRecord() {
    String runId = UUID.randomUUID().toString();
    SampleGenerated good = SampleFixtures.generated(runId, "Explain multi-head attention.", GOOD_OUTPUT);
    SampleGenerated empty = SampleFixtures.generated(runId, "Explain attention.", "");
    // the poison record sits between good ones, and the first sample comes twice in the same poll
    Poll poll = new Poll(List.of(json(good), "{\"eventId\": \"" + runId, json(empty), json(good)));

    quality.consume(poll.batch).await().atMost(TIMEOUT);

    assertThat(poll.deadLettered).containsOnlyKeys(1L);
    assertThat(poll.deadLettered.get(1L).getMessage()).startsWith("sample.generated event is not JSON");
    assertThat(poll.acknowledged).containsExactly(3L);
    assertThat(verdictsFor(runId, 2)).containsOnlyKeys(good.sampleId(), empty.sampleId());
    given().get("/runs/{id}/progress", runId).then().statusCode(200)
        .body("accepted", equalTo(1)).body("rejected", equalTo(1)).body("failed", equalTo(0));
  }

  @Test
  void whenTheHandlerRejectsOneEventOfABatchOnlyThatEventIsDeadLettered() {
    String runId = UUID.randomUUID().toString();
    SampleGenerated first = SampleFixtures.generated(runId, "Explain multi-head attention.", GOOD_OUTPUT);
    SampleGenerated poison = SampleFixtures.generated(runId, "Explain nothing at all.", GOOD_OUTPUT);
    SampleGenerated last = SampleFixtures.generated(runId, "Explain attention.", GOOD_OUTPUT);
    Poll poll = new Poll(List.of(json(first), json(poison), json(last)));
    List<Integer> handedOver = new CopyOnWriteArrayList<>();
    BatchHandler<SampleGenerated> handler =
        (samples, tx) -> {
          handedOver.add(samples.size());
          if (samples.stream().anyMatch(s -> s.sampleId().equals(poison.sampleId()))) {
            throw new InvalidEventException("sample " + poison.sampleId() + " cannot be judged");
          }
          return Uni.createFrom().item(samples.stream().<List<? extends DistilleryEvent>>map(s -> List.of(
              SampleValidated.of(s, Verdict.ACCEPTED, 1.0, Map.of(), List.of(), Instant.now()))).toList());
        };

    consumer.consumeBatch(poll.batch, EventType.SAMPLE_GENERATED, handler).await().atMost(TIMEOUT);

    assertThat(handedOver).containsExactly(3, 1, 1, 1);
    assertThat(poll.deadLettered).containsOnlyKeys(1L);
    assertThat(poll.deadLettered.get(1L)).hasMessage("sample " + poison.sampleId() + " cannot be judged");
    assertThat(poll.acknowledged).containsExactly(2L);
    assertThat(verdictsFor(runId, 2)).containsOnlyKeys(first.sampleId(), last.sampleId());
  }

  private static String json(SampleGenerated sample) {
    return EventRecords.codec().toJson(sample);
  }

  /** Verdicts on sample.validated for a run, by sample id, once at least {@code expected} are there. */
  private static Map<String, SampleValidated> verdictsFor(String runId, int expected) {
    Map<String, SampleValidated> bySample = new ConcurrentHashMap<>();
    await().atMost(TIMEOUT).untilAsserted(() -> {
      validated.getRecords().stream()
          .filter(r -> r.value().contains(runId))
          .map(r -> EventRecords.codec().<SampleValidated>read(EventType.SAMPLE_VALIDATED, r.value()))
          .forEach(v -> bySample.put(v.sampleId(), v));
      assertThat(bySample).hasSizeGreaterThanOrEqualTo(expected);
    });
    return bySample;
  }

  /** One poll of one partition, offsets from 0, recording what gets acknowledged and dead-lettered. */
  private static final class Poll {
    final Map<Long, Throwable> deadLettered = new ConcurrentHashMap<>();
    final List<Long> acknowledged = new CopyOnWriteArrayList<>();
    final IncomingKafkaRecordBatch<String, String> batch;

    Poll(List<String> payloads) {
      TopicPartition partition = new TopicPartition(Topics.SAMPLE_GENERATED, 0);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      for (int offset = 0; offset < payloads.size(); offset++) {
        records.add(new ConsumerRecord<>(Topics.SAMPLE_GENERATED, 0, offset, "paper", payloads.get(offset)));
      }
      KafkaCommitHandler commits =
          new KafkaCommitHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
              acknowledged.add(record.getOffset());
              return Uni.createFrom().voidItem();
            }
          };
      KafkaFailureHandler deadLetters =
          new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
              deadLettered.put(record.getOffset(), reason);
              return Uni.createFrom().voidItem();
            }
          };
      batch = new IncomingKafkaRecordBatch<>(
          new ConsumerRecords<>(Map.of(partition, records)), "sample-generated", -1, commits, deadLetters, false,
          false);
    }
  }
}
