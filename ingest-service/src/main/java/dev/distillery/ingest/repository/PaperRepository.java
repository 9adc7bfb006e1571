package dev.distillery.ingest.repository;

import dev.distillery.contracts.PaperIngested;
import dev.distillery.contracts.Segment;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

/** The papers and segments tables. */
@ApplicationScoped
public class PaperRepository {

  /** A paper as stored. */
  public record StoredPaper(String paperId, String title, int segments) {}

  /** How much a run holds. */
  public record Counts(long papers, long segments) {}

  @Inject Pool pool;

  /**
   * Stores a paper and its segments unless the run already has it.
   *
   * @return true when stored, false when the paper id was already there
   */
  public Uni<Boolean> insert(SqlClient tx, PaperIngested paper, int sizeBytes) {
    UUID paperId = UUID.fromString(paper.paperId());
    UUID runId = UUID.fromString(paper.runId());
    return tx.preparedQuery(
            "INSERT INTO papers (paper_id, run_id, source_name, content_hash, size_bytes, title, abstract_text,"
                + " ingested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (paper_id) DO NOTHING")
        .execute(Tuple.tuple()
            .addValue(paperId).addValue(runId).addValue(paper.sourceName()).addValue(paper.contentHash())
            .addValue(sizeBytes).addValue(paper.title()).addValue(paper.abstractText())
            .addValue(paper.producedAt().atOffset(ZoneOffset.UTC)))
        .flatMap(result -> result.rowCount() == 0 ? Uni.createFrom().item(false) : insertSegments(tx, paper));
  }

  private Uni<Boolean> insertSegments(SqlClient tx, PaperIngested paper) {
    List<Tuple> rows = new ArrayList<>(paper.segments().size());
    for (Segment segment : paper.segments()) {
      rows.add(Tuple.of(UUID.fromString(segment.segmentId()), UUID.fromString(paper.paperId()),
          UUID.fromString(paper.runId()), segment.ordinal(), segment.heading(), segment.text()));
    }
    return tx.preparedQuery(
            "INSERT INTO segments (segment_id, paper_id, run_id, ordinal, heading, text)"
                + " VALUES ($1, $2, $3, $4, $5, $6)")
        .executeBatch(rows)
        .replaceWith(true);
  }

  public Uni<StoredPaper> find(SqlClient tx, String paperId) {
    return tx.preparedQuery(
            "SELECT p.paper_id, p.title, (SELECT count(*) FROM segments s WHERE s.paper_id = p.paper_id) AS n"
                + " FROM papers p WHERE p.paper_id = $1")
        .execute(Tuple.of(UUID.fromString(paperId)))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new StoredPaper(row.getUUID("paper_id").toString(), row.getString("title"),
              row.getLong("n").intValue());
        });
  }

  /** The run's paper ids in the order they were ingested. */
  public Uni<List<String>> paperIds(SqlClient tx, UUID runId) {
    return tx.preparedQuery("SELECT paper_id FROM papers WHERE run_id = $1 ORDER BY position")
        .execute(Tuple.of(runId))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false)
            .map(row -> row.getUUID("paper_id").toString())
            .toList());
  }

  public Uni<Counts> counts(UUID runId) {
    return pool.preparedQuery(
            "SELECT (SELECT count(*) FROM papers WHERE run_id = $1) AS papers,"
                + " (SELECT count(*) FROM segments WHERE run_id = $1) AS segments")
        .execute(Tuple.of(runId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Counts(row.getLong("papers"), row.getLong("segments"));
        });
  }
}
