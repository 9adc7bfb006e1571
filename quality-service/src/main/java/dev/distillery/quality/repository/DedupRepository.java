package dev.distillery.quality.repository;

import dev.distillery.quality.rules.NearDupIndex;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The dedup tables. Callers hold {@link #lock} for a scope before reading it, so that instances deciding on the
 * same run take turns: each sees every sample the previous one kept, and all agree on who came first.
 */
@ApplicationScoped
public class DedupRepository {

  /** A kept sample's keys, to record. */
  public record Kept(String scope, String sampleId, NearDupIndex.Keys keys) {}

  /** A stored embedding; {@code id} grows with every row written to a scope. */
  public record StoredEmbedding(long id, String sampleId, float[] vector) {}

  /** Embeddings of a scope written after {@code afterId}, in order. */
  public Uni<List<StoredEmbedding>> embeddingsAfter(SqlClient tx, String scope, long afterId) {
    return tx.preparedQuery("SELECT id, sample_id, embedding FROM dedup_embeddings WHERE scope = $1 AND id > $2 ORDER BY id")
        .execute(Tuple.of(scope, afterId))
        .map(rows -> {
          List<StoredEmbedding> stored = new ArrayList<>();
          for (Row r : rows) {
            Float[] values = r.getArrayOfFloats("embedding");
            float[] vector = new float[values.length];
            for (int i = 0; i < vector.length; i++) {
              vector[i] = values[i];
            }
            stored.add(new StoredEmbedding(r.getLong("id"), r.getUUID("sample_id").toString(), vector));
          }
          return stored;
        });
  }

  /** Records the embeddings of kept samples. */
  public Uni<Void> saveEmbeddings(SqlClient tx, String scope, Map<String, float[]> bySample) {
    if (bySample.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>();
    bySample.forEach((id, vector) -> {
      Float[] values = new Float[vector.length];
      for (int i = 0; i < vector.length; i++) {
        values[i] = vector[i];
      }
      rows.add(Tuple.of(scope, UUID.fromString(id), values));
    });
    return tx.preparedQuery(
            "INSERT INTO dedup_embeddings (scope, sample_id, embedding) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .executeBatch(rows)
        .replaceWithVoid();
  }

  /** Waits for, and holds until the transaction ends, the lock on one scope's dedup state. */
  public Uni<Void> lock(SqlClient tx, String scope) {
    return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))")
        .execute(Tuple.of(scope))
        .replaceWithVoid();
  }

  /** Fills {@code index} with what the scope holds for these keys: owners of equal hashes and bands, their signatures. */
  public Uni<Void> load(SqlClient tx, String scope, Collection<NearDupIndex.Keys> keys, NearDupIndex index) {
    List<Buffer> hashes = new ArrayList<>();
    List<Long> bands = new ArrayList<>();
    for (NearDupIndex.Keys k : keys) {
      hashes.add(Buffer.buffer(k.exactHash()));
      for (long band : k.bandKeys()) {
        bands.add(band);
      }
    }
    Uni<Void> exact = tx.preparedQuery("SELECT hash, sample_id FROM dedup_exact WHERE scope = $1 AND hash = ANY($2)")
        .execute(Tuple.of(scope, hashes.toArray(Buffer[]::new)))
        .invoke(rows -> rows.forEach(r -> index.addExact(r.getUUID("sample_id").toString(),
            r.getBuffer("hash").getBytes())))
        .replaceWithVoid();
    // bucket members first, then each member's signature once: a popular bucket does not repeat signatures
    Uni<Void> near = tx.preparedQuery("SELECT band_key, sample_id FROM dedup_bands WHERE scope = $1 AND band_key = ANY($2)")
        .execute(Tuple.of(scope, bands.toArray(Long[]::new)))
        .chain(rows -> {
          Set<UUID> members = new HashSet<>();
          for (Row r : rows) {
            UUID id = r.getUUID("sample_id");
            members.add(id);
            index.addBand(id.toString(), r.getLong("band_key"));
          }
          if (members.isEmpty()) {
            return Uni.createFrom().voidItem();
          }
          return tx.preparedQuery("SELECT sample_id, signature FROM dedup_signatures WHERE sample_id = ANY($1)")
              .execute(Tuple.of(members.toArray(UUID[]::new)))
              .invoke(signatures -> {
                for (Row r : signatures) {
                  Integer[] signature = r.getArrayOfIntegers("signature");
                  int[] values = new int[signature.length];
                  for (int i = 0; i < values.length; i++) {
                    values[i] = signature[i];
                  }
                  index.addSignature(r.getUUID("sample_id").toString(), values);
                }
              })
              .replaceWithVoid();
        });
    return exact.chain(() -> near);
  }

  /** Records kept samples; a sample recorded before (a replayed batch) changes nothing. */
  public Uni<Void> save(SqlClient tx, List<Kept> kept) {
    if (kept.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> exact = new ArrayList<>();
    List<String> bandScopes = new ArrayList<>();
    List<Long> bandKeys = new ArrayList<>();
    List<UUID> bandSamples = new ArrayList<>();
    List<Tuple> signatures = new ArrayList<>();
    for (Kept k : kept) {
      UUID id = UUID.fromString(k.sampleId());
      exact.add(Tuple.of(k.scope(), Buffer.buffer(k.keys().exactHash()), id));
      for (long band : k.keys().bandKeys()) {
        bandScopes.add(k.scope());
        bandKeys.add(band);
        bandSamples.add(id);
      }
      Integer[] signature = new Integer[k.keys().signature().length];
      for (int i = 0; i < signature.length; i++) {
        signature[i] = k.keys().signature()[i];
      }
      signatures.add(Tuple.of(id, k.scope(), signature));
    }
    return tx.preparedQuery("INSERT INTO dedup_exact (scope, hash, sample_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .executeBatch(exact)
        .chain(() -> tx.preparedQuery(
                "INSERT INTO dedup_bands (scope, band_key, sample_id)"
                    + " SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[]) ON CONFLICT DO NOTHING")
            .execute(Tuple.of(bandScopes.toArray(String[]::new), bandKeys.toArray(Long[]::new),
                bandSamples.toArray(UUID[]::new))))
        .chain(() -> tx.preparedQuery(
                "INSERT INTO dedup_signatures (sample_id, scope, signature) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .executeBatch(signatures))
        .replaceWithVoid();
  }
}
