package dev.distillery.quality.repository;

import dev.distillery.contracts.SampleValidated;
import dev.distillery.contracts.Verdict;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The validations table: one verdict per sample. */
@ApplicationScoped
public class ValidationRepository {
  /** Score histogram buckets: [0, 0.1), [0.1, 0.2), …, [0.9, 1.0]. */
  public static final int SCORE_BUCKETS = 10;

  @Inject Pool pool;

  /** Samples that duplicate one kept sample. */
  public record Cluster(String keptSampleId, List<String> duplicates) {}

  /** Stores verdicts with one batch of inserts; a sample judged before keeps its first verdict. */
  public Uni<Void> save(SqlClient tx, List<SampleValidated> verdicts) {
    if (verdicts.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>(verdicts.size());
    for (SampleValidated v : verdicts) {
      rows.add(Tuple.tuple()
          .addUUID(UUID.fromString(v.sampleId()))
          .addUUID(UUID.fromString(v.runId()))
          .addUUID(UUID.fromString(v.paperId()))
          .addString(v.verdict().name())
          .addDouble(v.score())
          .addArrayOfString(v.reasons().toArray(String[]::new))
          .addJsonObject(new JsonObject(Map.copyOf(v.scores())))
          .addUUID(v.duplicateOf() == null ? null : UUID.fromString(v.duplicateOf())));
    }
    return tx.preparedQuery(
            "INSERT INTO validations (sample_id, run_id, paper_id, verdict, score, reasons, scores, duplicate_of)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (sample_id) DO NOTHING")
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

  /** Rejected samples of a run per reason code (a sample with two reasons counts under both), most frequent first. */
  public Uni<Map<String, Long>> rejectionsByReason(String runId) {
    return pool.preparedQuery(
            "SELECT split_part(reason, ':', 1) AS code, count(DISTINCT sample_id) AS n"
                + " FROM validations, unnest(reasons) AS reason WHERE run_id = $1 AND verdict = 'REJECTED'"
                + " GROUP BY code ORDER BY n DESC, code")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          rows.forEach(r -> counts.put(r.getString("code"), r.getLong("n")));
          return counts;
        });
  }

  /** Judged (not failed) samples of a run per score bucket, all {@value #SCORE_BUCKETS} buckets present. */
  public Uni<long[]> scoreHistogram(String runId) {
    return pool.preparedQuery(
            "SELECT least(floor(score * $2)::int, $2 - 1) AS bucket, count(*) AS n FROM validations"
                + " WHERE run_id = $1 AND verdict <> 'FAILED' GROUP BY bucket")
        .execute(Tuple.of(UUID.fromString(runId), SCORE_BUCKETS))
        .map(rows -> {
          long[] buckets = new long[SCORE_BUCKETS];
          rows.forEach(r -> buckets[r.getInteger("bucket")] = r.getLong("n"));
          return buckets;
        });
  }

  /** Kept samples of a run with the samples rejected as their duplicates, largest clusters first. */
  public Uni<List<Cluster>> duplicateClusters(String runId, int limit) {
    return pool.preparedQuery(
            "SELECT duplicate_of, array_agg(sample_id ORDER BY validated_at, sample_id) AS dups FROM validations"
                + " WHERE run_id = $1 AND duplicate_of IS NOT NULL GROUP BY duplicate_of"
                + " ORDER BY count(*) DESC, duplicate_of LIMIT $2")
        .execute(Tuple.of(UUID.fromString(runId), limit))
        .map(rows -> {
          List<Cluster> clusters = new ArrayList<>();
          for (Row r : rows) {
            List<String> dups = new ArrayList<>();
            for (UUID id : r.getArrayOfUUIDs("dups")) {
              dups.add(id.toString());
            }
            clusters.add(new Cluster(r.getUUID("duplicate_of").toString(), dups));
          }
          return clusters;
        });
  }
}
