package dev.distillery.commons.messaging;

import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventCodec;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.InvalidEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The one way a service consumes events: validate them, apply each exactly once, send what they caused.
 *
 * <ol>
 *   <li>A payload that is not a valid event is nacked; the connector's dead-letter strategy sends it to
 *       {@code <topic>.dlq} with the reason ({@code dead-letter-reason}), and consumption goes on.
 *   <li>In one transaction: claim the event ids in the inbox, apply the state changes, write the events they
 *       cause to the outbox. A replayed event claims nothing and changes nothing; what it caused the first
 *       time is sent again, with the same ids, in case the first send was lost in a crash.
 *   <li>After commit the outbox events are sent and acknowledged by the broker, and only then are the incoming
 *       records acknowledged (at-least-once).
 * </ol>
 *
 * <p>{@link #consume} takes one record per transaction: for a stage bound by something slower than the
 * database (a model call), whose records are handled concurrently. {@link #consumeBatch} takes a whole poll,
 * for a channel with {@code batch=true}: one statement claims every event of it, a {@link BatchHandler} applies
 * the fresh ones together on the same transaction, one batch of inserts writes the outbox, every send is in
 * flight at once and one update marks them sent. Per record, the cost is then the handler's own work instead of
 * three database round trips and a broker round trip. Poison payloads are dead-lettered after the rest of the
 * batch took effect, so no offset is committed past an event that has not. When the batch cannot be applied as
 * a whole (the handler threw {@link InvalidEventException}, or transient failures outlasted the retries), it is
 * applied again one event at a time, each with its own retries, so only the events that fail on their own are
 * dead-lettered.
 *
 * <p>Measured with {@code bench/} (see its README) on a 2-core machine that also ran the broker, the database
 * and other work: quality-service went from about 700 samples/s (one record per transaction) to 4,100–4,600
 * samples/s (batches of 500 through a {@link BatchHandler}, two consumers on a 4-partition topic, 256 KiB
 * producer batches, rules made three times cheaper), both with the JIT compiler warm.
 *
 * <p>A batch handler must not count on side effects outside the transaction being undone: a batch that is
 * retried, or applied again one event at a time, hands its fresh events over again.
 */
@ApplicationScoped
public class EventConsumer {
  private static final Logger LOG = Logger.getLogger(EventConsumer.class);

  /** Applies an event inside the transaction and returns the events it causes. */
  @FunctionalInterface
  public interface Handler<T extends DistilleryEvent> {
    Uni<List<? extends DistilleryEvent>> apply(T event, SqlConnection tx);
  }

  /**
   * Applies the fresh events of a batch inside the transaction, all together (one batch of inserts rather than
   * one insert per event), and returns what each causes, in the order of {@code events}. Throw
   * {@link InvalidEventException} for a batch with an event that can never be processed: the events are then
   * handed over again one per call, which tells the bad one apart.
   */
  @FunctionalInterface
  public interface BatchHandler<T extends DistilleryEvent> {
    Uni<List<List<? extends DistilleryEvent>>> apply(List<T> events, SqlConnection tx);

    /**
     * A per-event handler run over a batch one event after the other, each seeing what the previous ones wrote:
     * the way to batch a consumer whose handler was written for {@link #consume}.
     */
    static <T extends DistilleryEvent> BatchHandler<T> eachInOrder(Handler<T> handler) {
      return (events, tx) ->
          Multi.createFrom()
              .iterable(events)
              .onItem()
              .transformToUniAndConcatenate(event -> handler.apply(event, tx))
              .collect()
              .asList();
    }
  }

  @Inject Pool pool;
  @Inject EventCodec codec;
  @Inject Inbox inbox;
  @Inject Outbox outbox;
  @Inject EventPublisher publisher;
  @Inject MessagingConfig config;
  @Inject MeterRegistry registry;

  /** Consumes one record: for channels whose records are handled one at a time (or concurrently). */
  public <T extends DistilleryEvent> Uni<Void> consume(Message<String> message, EventType type, Handler<T> handler) {
    return deliver(List.of(message), type, BatchHandler.eachInOrder(handler))
        .chain(deadLettered -> deadLettered.isEmpty()
            ? Uni.createFrom().completionStage(message::ack)
            : Uni.createFrom().voidItem());
  }

  /**
   * Consumes everything one poll returned, for an {@code @Incoming} method of a channel configured with
   * {@code batch=true}. The batch is acknowledged through its last record per partition, as
   * {@link KafkaRecordBatch#ack()} does, leaving out records already dead-lettered (which the dead-letter
   * strategy acknowledged itself).
   */
  public <T extends DistilleryEvent> Uni<Void> consumeBatch(
      KafkaRecordBatch<String, String> batch, EventType type, BatchHandler<T> handler) {
    return deliver(batch.getRecords(), type, handler)
        .chain(deadLettered -> ack(batch.getLatestOffsetRecords().values(), deadLettered));
  }

  /** @return the records dead-lettered, already nacked; the others took effect and still need their ack */
  private <T extends DistilleryEvent> Uni<Set<Message<String>>> deliver(
      List<? extends Message<String>> records, EventType type, BatchHandler<T> handler) {
    Map<Message<String>, Throwable> rejected = new IdentityHashMap<>();
    List<Received<T>> readable = new ArrayList<>(records.size());
    for (Message<String> record : records) {
      try {
        readable.add(new Received<>(record, codec.read(type, record.getPayload())));
      } catch (InvalidEventException e) {
        rejected.put(record, e);
      }
    }
    return apply(readable, type, handler)
        .invoke(rejected::putAll)
        .chain(() -> deadLetter(records, rejected, type));
  }

  /**
   * Applies events in one transaction, retrying transient failures; when that does not succeed, one at a time.
   *
   * @return the events that could not be applied, with the reason
   */
  private <T extends DistilleryEvent> Uni<Map<Message<String>, Throwable>> apply(
      List<Received<T>> received, EventType type, BatchHandler<T> handler) {
    if (received.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return transaction(received, handler)
        .onFailure(failure -> !(failure instanceof InvalidEventException))
        .retry()
        .withBackOff(config.initialBackoff(), config.maxBackoff())
        .atMost(config.maxAttempts() - 1L)
        .map(
            applied -> {
              count(type, "processed", applied.processed());
              count(type, "duplicate", applied.duplicates());
              return Map.<Message<String>, Throwable>of();
            })
        .onFailure()
        .recoverWithUni(
            failure -> {
              if (received.size() == 1) {
                return Uni.createFrom().item(Map.of(received.get(0).message(), failure));
              }
              LOG.infof("a batch of %d %s events could not be applied as a whole (%s); applying them one at a time",
                  received.size(), type.topic(), failure.getMessage());
              return Multi.createFrom()
                  .iterable(received)
                  .onItem()
                  .transformToUniAndConcatenate(one -> apply(List.of(one), type, handler))
                  .collect()
                  .in(IdentityHashMap::new, Map::putAll);
            });
  }

  private <T extends DistilleryEvent> Uni<Applied> transaction(List<Received<T>> received, BatchHandler<T> handler) {
    List<T> events = received.stream().map(Received::event).toList();
    return pool.withTransaction(
            tx ->
                inbox
                    .claim(tx, events)
                    .flatMap(
                        claimed -> {
                          List<T> fresh = new ArrayList<>();
                          List<String> replayed = new ArrayList<>();
                          for (T event : events) {
                            if (claimed.remove(event.eventId())) {
                              fresh.add(event);
                            } else {
                              replayed.add(event.eventId());
                            }
                          }
                          return handle(fresh, handler, tx)
                              .flatMap(caused -> outbox.save(tx, caused))
                              .flatMap(
                                  saved ->
                                      outbox
                                          .causedBy(tx, replayed)
                                          .map(resent -> new Applied(fresh.size(), replayed.size(),
                                              distinct(saved, resent))));
                        }))
        .call(applied -> publisher.publish(applied.caused()));
  }

  private static <T extends DistilleryEvent> Uni<Map<String, List<? extends DistilleryEvent>>> handle(
      List<T> fresh, BatchHandler<T> handler, SqlConnection tx) {
    if (fresh.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return handler
        .apply(fresh, tx)
        .map(
            caused -> {
              if (caused.size() != fresh.size()) {
                throw new IllegalStateException(
                    "a batch handler returned what " + caused.size() + " events caused for " + fresh.size() + " events");
              }
              Map<String, List<? extends DistilleryEvent>> bySource = new LinkedHashMap<>();
              for (int i = 0; i < fresh.size(); i++) {
                bySource.put(fresh.get(i).eventId(), caused.get(i));
              }
              return bySource;
            });
  }

  /** An event delivered twice in one batch is sent once. */
  private static List<OutboxMessage> distinct(List<OutboxMessage> saved, List<OutboxMessage> resent) {
    if (resent.isEmpty()) {
      return saved;
    }
    Map<String, OutboxMessage> byId = new LinkedHashMap<>();
    saved.forEach(m -> byId.putIfAbsent(m.eventId(), m));
    resent.forEach(m -> byId.putIfAbsent(m.eventId(), m));
    return List.copyOf(byId.values());
  }

  /** Nacks in record order, so the dead-letter topic keeps the input's order. */
  private Uni<Set<Message<String>>> deadLetter(
      List<? extends Message<String>> records, Map<Message<String>, Throwable> reasons, EventType type) {
    Set<Message<String>> deadLettered = Collections.newSetFromMap(new IdentityHashMap<>());
    if (reasons.isEmpty()) {
      return Uni.createFrom().item(deadLettered);
    }
    return Multi.createFrom()
        .iterable(records)
        .select()
        .where(reasons::containsKey)
        .onItem()
        .transformToUniAndConcatenate(
            record -> {
              Throwable reason = reasons.get(record);
              LOG.warnf("dead-lettering a %s event: %s", type.topic(), reason.getMessage());
              count(type, "dead_lettered", 1);
              deadLettered.add(record);
              return Uni.createFrom().completionStage(() -> record.nack(reason));
            })
        .collect()
        .last()
        .replaceWith(deadLettered);
  }

  private static Uni<Void> ack(Collection<? extends Message<String>> records, Set<Message<String>> deadLettered) {
    List<Uni<Void>> acks =
        records.stream()
            .filter(record -> !deadLettered.contains(record))
            .map(record -> Uni.createFrom().completionStage(record::ack))
            .toList();
    return acks.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(acks).andFailFast().replaceWithVoid();
  }

  private void count(EventType type, String outcome, int events) {
    if (events > 0) {
      registry.counter("distillery.events.consumed", "topic", type.topic(), "outcome", outcome).increment(events);
    }
  }

  private record Received<T extends DistilleryEvent>(Message<String> message, T event) {}

  private record Applied(int processed, int duplicates, List<OutboxMessage> caused) {}
}
