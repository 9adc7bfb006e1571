package dev.distillery.commons.messaging;

import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventCodec;
import java.time.Instant;

/** An event as it waits in the outbox: already serialised, with everything needed to send it again. */
public record OutboxMessage(
    String eventId, String topic, String key, String ceType, Instant producedAt, String payload) {

  public static OutboxMessage of(DistilleryEvent event, EventCodec codec) {
    return new OutboxMessage(
        event.eventId(), event.type().topic(), event.key(), event.type().cloudEventType(), event.producedAt(),
        codec.toJson(event));
  }
}
