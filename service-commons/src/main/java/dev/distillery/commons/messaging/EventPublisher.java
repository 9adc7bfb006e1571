package dev.distillery.commons.messaging;

import dev.distillery.contracts.CloudEventHeaders;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends outbox messages to their topics with CloudEvents binary-mode headers, waits for the broker's
 * acknowledgement, then marks them sent.
 */
@ApplicationScoped
public class EventPublisher {
  @Inject
  @Channel("events-out")
  @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
  MutinyEmitter<String> emitter;

  @Inject Outbox outbox;

  @ConfigProperty(name = "quarkus.application.name")
  String serviceName;

  public Uni<Void> publish(List<OutboxMessage> messages) {
    if (messages.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Uni<Void>> sends = messages.stream().map(this::send).toList();
    return Uni.join().all(sends).andFailFast().chain(() -> outbox.markSent(messages));
  }

  private Uni<Void> send(OutboxMessage message) {
    RecordHeaders headers = new RecordHeaders();
    header(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
    header(headers, CloudEventHeaders.ID, message.eventId());
    header(headers, CloudEventHeaders.TYPE, message.ceType());
    header(headers, CloudEventHeaders.SOURCE, "/distillery/" + serviceName);
    header(headers, CloudEventHeaders.TIME, message.producedAt().toString());
    header(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(message.topic())
            .withKey(message.key())
            .withHeaders(headers)
            .build();
    return emitter.sendMessage(Message.of(message.payload()).addMetadata(metadata));
  }

  private static void header(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
