package dev.distillery.export.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.distillery.contracts.EventCodec;
import dev.distillery.contracts.RunClosed;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.SourceStatus;
import dev.distillery.export.ExportProgress;
import dev.distillery.export.ExportRun;
import dev.distillery.export.RunStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The runs table: one row per run.closed, carrying the run's status and its last export. */
@ApplicationScoped
public class RunRepository {
  private static final TypeReference<List<SourceStatus>> SOURCES = new TypeReference<>() {};
  private static final String COLUMNS =
      "run_id, name, config, paper_ids, status, dataset_id, exported_at, sources, export_version, location";

  @Inject Pool pool;
  @Inject EventCodec codec;

  /**
   * Serialises the transactions that touch one run until they commit. Without it, run.closed and the last
   * sample applied at the same time on two channels would each miss the other's uncommitted write, and
   * neither would see the run complete.
   */
  public Uni<Void> lock(SqlClient tx, String runId) {
    UUID id = UUID.fromString(runId);
    return tx.preparedQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock($1)) AS locked")
        .execute(Tuple.of(id.getMostSignificantBits() ^ id.getLeastSignificantBits()))
        .replaceWithVoid();
  }

  public Uni<Void> save(SqlClient tx, RunClosed closed) {
    UUID[] paperIds = closed.paperIds().stream().map(UUID::fromString).toArray(UUID[]::new);
    return tx.preparedQuery(
            "INSERT INTO runs (run_id, name, config, paper_ids, sources) VALUES ($1, $2, $3, $4, $5)"
                + " ON CONFLICT (run_id) DO NOTHING")
        .execute(
            Tuple.of(UUID.fromString(closed.runId()), closed.name(), new JsonObject(codec.toJson(closed.config())),
                paperIds, new JsonArray(codec.toJson(closed.sources()))))
        .replaceWithVoid();
  }

  /**
   * Claims the run for export when run.closed has arrived and every one of its papers has received as many
   * samples as were planned. Conditional on COLLECTING, so only one transaction can ever claim a run.
   *
   * @return true when this call claimed it
   */
  public Uni<Boolean> claimIfComplete(SqlClient tx, String runId) {
    return tx.preparedQuery(
            "UPDATE runs r SET status = 'COMPLETE', completed_at = now()"
                + " WHERE r.run_id = $1 AND r.status = 'COLLECTING' AND NOT EXISTS ("
                + "   SELECT 1 FROM unnest(r.paper_ids) AS p(paper_id)"
                + "   LEFT JOIN paper_progress pp ON pp.run_id = r.run_id AND pp.paper_id = p.paper_id"
                + "   WHERE pp.paper_id IS NULL OR pp.received < pp.planned)")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(result -> result.rowCount() == 1);
  }

  /** The run, or null when its run.closed has not arrived. */
  public Uni<ExportRun> find(String runId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM runs WHERE run_id = $1")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> {
          RowIterator<Row> it = rows.iterator();
          return it.hasNext() ? toRun(it.next()) : null;
        });
  }

  /** Runs claimed for export whose export never finished. */
  public Uni<List<String>> claimedRunIds() {
    return pool.query("SELECT run_id FROM runs WHERE status = 'COMPLETE' ORDER BY completed_at")
        .execute()
        .map(rows -> {
          List<String> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getUUID("run_id").toString()));
          return ids;
        });
  }

  /**
   * Records an export, if the run is still in the status the export started from: a run that completed while
   * a forced export was writing is left COMPLETE, for its full export to follow.
   *
   * @return true when recorded
   */
  public Uni<Boolean> markExported(SqlClient tx, String runId, RunStatus expected, ExportRecord export) {
    return tx.preparedQuery(
            "UPDATE runs SET status = 'EXPORTED', dataset_id = $3, location = $4, exported_samples = $5,"
                + " train_examples = $6, validation_examples = $7, manifest = $8, exported_at = $9,"
                + " export_version = $10 WHERE run_id = $1 AND status = $2")
        .execute(
            Tuple.from(Arrays.asList(
                UUID.fromString(runId), expected.name(), UUID.fromString(export.datasetId()), export.location(),
                export.exported(), export.trainExamples(), export.validationExamples(), export.manifestJson(),
                export.createdAt().atOffset(ZoneOffset.UTC), export.version())))
        .map(result -> result.rowCount() == 1);
  }

  /** Status and counts for a run; COLLECTING and zeros for a run never heard of. */
  public Uni<ExportProgress> progress(String runId) {
    return pool.preparedQuery(
            "SELECT r.status, r.exported_samples, r.train_examples, r.validation_examples, r.location,"
                + " (SELECT count(*) FROM samples s WHERE s.run_id = $1) AS received"
                + " FROM (SELECT 1) AS one LEFT JOIN runs r ON r.run_id = $1")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> {
          Row row = rows.iterator().next();
          String status = row.getString("status");
          return new ExportProgress(
              status == null ? RunStatus.COLLECTING : RunStatus.valueOf(status), row.getLong("received"),
              longOrZero(row, "exported_samples"), longOrZero(row, "train_examples"),
              longOrZero(row, "validation_examples"), row.getString("location"));
        });
  }

  /** The last export's manifest.json, or null before the first export. */
  public Uni<String> manifest(String runId) {
    return pool.preparedQuery("SELECT manifest FROM runs WHERE run_id = $1")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> {
          RowIterator<Row> it = rows.iterator();
          return it.hasNext() ? it.next().getString("manifest") : null;
        });
  }

  private ExportRun toRun(Row row) {
    RunConfig config;
    List<SourceStatus> sources;
    try {
      config = codec.mapper().readValue(row.getJsonObject("config").encode(), RunConfig.class);
      sources = codec.mapper().readValue(row.getJsonArray("sources").encode(), SOURCES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored config of run " + row.getUUID("run_id") + " is unreadable", e);
    }
    UUID datasetId = row.getUUID("dataset_id");
    OffsetDateTime exportedAt = row.getOffsetDateTime("exported_at");
    return new ExportRun(
        row.getUUID("run_id").toString(), row.getString("name"), config,
        Arrays.stream(row.getArrayOfUUIDs("paper_ids")).map(UUID::toString).toList(),
        RunStatus.valueOf(row.getString("status")), datasetId == null ? null : datasetId.toString(),
        exportedAt == null ? null : exportedAt.toInstant(), sources, row.getInteger("export_version"),
        row.getString("location"));
  }

  private static long longOrZero(Row row, String column) {
    Long value = row.getLong(column);
    return value == null ? 0 : value;
  }

  /** What one export wrote, as recorded on its run. */
  public record ExportRecord(
      String datasetId, int version, String location, int exported, int trainExamples, int validationExamples,
      String manifestJson, Instant createdAt) {}
}
