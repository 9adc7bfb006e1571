package dev.distillery.commons.messaging;

import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

/** The outbox table of the current service's schema. */
@ApplicationScoped
public class Outbox {
  private static final String COLUMNS = "event_id, topic, record_key, ce_type, produced_at, payload";

  @Inject EventCodec codec;
  @Inject Pool pool;

  /**
   * Records events to send, inside the caller's transaction. An event already in the outbox (same
   * deterministic id) is kept as it is.
   *
   * @param sourceEventId the event that caused these, or null when a REST call did
   */
  public Uni<List<OutboxMessage>> save(SqlClient tx, String sourceEventId, List<? extends DistilleryEvent> events) {
    Map<String, List<? extends DistilleryEvent>> bySource = new HashMap<>();
    bySource.put(sourceEventId, events);
    return save(tx, bySource);
  }

  /**
   * Records the events several incoming events caused, in one batch of inserts.
   *
   * @param bySource the caused events per causing event id (a null key for events a REST call caused)
   * @return what was recorded, in the order of the map and of each list
   */
  public Uni<List<OutboxMessage>> save(SqlClient tx, Map<String, List<? extends DistilleryEvent>> bySource) {
    List<OutboxMessage> messages = new ArrayList<>();
    List<Tuple> rows = new ArrayList<>();
    bySource.forEach(
        (sourceEventId, events) -> {
          UUID source = sourceEventId == null ? null : UUID.fromString(sourceEventId);
          for (DistilleryEvent event : events) {
            OutboxMessage m = OutboxMessage.of(event, codec);
            messages.add(m);
            rows.add(
                Tuple.tuple(
                        List.of(UUID.fromString(m.eventId()), m.topic(), m.key(), m.ceType(),
                            m.producedAt().atOffset(ZoneOffset.UTC), m.payload()))
                    .addValue(source));
          }
        });
    if (rows.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return tx.preparedQuery(
            "INSERT INTO outbox (" + COLUMNS + ", source_event_id) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                + " ON CONFLICT (event_id) DO NOTHING")
        .executeBatch(rows)
        .replaceWith(messages);
  }

  /** The events given incoming events caused, to send again when they are replayed. */
  public Uni<List<OutboxMessage>> causedBy(SqlClient tx, List<String> sourceEventIds) {
    if (sourceEventIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    UUID[] ids = sourceEventIds.stream().map(UUID::fromString).toArray(UUID[]::new);
    return tx.preparedQuery(
            "SELECT " + COLUMNS + " FROM outbox WHERE source_event_id = ANY($1) ORDER BY produced_at, event_id")
        .execute(Tuple.of(ids))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(Outbox::toMessage).toList());
  }

  /** Events written more than {@code olderThanSeconds} ago and never confirmed sent. */
  public Uni<List<OutboxMessage>> unsent(int olderThanSeconds, int limit) {
    return pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM outbox WHERE sent_at IS NULL"
                + " AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2")
        .execute(Tuple.of(olderThanSeconds, limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(Outbox::toMessage).toList());
  }

  public Uni<Void> markSent(List<OutboxMessage> messages) {
    if (messages.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    UUID[] ids = messages.stream().map(m -> UUID.fromString(m.eventId())).toArray(UUID[]::new);
    return pool.preparedQuery("UPDATE outbox SET sent_at = now() WHERE event_id = ANY($1) AND sent_at IS NULL")
        .execute(Tuple.of(ids))
        .replaceWithVoid();
  }

  private static OutboxMessage toMessage(Row row) {
    Instant producedAt = row.getOffsetDateTime("produced_at").toInstant();
    return new OutboxMessage(
        row.getUUID("event_id").toString(), row.getString("topic"), row.getString("record_key"),
        row.getString("ce_type"), producedAt, row.getString("payload"));
  }
}
