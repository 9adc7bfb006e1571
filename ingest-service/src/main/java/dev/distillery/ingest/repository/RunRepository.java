package dev.distillery.ingest.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.distillery.contracts.EventCodec;
import dev.distillery.contracts.RunConfig;
import dev.distillery.ingest.Run;
import dev.distillery.ingest.RunStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

/** The runs table. */
@ApplicationScoped
public class RunRepository {
  private static final String COLUMNS = "run_id, name, status, config::text AS config, created_at, closed_at";

  @Inject Pool pool;
  @Inject EventCodec codec;

  public Uni<Void> insert(Run run) {
    return pool.preparedQuery(
            "INSERT INTO runs (run_id, name, status, config, created_at) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(run.runId(), run.name(), run.status().name(), new JsonObject(codec.toJson(run.config())),
            run.createdAt().atOffset(ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  /** The run, or null when there is none. */
  public Uni<Run> find(UUID runId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM runs WHERE run_id = $1")
        .execute(Tuple.of(runId))
        .map(this::first);
  }

  /**
   * The run, locked until the transaction ends, or null. Papers take a shared lock so that many can be posted
   * at once; closing takes an exclusive one, so no paper slips in after the paper list of run.closed is read.
   */
  public Uni<Run> lock(SqlClient tx, UUID runId, boolean exclusive) {
    return tx.preparedQuery(
            "SELECT " + COLUMNS + " FROM runs WHERE run_id = $1 FOR " + (exclusive ? "UPDATE" : "SHARE"))
        .execute(Tuple.of(runId))
        .map(this::first);
  }

  /** The newest runs first. */
  public Uni<List<Run>> newest(int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM runs ORDER BY created_at DESC, run_id LIMIT $1")
        .execute(Tuple.of(limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(this::toRun).toList());
  }

  public Uni<Void> close(SqlClient tx, UUID runId, Instant closedAt) {
    return tx.preparedQuery("UPDATE runs SET status = $2, closed_at = $3 WHERE run_id = $1")
        .execute(Tuple.of(runId, RunStatus.CLOSED.name(), closedAt.atOffset(ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  private Run first(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? toRun(iterator.next()) : null;
  }

  private Run toRun(Row row) {
    OffsetDateTime closedAt = row.getOffsetDateTime("closed_at");
    return new Run(
        row.getUUID("run_id"), row.getString("name"), RunStatus.valueOf(row.getString("status")),
        config(row.getString("config")), row.getOffsetDateTime("created_at").toInstant(),
        closedAt == null ? null : closedAt.toInstant());
  }

  private RunConfig config(String json) {
    try {
      return codec.mapper().readValue(json, RunConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored run config is not readable: " + e.getOriginalMessage(), e);
    }
  }
}
