package dev.distillery.commons.messaging;

import dev.distillery.contracts.EventCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One {@link EventCodec} per service: its schemas are compiled once. */
public class EventCodecProducer {
  @Produces
  @Singleton
  EventCodec eventCodec() {
    return new EventCodec();
  }
}
