package dev.distillery.commons.messaging;

import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventCodec;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.InvalidEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The one way a service consumes an event: validate it, apply it exactly once, send what it caused.
 *
 * <ol>
 *   <li>A payload that is not a valid event is nacked; the connector's dead-letter strategy sends it to
 *       {@code <topic>.dlq} with the reason, and consumption goes on.
 *   <li>In one transaction: claim the event id in the inbox, apply the state change, write the events it
 *       causes to the outbox. A replayed event claims nothing and changes nothing; what it caused the
 *       first time is sent again, with the same ids, in case the first send was lost in a crash.
 *   <li>After commit the outbox events are sent and acknowledged, and only then is the incoming record
 *       acknowledged (at-least-once).
 * </ol>
 */
@ApplicationScoped
public class EventConsumer {
  private static final Logger LOG = Logger.getLogger(EventConsumer.class);

  /** Applies an event inside the transaction and returns the events it causes. */
  @FunctionalInterface
  public interface Handler<T extends DistilleryEvent> {
    Uni<List<? extends DistilleryEvent>> apply(T event, SqlConnection tx);
  }

  @Inject Pool pool;
  @Inject EventCodec codec;
  @Inject Inbox inbox;
  @Inject Outbox outbox;
  @Inject EventPublisher publisher;
  @Inject MessagingConfig config;
  @Inject MeterRegistry registry;

  public <T extends DistilleryEvent> Uni<Void> consume(Message<String> message, EventType type, Handler<T> handler) {
    T event;
    try {
      event = codec.read(type, message.getPayload());
    } catch (InvalidEventException e) {
      return deadLetter(message, type, e);
    }
    return apply(event, handler)
        .onFailure(failure -> !(failure instanceof InvalidEventException))
        .retry()
        .withBackOff(config.initialBackoff(), config.maxBackoff())
        .atMost(config.maxAttempts() - 1L)
        .onItemOrFailure()
        .transformToUni(
            (outcome, failure) -> {
              if (failure != null) {
                return deadLetter(message, type, failure);
              }
              count(type, outcome);
              return Uni.createFrom().completionStage(message.ack());
            });
  }

  private <T extends DistilleryEvent> Uni<String> apply(T event, Handler<T> handler) {
    return pool.withTransaction(
            tx ->
                inbox
                    .claim(tx, event)
                    .flatMap(
                        fresh ->
                            fresh
                                ? handler
                                    .apply(event, tx)
                                    .flatMap(caused -> outbox.save(tx, event.eventId(), caused))
                                    .map(sent -> new Applied("processed", sent))
                                : outbox.causedBy(tx, event.eventId()).map(sent -> new Applied("duplicate", sent))))
        .flatMap(applied -> publisher.publish(applied.caused()).replaceWith(applied.outcome()));
  }

  private Uni<Void> deadLetter(Message<String> message, EventType type, Throwable reason) {
    LOG.warnf("dead-lettering a %s event: %s", type.topic(), reason.getMessage());
    count(type, "dead_lettered");
    return Uni.createFrom().completionStage(message.nack(reason));
  }

  private void count(EventType type, String outcome) {
    registry.counter("distillery.events.consumed", "topic", type.topic(), "outcome", outcome).increment();
  }

  private record Applied(String outcome, List<OutboxMessage> caused) {}
}
