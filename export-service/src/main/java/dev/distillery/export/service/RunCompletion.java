package dev.distillery.export.service;

import dev.distillery.export.repository.RunRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;

/**
 * Decides, from counts alone, when a run is complete. Every event that can complete a run (its run.closed,
 * any of its samples) is applied through {@link #apply}: under the run's lock, the state change, then the
 * completion check, all in the event's transaction.
 */
@ApplicationScoped
public class RunCompletion {
  @Inject RunRepository runs;

  /**
   * @param change the event's writes, on the same transaction
   * @return true when this transaction claimed the run for export
   */
  public Uni<Boolean> apply(SqlClient tx, String runId, Function<SqlClient, Uni<?>> change) {
    return runs.lock(tx, runId)
        .chain(() -> change.apply(tx))
        .chain(() -> runs.claimIfComplete(tx, runId));
  }
}
