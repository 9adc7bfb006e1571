package dev.distillery.training.repository;

import dev.distillery.contracts.TrainingProgress;
import dev.distillery.contracts.TrainingState;
import dev.distillery.training.StatusChange;
import dev.distillery.training.Training;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The status history of training jobs: one row per published status. */
@ApplicationScoped
public class StatusHistoryRepository {
  @Inject Pool pool;

  /** Appends the job's current status, in the transaction that records it. */
  public Uni<Void> append(SqlClient tx, Training t, Instant at) {
    return tx.preparedQuery(
            "INSERT INTO training_status_history (training_id, sequence, attempt, state, reason, progress, changed_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (training_id, sequence) DO NOTHING")
        .execute(
            Tuple.from(
                Arrays.asList(
                    UUID.fromString(t.id()), t.sequence(), t.attempt(), t.state().name(), t.reason(),
                    t.progress() == null ? null : JsonObject.mapFrom(t.progress()), at.atOffset(ZoneOffset.UTC))))
        .replaceWithVoid();
  }

  /** A job's statuses, first to last. */
  public Uni<List<StatusChange>> history(UUID trainingId) {
    return pool.preparedQuery(
            "SELECT sequence, attempt, state, reason, progress, changed_at FROM training_status_history"
                + " WHERE training_id = $1 ORDER BY sequence")
        .execute(Tuple.of(trainingId))
        .map(
            rows -> {
              List<StatusChange> changes = new ArrayList<>();
              for (Row row : rows) {
                JsonObject progress = row.getJsonObject("progress");
                changes.add(
                    new StatusChange(
                        row.getLong("sequence"),
                        row.getInteger("attempt"),
                        TrainingState.valueOf(row.getString("state")),
                        row.getString("reason"),
                        progress == null ? null : progress.mapTo(TrainingProgress.class),
                        row.getOffsetDateTime("changed_at").toInstant()));
              }
              return changes;
            });
  }
}
