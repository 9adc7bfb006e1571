package dev.distillery.generation.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleOrigin;
import dev.distillery.contracts.SampleStatus;
import dev.distillery.contracts.TaskType;
import dev.distillery.generation.FewShotExample;
import dev.distillery.generation.GeneratedSample;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** The samples table: one answer per prompt, failures and mined pairs included. */
@ApplicationScoped
public class SampleRepository {
  static final String COLUMNS =
      "status, instruction, input, output, failure_reason, generator, model, offline, prompt_tokens,"
          + " completion_tokens, latency_ms, cost_usd, reasoning, raw_output, conversation";
  private static final String INSERT =
      "INSERT INTO samples (sample_id, prompt_id, run_id, paper_id, origin, task_type, " + COLUMNS + ")"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)"
          + " ON CONFLICT DO NOTHING";
  private static final TypeReference<List<ChatTurn>> TURNS = new TypeReference<>() {};

  @Inject Pool pool;
  @Inject ObjectMapper json;

  /** What a sample's row holds, and whether this call wrote it. */
  public record Stored(GeneratedSample sample, boolean inserted) {}

  /**
   * Stores the answer inside the caller's transaction. When the prompt already has one (a concurrent
   * redelivery got there first) that one is kept and returned, so every copy of the prompt publishes the
   * same sample.
   */
  public Uni<Stored> save(SqlClient tx, PromptReady prompt, GeneratedSample sample) {
    Tuple row =
        row(Ids.sample(prompt.promptId()), prompt.promptId(), prompt.runId(), prompt.paperId(), SampleOrigin.GENERATED,
            prompt.taskType(), sample);
    return tx.preparedQuery(INSERT)
        .execute(row)
        .flatMap(
            result ->
                result.rowCount() == 1
                    ? Uni.createFrom().item(new Stored(sample, true))
                    : tx.preparedQuery("SELECT " + COLUMNS + " FROM samples WHERE prompt_id = $1")
                        .execute(Tuple.of(UUID.fromString(prompt.promptId())))
                        .map(rows -> new Stored(first(rows).orElseThrow(), false)));
  }

  /** Stores pairs mined from a paper inside the caller's transaction; says how many were new. */
  public Uni<Integer> saveExtracted(SqlClient tx, List<SampleGenerated> extracted) {
    if (extracted.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    List<Tuple> rows = new ArrayList<>();
    for (SampleGenerated s : extracted) {
      GeneratedSample sample =
          new GeneratedSample(s.status(), s.instruction(), s.input(), s.output(), null, s.generation(), null, null, null);
      rows.add(row(s.sampleId(), s.promptId(), s.runId(), s.paperId(), SampleOrigin.EXTRACTED, s.taskType(), sample));
    }
    return tx.preparedQuery(INSERT).executeBatch(rows).map(SampleRepository::rowCount);
  }

  /**
   * What a run's samples cost.
   *
   * @param byModel US dollars per model that answered (mined pairs and offline samples cost nothing)
   * @param budgetRefusals prompts not sent because the run's budget could not pay for them
   */
  public record RunCosts(Map<String, Double> byModel, double totalUsd, long budgetRefusals) {}

  public Uni<RunCosts> costs(String runId) {
    return pool.preparedQuery(
            "SELECT model, coalesce(sum(cost_usd), 0) AS cost,"
                + " count(*) FILTER (WHERE failure_reason LIKE 'budget exhausted%') AS refused"
                + " FROM samples WHERE run_id = $1 GROUP BY model")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(
            rows -> {
              Map<String, Double> byModel = new TreeMap<>();
              double total = 0;
              long refused = 0;
              for (Row row : rows) {
                double cost = row.getDouble("cost");
                total += cost;
                refused += row.getLong("refused");
                if (cost > 0) {
                  byModel.merge(row.getString("model") == null ? "unknown" : row.getString("model"), cost, Double::sum);
                }
              }
              return new RunCosts(byModel, total, refused);
            });
  }

  /** Up to {@code limit} of the teacher's generated samples of a task type in a run, oldest first. */
  public Uni<List<FewShotExample>> teacherExamples(String runId, TaskType taskType, int limit) {
    return pool.preparedQuery(
            "SELECT s.instruction, s.input, s.output FROM samples s JOIN prompts p ON p.prompt_id = s.prompt_id"
                + " WHERE s.run_id = $1 AND s.task_type = $2 AND s.status = 'GENERATED' AND p.teacher"
                + " ORDER BY s.generated_at, s.sample_id LIMIT $3")
        .execute(Tuple.of(UUID.fromString(runId), taskType.name(), limit))
        .map(rows -> {
          List<FewShotExample> examples = new ArrayList<>();
          rows.forEach(row -> examples.add(
              new FewShotExample(row.getString("instruction"), row.getString("input"), row.getString("output"))));
          return examples;
        });
  }

  /** What a run's stored samples cost, in US dollars. */
  public Uni<Double> spentForRun(String runId) {
    return pool.preparedQuery("SELECT coalesce(sum(cost_usd), 0) AS spent FROM samples WHERE run_id = $1")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> rows.iterator().next().getDouble("spent"));
  }

  /** Samples of a run per status (every status present, zero when none). */
  public Uni<Map<SampleStatus, Long>> countByStatus(String runId) {
    return pool.preparedQuery("SELECT status, count(*) AS n FROM samples WHERE run_id = $1 GROUP BY status")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(
            rows -> {
              Map<SampleStatus, Long> counts = new EnumMap<>(SampleStatus.class);
              for (SampleStatus status : SampleStatus.values()) {
                counts.put(status, 0L);
              }
              for (Row row : rows) {
                counts.put(SampleStatus.valueOf(row.getString("status")), row.getLong("n"));
              }
              return counts;
            });
  }

  private Tuple row(
      String sampleId, String promptId, String runId, String paperId, SampleOrigin origin, TaskType taskType,
      GeneratedSample sample) {
    GenerationInfo info = sample.generation();
    return Tuple.from(
        Arrays.asList(
            UUID.fromString(sampleId), UUID.fromString(promptId), UUID.fromString(runId), UUID.fromString(paperId),
            origin.name(), taskType.name(), sample.status().name(), sample.instruction(), sample.input(),
            sample.output(), sample.failureReason(), info.generator(), info.model(), info.offline(),
            info.promptTokens(), info.completionTokens(), info.latencyMs(), info.costUsd(), sample.reasoning(),
            sample.rawOutput(), sample.conversation().isEmpty() ? null : write(sample.conversation())));
  }

  static int rowCount(RowSet<Row> result) {
    int inserted = 0;
    for (var r = result; r != null; r = r.next()) {
      inserted += r.rowCount();
    }
    return inserted;
  }

  private Optional<GeneratedSample> first(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? sample(iterator.next()) : Optional.empty();
  }

  /** The sample in a row holding the samples table's columns (selected as {@code s.*} names); empty when null. */
  Optional<GeneratedSample> sample(Row row) {
    if (row.getString("status") == null) {
      return Optional.empty();
    }
    GenerationInfo info =
        new GenerationInfo(
            row.getString("generator"), row.getString("model"), row.getBoolean("offline"),
            row.getInteger("prompt_tokens"), row.getInteger("completion_tokens"), row.getLong("latency_ms"),
            row.getDouble("cost_usd"));
    return Optional.of(
        new GeneratedSample(
            SampleStatus.valueOf(row.getString("status")), row.getString("instruction"), row.getString("input"),
            row.getString("output"), row.getString("failure_reason"), info, row.getString("reasoning"),
            row.getString("raw_output"), read(row.getString("conversation"))));
  }

  private String write(List<ChatTurn> turns) {
    try {
      return json.writeValueAsString(turns);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a conversation could not be written as JSON", e);
    }
  }

  private List<ChatTurn> read(String turns) {
    try {
      return turns == null ? List.of() : json.readValue(turns, TURNS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored conversation is unreadable: " + e.getOriginalMessage(), e);
    }
  }
}
