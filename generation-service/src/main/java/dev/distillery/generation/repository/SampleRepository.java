package dev.distillery.generation.repository;

import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SampleStatus;
import dev.distillery.generation.GeneratedSample;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The samples table: one answer per prompt, failures included. */
@ApplicationScoped
public class SampleRepository {
  private static final String COLUMNS =
      "status, instruction, input, output, failure_reason, generator, model, offline, prompt_tokens,"
          + " completion_tokens, latency_ms";

  @Inject Pool pool;

  /** What a sample's row holds, and whether this call wrote it. */
  public record Stored(GeneratedSample sample, boolean inserted) {}

  public Uni<Optional<GeneratedSample>> findByPrompt(String promptId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM samples WHERE prompt_id = $1")
        .execute(Tuple.of(UUID.fromString(promptId)))
        .map(SampleRepository::first);
  }

  /**
   * Stores the answer inside the caller's transaction. When the prompt already has one (a concurrent
   * redelivery got there first) that one is kept and returned, so every copy of the prompt publishes the
   * same sample.
   */
  public Uni<Stored> save(SqlClient tx, PromptReady prompt, GeneratedSample sample) {
    GenerationInfo info = sample.generation();
    Tuple row =
        Tuple.from(
            Arrays.asList(
                UUID.fromString(Ids.sample(prompt.promptId())), UUID.fromString(prompt.promptId()),
                UUID.fromString(prompt.runId()), UUID.fromString(prompt.paperId()), sample.status().name(),
                sample.instruction(), sample.input(), sample.output(), sample.failureReason(), info.generator(),
                info.model(), info.offline(), info.promptTokens(), info.completionTokens(), info.latencyMs()));
    return tx.preparedQuery(
            "INSERT INTO samples (sample_id, prompt_id, run_id, paper_id, " + COLUMNS + ")"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT DO NOTHING")
        .execute(row)
        .flatMap(
            result ->
                result.rowCount() == 1
                    ? Uni.createFrom().item(new Stored(sample, true))
                    : tx.preparedQuery("SELECT " + COLUMNS + " FROM samples WHERE prompt_id = $1")
                        .execute(Tuple.of(UUID.fromString(prompt.promptId())))
                        .map(rows -> new Stored(first(rows).orElseThrow(), false)));
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

  private static Optional<GeneratedSample> first(RowSet<Row> rows) {
    var iterator = rows.iterator();
    if (!iterator.hasNext()) {
      return Optional.empty();
    }
    Row row = iterator.next();
    GenerationInfo info =
        new GenerationInfo(
            row.getString("generator"), row.getString("model"), row.getBoolean("offline"),
            row.getInteger("prompt_tokens"), row.getInteger("completion_tokens"), row.getLong("latency_ms"));
    return Optional.of(
        new GeneratedSample(
            SampleStatus.valueOf(row.getString("status")), row.getString("instruction"), row.getString("input"),
            row.getString("output"), row.getString("failure_reason"), info));
  }
}
