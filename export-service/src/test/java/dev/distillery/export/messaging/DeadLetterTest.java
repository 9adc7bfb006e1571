package dev.distillery.export.messaging;

import static dev.distillery.contracts.Verdict.ACCEPTED;
import static dev.distillery.export.Pipeline.PATIENCE;
import static dev.distillery.export.Pipeline.awaitReceived;
import static dev.distillery.export.Pipeline.kafka;
import static dev.distillery.export.Pipeline.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.Topics;
import dev.distillery.export.TestRun;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class DeadLetterTest {

  @Test
  void aMalformedSampleGoesToTheDeadLetterTopicAndTheNextOneIsStillApplied() {
    String marker = UUID.randomUUID().toString();
    send(EventRecords.malformed(Topics.SAMPLE_VALIDATED, "{\"runId\": \"" + marker + "\", \"verdict\": \"MAYBE\"}"));
    TestRun run = new TestRun(TestRun.config(0.1, false, ExportFormat.OPENAI_CHAT));
    run.paper("Paper Eta", ACCEPTED, ACCEPTED);
    send(run.samples().get(0));

    String deadLetters = Topics.deadLetter(Topics.SAMPLE_VALIDATED);
    try (ConsumerTask<String, String> dlq = kafka().consumeStrings().fromTopics(deadLetters)) {
      await().atMost(PATIENCE).until(() -> dlq.getRecords().stream().anyMatch(r -> r.value().contains(marker)));
      ConsumerRecord<String, String> dead =
          dlq.getRecords().stream().filter(r -> r.value().contains(marker)).findFirst().orElseThrow();
      assertThat(EventRecords.header(dead, "dead-letter-reason"))
          .contains("sample.validated event does not match its schema");
    }
    awaitReceived(run.runId(), 1);
  }
}
