package dev.distillery.generation.repository;

import dev.distillery.contracts.PromptReady;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/** The prompts table: every prompt planned, one row each. */
@ApplicationScoped
public class PromptRepository {
  @Inject Pool pool;

  /** Stores the prompts inside the caller's transaction and says how many were new. */
  public Uni<Integer> saveAll(SqlClient tx, List<PromptReady> prompts) {
    if (prompts.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    List<Tuple> rows =
        prompts.stream()
            .map(
                p ->
                    Tuple.tuple(
                        List.of(UUID.fromString(p.promptId()), UUID.fromString(p.runId()), UUID.fromString(p.paperId()),
                            UUID.fromString(p.segmentId()), p.taskType().name(), p.promptOrdinal(),
                            p.promptsPlannedForPaper())))
            .toList();
    return tx.preparedQuery(
            "INSERT INTO prompts (prompt_id, run_id, paper_id, segment_id, task_type, prompt_ordinal,"
                + " prompts_planned_for_paper) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (prompt_id) DO NOTHING")
        .executeBatch(rows)
        .map(
            result -> {
              int inserted = 0;
              for (var r = result; r != null; r = r.next()) {
                inserted += r.rowCount();
              }
              return inserted;
            });
  }

  public Uni<Long> countForRun(String runId) {
    return pool.preparedQuery("SELECT count(*) AS n FROM prompts WHERE run_id = $1")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> rows.iterator().next().getLong("n"));
  }
}
