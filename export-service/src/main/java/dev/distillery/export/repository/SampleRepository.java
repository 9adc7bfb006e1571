package dev.distillery.export.repository;

import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.SampleValidated;
import dev.distillery.contracts.SourceRef;
import dev.distillery.export.ExportSample;
import dev.distillery.export.PaperTally;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The samples table (every verdict) and the per-paper progress counted from it. */
@ApplicationScoped
public class SampleRepository {
  @Inject Pool pool;

  /**
   * Stores a sample once; a sample id seen before changes nothing. A new sample counts towards its paper's
   * received total.
   *
   * @return true when the sample was new
   */
  public Uni<Boolean> save(SqlClient tx, SampleValidated s) {
    GenerationInfo generation = s.generation();
    SourceRef source = s.source();
    Tuple row =
        Tuple.from(Arrays.asList(
            UUID.fromString(s.sampleId()), UUID.fromString(s.runId()), UUID.fromString(s.paperId()),
            UUID.fromString(s.segmentId()), UUID.fromString(s.promptId()), s.verdict().name(), s.score(),
            new JsonObject(new HashMap<>(s.scores() == null ? Map.of() : s.scores())),
            s.reasons().toArray(String[]::new), s.taskType().name(), s.instruction(), s.input(), s.output(),
            source.paperTitle(), source.sourceName(), source.segmentHeading(), generation.generator(),
            generation.model(), generation.offline(), generation.promptTokens(), generation.completionTokens(),
            generation.latencyMs()));
    return tx.preparedQuery(
            "INSERT INTO samples (sample_id, run_id, paper_id, segment_id, prompt_id, verdict, score, scores,"
                + " reasons, task_type, instruction, input, output, paper_title, source_name, segment_heading,"
                + " generator, model, offline, prompt_tokens, completion_tokens, latency_ms)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,"
                + " $20, $21, $22) ON CONFLICT (sample_id) DO NOTHING")
        .execute(row)
        .flatMap(result -> result.rowCount() == 1
            ? countReceived(tx, s).replaceWith(true)
            : Uni.createFrom().item(false));
  }

  private Uni<Void> countReceived(SqlClient tx, SampleValidated s) {
    return tx.preparedQuery(
            "INSERT INTO paper_progress (run_id, paper_id, planned, received, paper_title, source_name)"
                + " VALUES ($1, $2, $3, 1, $4, $5) ON CONFLICT (run_id, paper_id)"
                + " DO UPDATE SET received = paper_progress.received + 1, planned = EXCLUDED.planned")
        .execute(
            Tuple.of(UUID.fromString(s.runId()), UUID.fromString(s.paperId()), s.promptsPlannedForPaper(),
                s.source().paperTitle(), s.source().sourceName()))
        .replaceWithVoid();
  }

  /** The run's ACCEPTED samples. */
  public Uni<List<ExportSample>> accepted(String runId) {
    return pool.preparedQuery(
            "SELECT sample_id, paper_id, segment_id, instruction, input, output FROM samples"
                + " WHERE run_id = $1 AND verdict = 'ACCEPTED' ORDER BY paper_id, segment_id, sample_id")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> {
          List<ExportSample> samples = new ArrayList<>();
          for (Row row : rows) {
            samples.add(new ExportSample(
                row.getUUID("sample_id").toString(), row.getUUID("paper_id").toString(),
                row.getUUID("segment_id").toString(), row.getString("instruction"), row.getString("input"),
                row.getString("output")));
          }
          return samples;
        });
  }

  /** Per paper that has received samples: planned, received and counts per verdict. */
  public Uni<List<PaperTally>> tallies(String runId) {
    return pool.preparedQuery(
            "SELECT pp.paper_id, pp.paper_title, pp.source_name, pp.planned, pp.received,"
                + " count(*) FILTER (WHERE s.verdict = 'ACCEPTED') AS accepted,"
                + " count(*) FILTER (WHERE s.verdict = 'REJECTED') AS rejected,"
                + " count(*) FILTER (WHERE s.verdict = 'FAILED') AS failed"
                + " FROM paper_progress pp LEFT JOIN samples s ON s.run_id = pp.run_id AND s.paper_id = pp.paper_id"
                + " WHERE pp.run_id = $1"
                + " GROUP BY pp.paper_id, pp.paper_title, pp.source_name, pp.planned, pp.received"
                + " ORDER BY pp.paper_id")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> {
          List<PaperTally> tallies = new ArrayList<>();
          for (Row row : rows) {
            tallies.add(new PaperTally(
                row.getUUID("paper_id").toString(), row.getString("paper_title"), row.getString("source_name"),
                row.getInteger("planned"), row.getInteger("received"), row.getLong("accepted").intValue(),
                row.getLong("rejected").intValue(), row.getLong("failed").intValue()));
          }
          return tallies;
        });
  }
}
