package dev.distillery.training.repository;

import dev.distillery.training.Adapter;
import dev.distillery.training.Engine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The adapters table: the registry of trained adapters. */
@ApplicationScoped
public class AdapterRepository {
  private static final String COLUMNS =
      "adapter_id, training_id, run_id, dataset_id, base_model, engine, location, steps, epoch, final_loss,"
          + " final_eval_loss, paper_ids, created_at";

  @Inject Pool pool;

  /** Registers an adapter; registering the same one again changes nothing. */
  public Uni<Void> insert(SqlClient tx, Adapter a) {
    return tx.preparedQuery(
            "INSERT INTO adapters (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())"
                + " ON CONFLICT (adapter_id) DO NOTHING")
        .execute(
            Tuple.from(
                Arrays.asList(
                    UUID.fromString(a.id()), UUID.fromString(a.trainingId()), UUID.fromString(a.runId()),
                    UUID.fromString(a.datasetId()), a.baseModel(), a.engine().name(), a.location(), a.steps(),
                    a.epoch(), a.finalLoss(), a.finalEvalLoss(), a.paperIds().toArray(String[]::new))))
        .replaceWithVoid();
  }

  public Uni<Optional<Adapter>> find(UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM adapters WHERE adapter_id = $1")
        .execute(Tuple.of(id))
        .map(rows -> toList(rows).stream().findFirst());
  }

  /** All adapters, or a run's when {@code runId} is given; oldest first. */
  public Uni<List<Adapter>> list(Optional<UUID> runId) {
    return runId
        .map(
            run ->
                pool.preparedQuery("SELECT " + COLUMNS + " FROM adapters WHERE run_id = $1 ORDER BY created_at, adapter_id")
                    .execute(Tuple.of(run)))
        .orElseGet(() -> pool.query("SELECT " + COLUMNS + " FROM adapters ORDER BY created_at, adapter_id").execute())
        .map(AdapterRepository::toList);
  }

  private static List<Adapter> toList(RowSet<Row> rows) {
    List<Adapter> adapters = new ArrayList<>();
    for (Row row : rows) {
      adapters.add(
          new Adapter(
              row.getUUID("adapter_id").toString(),
              row.getUUID("training_id").toString(),
              row.getUUID("run_id").toString(),
              row.getUUID("dataset_id").toString(),
              row.getString("base_model"),
              Engine.valueOf(row.getString("engine")),
              row.getString("location"),
              row.getLong("steps"),
              row.getDouble("epoch"),
              row.getDouble("final_loss"),
              row.getDouble("final_eval_loss"),
              List.of(row.getArrayOfStrings("paper_ids")),
              row.getOffsetDateTime("created_at").toInstant()));
    }
    return adapters;
  }
}
