package dev.distillery.ingest.repository;

import dev.distillery.contracts.SourceStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

/** The sources table: every file offered to a run, accepted or rejected. */
@ApplicationScoped
public class SourceRepository {

  @Inject Pool pool;

  /** One row; {@code reasonCode} is the short code of a rejection, null when accepted. */
  public Uni<Void> insert(SqlClient tx, UUID runId, SourceStatus source, String reasonCode, String contentHash) {
    return tx.preparedQuery(
            "INSERT INTO sources (run_id, file, accepted, reason, reason_code, paper_id, content_hash, media_type,"
                + " bytes, segments, extracted_pairs) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .execute(Tuple.tuple()
            .addValue(runId).addValue(source.file()).addValue(source.accepted()).addValue(source.reason())
            .addValue(reasonCode).addValue(source.paperId() == null ? null : UUID.fromString(source.paperId()))
            .addValue(contentHash).addValue(source.mediaType()).addValue(source.bytes())
            .addValue(source.segments()).addValue(source.extractedPairs()))
        .replaceWithVoid();
  }

  /** The name of the accepted file of this run with this content, or null. */
  public Uni<String> acceptedFile(UUID runId, String contentHash) {
    return pool.preparedQuery(
            "SELECT file FROM sources WHERE run_id = $1 AND content_hash = $2 AND accepted ORDER BY position LIMIT 1")
        .execute(Tuple.of(runId, contentHash))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("file") : null);
  }

  /** The run's sources in the order they were offered. */
  public Uni<List<SourceStatus>> list(SqlClient client, UUID runId) {
    return client.preparedQuery(
            "SELECT file, accepted, reason, paper_id, media_type, bytes, segments, extracted_pairs FROM sources"
                + " WHERE run_id = $1 ORDER BY position")
        .execute(Tuple.of(runId))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SourceRepository::toStatus).toList());
  }

  public Uni<List<SourceStatus>> list(UUID runId) {
    return list(pool, runId);
  }

  private static SourceStatus toStatus(Row row) {
    UUID paperId = row.getUUID("paper_id");
    return new SourceStatus(row.getString("file"), row.getBoolean("accepted"), row.getString("reason"),
        paperId == null ? null : paperId.toString(), row.getString("media_type"), row.getLong("bytes"),
        row.getInteger("segments"), row.getInteger("extracted_pairs"));
  }
}
