package dev.distillery.testsupport;

import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

/** Sends events to the test broker and reads back what the service published, picked out by a marker. */
public final class KafkaEvents implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(45);

  private final KafkaCompanion companion =
      new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

  public void send(DistilleryEvent event) {
    send(EventRecords.of(event));
  }

  public void send(ProducerRecord<String, String> record) {
    companion.produceStrings().fromRecords(record).awaitCompletion(WAIT);
  }

  /** Waits for at least {@code count} records of the topic whose payload contains the marker (a run id, say). */
  public List<ConsumerRecord<String, String>> await(String topic, String marker, int count) {
    try (ConsumerTask<String, String> task =
        companion.consumeStrings()
            .fromTopics(topic, records -> records.filter(r -> r.value() != null && r.value().contains(marker)))) {
      return task.awaitRecords(count, WAIT).getRecords();
    }
  }

  public <T extends DistilleryEvent> List<T> awaitEvents(EventType type, String marker, int count) {
    return await(type.topic(), marker, count).stream()
        .map(r -> EventRecords.codec().<T>read(type, r.value()))
        .toList();
  }

  @Override
  public void close() {
    companion.close();
  }
}
