package dev.distillery.generation.repository;

import dev.distillery.contracts.EventCodec;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.GenerationSettings;
import dev.distillery.contracts.PromptReady;
import dev.distillery.generation.GeneratedSample;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The prompts table: every prompt planned, one row each. */
@ApplicationScoped
public class PromptRepository {
  @Inject Pool pool;
  @Inject RunRepository runs;
  @Inject EventCodec codec;
  @Inject SampleRepository samples;

  /**
   * A prompt as planned.
   *
   * @param variant its rank among its segment's prompts of the same task type
   * @param extracted whether it stands for a pair mined from the document (and is never sent)
   * @param teacher whether the run's teacher model answers it
   * @param deferred whether it is a student prompt, published once the paper's teacher prompts are answered
   * @param estimatedTokens its size as a request, for cost estimates
   */
  public record Planned(
      PromptReady prompt, int variant, boolean extracted, boolean teacher, boolean deferred, int estimatedTokens) {

    public Planned withEstimatedTokens(int tokens) {
      return new Planned(prompt, variant, extracted, teacher, deferred, tokens);
    }
  }

  /** What the worker needs to know about a prompt beyond its event. */
  public record Context(int variant, String paperLanguage, GenerationSettings settings, boolean teacher) {}

  /**
   * What the worker finds about a prompt in one query.
   *
   * @param stored its sample, when it already has one
   * @param context how it was planned; empty for a prompt this service did not plan (another system published it)
   */
  public record Lookup(Optional<GeneratedSample> stored, Optional<Context> context) {}

  /** A prompt not answered yet, as the estimate counts it. */
  public record Pending(boolean teacher, int estimatedTokens) {}

  /** Stores the prompts inside the caller's transaction and says how many were new. */
  public Uni<Integer> saveAll(SqlClient tx, List<Planned> prompts, String paperLanguage) {
    if (prompts.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    List<Tuple> rows =
        prompts.stream()
            .map(
                planned -> {
                  PromptReady p = planned.prompt();
                  return Tuple.tuple(
                      Arrays.asList(UUID.fromString(p.promptId()), UUID.fromString(p.runId()),
                          UUID.fromString(p.paperId()), UUID.fromString(p.segmentId()), p.taskType().name(),
                          p.promptOrdinal(), p.promptsPlannedForPaper(), planned.variant(), paperLanguage,
                          planned.extracted() ? "EXTRACTED" : "GENERATED", planned.estimatedTokens(), planned.teacher(),
                          planned.deferred() ? codec.toJson(p) : null));
                })
            .toList();
    return tx.preparedQuery(
            "INSERT INTO prompts (prompt_id, run_id, paper_id, segment_id, task_type, prompt_ordinal,"
                + " prompts_planned_for_paper, variant, paper_language, origin, estimated_tokens, teacher, deferred_event)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (prompt_id) DO NOTHING")
        .executeBatch(rows)
        .map(SampleRepository::rowCount);
  }

  /** The prompt's stored sample and its plan, in one round trip: the worker asks this for every prompt. */
  public Uni<Lookup> lookup(String promptId) {
    String sampleColumns = Arrays.stream(SampleRepository.COLUMNS.split(","))
        .map(c -> "s." + c.strip()).reduce((a, b) -> a + ", " + b).orElseThrow();
    return pool.preparedQuery(
            "SELECT p.prompt_id AS planned, p.variant, p.paper_language, p.teacher, r.settings, " + sampleColumns
                + " FROM (SELECT $1::uuid AS id) k LEFT JOIN prompts p ON p.prompt_id = k.id"
                + " LEFT JOIN runs r ON r.run_id = p.run_id LEFT JOIN samples s ON s.prompt_id = k.id")
        .execute(Tuple.of(UUID.fromString(promptId)))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              Optional<Context> context = row.getUUID("planned") == null
                  ? Optional.empty()
                  : Optional.of(new Context(row.getInteger("variant"), row.getString("paper_language"),
                      runs.read(row.getString("settings")), row.getBoolean("teacher")));
              return new Lookup(samples.sample(row), context);
            });
  }

  /**
   * Once every teacher prompt of the paper has a sample (the one stored in this transaction included), marks the
   * paper's student prompts released and returns them, exactly once. The paper's first teacher prompt is locked
   * first, so that two teacher samples stored at the same time cannot both miss the other and release nothing.
   */
  public Uni<List<PromptReady>> releaseStudents(SqlClient tx, String paperId, String promptId) {
    UUID paper = UUID.fromString(paperId);
    return tx.preparedQuery("SELECT teacher FROM prompts WHERE prompt_id = $1")
        .execute(Tuple.of(UUID.fromString(promptId)))
        .flatMap(
            rows -> {
              var iterator = rows.iterator();
              if (!iterator.hasNext() || !iterator.next().getBoolean("teacher")) {
                return Uni.createFrom().item(List.<PromptReady>of());
              }
              return tx.preparedQuery(
                      "SELECT prompt_id FROM prompts WHERE paper_id = $1 AND teacher ORDER BY prompt_ordinal LIMIT 1"
                          + " FOR UPDATE")
                  .execute(Tuple.of(paper))
                  .chain(() -> tx.preparedQuery(
                          "SELECT count(*) AS n FROM prompts p LEFT JOIN samples s ON s.prompt_id = p.prompt_id"
                              + " WHERE p.paper_id = $1 AND p.teacher AND s.prompt_id IS NULL")
                      .execute(Tuple.of(paper)))
                  .flatMap(
                      open -> open.iterator().next().getLong("n") > 0
                          ? Uni.createFrom().item(List.<PromptReady>of())
                          : tx.preparedQuery(
                                  "UPDATE prompts SET released = true WHERE paper_id = $1 AND deferred_event IS NOT NULL"
                                      + " AND NOT released RETURNING deferred_event")
                              .execute(Tuple.of(paper))
                              .map(released -> {
                                List<PromptReady> students = new ArrayList<>();
                                released.forEach(
                                    row -> students.add(codec.read(EventType.PROMPT_READY, row.getString("deferred_event"))));
                                return students;
                              }));
            });
  }

  /** The run's prompts with no sample yet (mined pairs never count). */
  public Uni<List<Pending>> pending(String runId) {
    return pool.preparedQuery(
            "SELECT p.teacher, p.estimated_tokens FROM prompts p LEFT JOIN samples s ON s.prompt_id = p.prompt_id"
                + " WHERE p.run_id = $1 AND p.origin = 'GENERATED' AND s.prompt_id IS NULL")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> {
          List<Pending> pending = new ArrayList<>();
          rows.forEach(row -> pending.add(new Pending(row.getBoolean("teacher"), row.getInteger("estimated_tokens"))));
          return pending;
        });
  }

  public Uni<Long> countForRun(String runId) {
    return pool.preparedQuery("SELECT count(*) AS n FROM prompts WHERE run_id = $1")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> rows.iterator().next().getLong("n"));
  }
}
