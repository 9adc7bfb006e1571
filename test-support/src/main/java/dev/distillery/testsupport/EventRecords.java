package dev.distillery.testsupport;

import dev.distillery.contracts.CloudEventHeaders;
import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/** Builds Kafka records the way the services do, and reads their headers, for tests. */
public final class EventRecords {
  private static final EventCodec CODEC = new EventCodec();

  private EventRecords() {}

  public static EventCodec codec() {
    return CODEC;
  }

  public static ProducerRecord<String, String> of(DistilleryEvent event) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(event.type().topic(), event.key(), CODEC.toJson(event));
    CloudEventHeaders.of(event, "/distillery/test")
        .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  /** A record that no schema accepts, to check dead-lettering. */
  public static ProducerRecord<String, String> malformed(String topic, String payload) {
    return new ProducerRecord<>(topic, "malformed", payload);
  }

  public static String header(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
