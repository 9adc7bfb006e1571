package dev.distillery.export.repository;

import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.SampleOrigin;
import dev.distillery.contracts.SampleValidated;
import dev.distillery.contracts.SourceRef;
import dev.distillery.contracts.TaskType;
import dev.distillery.export.PaperTally;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Manifest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
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
import java.util.TreeMap;
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
    JsonArray conversation = new JsonArray();
    s.conversation().forEach(t -> conversation.add(new JsonObject().put("role", t.role()).put("content", t.content())));
    Tuple row =
        Tuple.from(Arrays.asList(
            UUID.fromString(s.sampleId()), UUID.fromString(s.runId()), UUID.fromString(s.paperId()),
            UUID.fromString(s.segmentId()), UUID.fromString(s.promptId()), s.verdict().name(), s.score(),
            new JsonObject(new HashMap<>(s.scores() == null ? Map.of() : s.scores())),
            s.reasons().toArray(String[]::new), s.taskType().name(), s.instruction(), s.input(), s.output(),
            source.paperTitle(), source.sourceName(), source.segmentHeading(), generation.generator(),
            generation.model(), generation.offline(), generation.promptTokens(), generation.completionTokens(),
            generation.latencyMs(), s.origin().name(), conversation, generation.costUsd(),
            source.sectionPath().toArray(String[]::new)));
    return tx.preparedQuery(
            "INSERT INTO samples (sample_id, run_id, paper_id, segment_id, prompt_id, verdict, score, scores,"
                + " reasons, task_type, instruction, input, output, paper_title, source_name, segment_heading,"
                + " generator, model, offline, prompt_tokens, completion_tokens, latency_ms, origin, conversation,"
                + " cost_usd, section_path)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,"
                + " $20, $21, $22, $23, $24, $25, $26) ON CONFLICT (sample_id) DO NOTHING")
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

  /** The run's ACCEPTED samples, as the dataset holds them. */
  public Uni<List<DatasetSample>> accepted(String runId) {
    return pool.preparedQuery(
            "SELECT sample_id, paper_id, segment_id, source_name, paper_title, segment_heading, section_path,"
                + " task_type, origin, instruction, input, output, conversation, score, scores, model FROM samples"
                + " WHERE run_id = $1 AND verdict = 'ACCEPTED' ORDER BY paper_id, segment_id, sample_id")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> {
          List<DatasetSample> samples = new ArrayList<>();
          for (Row row : rows) {
            samples.add(toSample(row));
          }
          return samples;
        });
  }

  private static DatasetSample toSample(Row row) {
    List<ChatTurn> conversation = new ArrayList<>();
    for (Object turn : row.getJsonArray("conversation")) {
      JsonObject t = (JsonObject) turn;
      conversation.add(new ChatTurn(t.getString("role"), t.getString("content")));
    }
    Map<String, Double> scores = new TreeMap<>();
    row.getJsonObject("scores").forEach(e -> scores.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
    String[] sectionPath = row.getArrayOfStrings("section_path");
    String section =
        sectionPath != null && sectionPath.length > 0 ? String.join(" > ", sectionPath) : row.getString("segment_heading");
    return new DatasetSample(
        row.getUUID("sample_id").toString(), row.getUUID("paper_id").toString(), row.getUUID("segment_id").toString(),
        row.getString("source_name"), row.getString("paper_title"), section, TaskType.valueOf(row.getString("task_type")),
        SampleOrigin.valueOf(row.getString("origin")), row.getString("instruction"), row.getString("input"),
        row.getString("output"), conversation, row.getDouble("score"), scores, row.getString("model"));
  }

  /** What each model did for the run, over every sample received: rejected and failed ones cost too. */
  public Uni<List<Manifest.ModelCost>> costs(String runId) {
    return pool.preparedQuery(
            "SELECT coalesce(model, '') AS model, generator, count(*) AS samples,"
                + " sum(prompt_tokens) AS prompt_tokens, sum(completion_tokens) AS completion_tokens,"
                + " sum(cost_usd) AS cost_usd FROM samples WHERE run_id = $1"
                + " GROUP BY coalesce(model, ''), generator ORDER BY 1, 2")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> {
          List<Manifest.ModelCost> costs = new ArrayList<>();
          for (Row row : rows) {
            costs.add(new Manifest.ModelCost(
                row.getString("model"), row.getString("generator"), row.getLong("samples").intValue(),
                row.getLong("prompt_tokens"), row.getLong("completion_tokens"), row.getDouble("cost_usd")));
          }
          return costs;
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
