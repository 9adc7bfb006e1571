package dev.distillery.commons.messaging;

import dev.distillery.contracts.DistilleryEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The inbox table of the current service's schema: which events were already applied. */
@ApplicationScoped
public class Inbox {

  /**
   * Claims events in the caller's transaction, in one statement whatever their number.
   *
   * @return the ids that were new and are now claimed; an id missing from it is a replay (or appears twice in
   *     {@code events})
   */
  public Uni<Set<String>> claim(SqlClient tx, List<? extends DistilleryEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    UUID[] ids = new UUID[events.size()];
    String[] topics = new String[events.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = UUID.fromString(events.get(i).eventId());
      topics[i] = events.get(i).type().topic();
    }
    return tx.preparedQuery(
            "INSERT INTO inbox (event_id, topic) SELECT * FROM unnest($1::uuid[], $2::text[])"
                + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id")
        .execute(Tuple.of(ids, topics))
        .map(
            rows -> {
              Set<String> claimed = new HashSet<>();
              for (Row row : rows) {
                claimed.add(row.getUUID("event_id").toString());
              }
              return claimed;
            });
  }
}
