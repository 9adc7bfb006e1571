package dev.distillery.commons.messaging;

import dev.distillery.contracts.DistilleryEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The inbox table of the current service's schema: which events were already applied. */
@ApplicationScoped
public class Inbox {

  /** True when the event is new and now claimed by the caller's transaction; false for a replay. */
  public Uni<Boolean> claim(SqlClient tx, DistilleryEvent event) {
    return tx.preparedQuery("INSERT INTO inbox (event_id, topic) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING")
        .execute(Tuple.of(UUID.fromString(event.eventId()), event.type().topic()))
        .map(result -> result.rowCount() == 1);
  }
}
