package dev.distillery.quality.repository;

import dev.distillery.contracts.SampleValidated;
import dev.distillery.contracts.Verdict;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The validations table: one verdict per sample. */
@ApplicationScoped
public class ValidationRepository {
  @Inject Pool pool;

  /** Stores verdicts with one batch of inserts; a sample judged before keeps its first verdict. */
  public Uni<Void> save(SqlClient tx, List<SampleValidated> verdicts) {
    if (verdicts.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>(verdicts.size());
    for (SampleValidated v : verdicts) {
      rows.add(
          Tuple.of(UUID.fromString(v.sampleId()), UUID.fromString(v.runId()), UUID.fromString(v.paperId()),
              v.verdict().name(), v.score(), v.reasons().toArray(String[]::new)));
    }
    return tx.preparedQuery(
            "INSERT INTO validations (sample_id, run_id, paper_id, verdict, score, reasons)"
                + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sample_id) DO NOTHING")
        .executeBatch(rows)
        .replaceWithVoid();
  }

  /** Samples judged for a run, per verdict (every verdict present, zero when none). */
  public Uni<Map<Verdict, Long>> countByVerdict(String runId) {
    return pool.preparedQuery("SELECT verdict, count(*) AS n FROM validations WHERE run_id = $1 GROUP BY verdict")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(
            rows -> {
              Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
              for (Verdict verdict : Verdict.values()) {
                counts.put(verdict, 0L);
              }
              for (Row row : rows) {
                counts.put(Verdict.valueOf(row.getString("verdict")), row.getLong("n"));
              }
              return counts;
            });
  }
}
