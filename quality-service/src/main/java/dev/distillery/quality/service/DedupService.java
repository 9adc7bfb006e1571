package dev.distillery.quality.service;

import dev.distillery.contracts.SampleGenerated;
import dev.distillery.quality.config.QualityConfig;
import dev.distillery.quality.repository.DedupRepository;
import dev.distillery.quality.rules.Candidate;
import dev.distillery.quality.rules.MinHash;
import dev.distillery.quality.rules.NearDupIndex;
import dev.distillery.quality.rules.Reason;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact, near and (when enabled) semantic duplicates within a run, or across runs; first seen wins. A batch's
 * samples are compared with each other in order and with what PostgreSQL holds, under a per-scope lock held until
 * commit: two instances consuming the same run take turns on it, so they agree on every duplicate, and a restart
 * starts from the tables.
 */
@ApplicationScoped
public class DedupService {
  /** The scope shared by all runs when runs are deduplicated against each other. */
  static final String ALL_RUNS = "*";
  /** Scopes whose embeddings stay cached between batches (a run being judged; older ones are reloaded if needed). */
  private static final int CACHED_SCOPES = 16;

  @Inject QualityConfig config;
  @Inject DedupRepository repository;
  @Inject Embeddings embeddings;
  private MinHash minHash;
  private final Map<String, ScopeVectors> vectors =
      Collections.synchronizedMap(new LinkedHashMap<>(CACHED_SCOPES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ScopeVectors> eldest) {
          return size() > CACHED_SCOPES;
        }
      });

  /** Embeddings of a scope's kept samples, as committed up to row {@code watermark}. */
  private static final class ScopeVectors {
    long watermark;
    final List<String> ids = new ArrayList<>();
    final List<float[]> vectors = new ArrayList<>();
  }

  @PostConstruct
  void configure() {
    minHash = new MinHash(config.dedup().near().shingleWords(), config.dedup().near().bands());
  }

  /** The samples (all accepted by the rules) that duplicate a kept one, by sample id. */
  public Uni<Map<String, NearDupIndex.Match>> duplicates(SqlClient tx, List<SampleGenerated> samples) {
    if (!config.dedup().enabled() || samples.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    // sorted, so that two instances with batches spanning the same runs take the locks in the same order
    Map<String, List<SampleGenerated>> byScope = new TreeMap<>();
    for (SampleGenerated s : samples) {
      byScope.computeIfAbsent(config.dedup().acrossRuns() ? ALL_RUNS : s.runId(), k -> new ArrayList<>()).add(s);
    }
    return embed(samples).chain(embedded -> {
      Map<String, NearDupIndex.Match> found = new HashMap<>();
      Uni<Void> chain = Uni.createFrom().voidItem();
      for (Map.Entry<String, List<SampleGenerated>> scope : byScope.entrySet()) {
        chain = chain.chain(() -> dedupScope(tx, scope.getKey(), scope.getValue(), embedded, found));
      }
      return chain.replaceWith(found);
    });
  }

  /** Embeddings of the samples when semantic dedup is on, computed on a worker thread before any lock is taken. */
  private Uni<Map<String, float[]>> embed(List<SampleGenerated> samples) {
    if (!config.dedup().semantic().enabled()) {
      return Uni.createFrom().item(Map.of());
    }
    return Uni.createFrom().item(() -> {
          Map<String, float[]> embedded = new HashMap<>();
          samples.forEach(s -> embedded.put(s.sampleId(), embeddings.embed(Candidate.of(s).dedupText())));
          return embedded;
        })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  private Uni<Void> dedupScope(
      SqlClient tx, String scope, List<SampleGenerated> samples, Map<String, float[]> embedded,
      Map<String, NearDupIndex.Match> found) {
    NearDupIndex index = new NearDupIndex(minHash, config.dedup().near().threshold());
    Map<String, NearDupIndex.Keys> keys = new LinkedHashMap<>();
    for (SampleGenerated s : samples) {
      keys.put(s.sampleId(), index.keys(Candidate.of(s).dedupText()));
    }
    ScopeVectors known = vectors.computeIfAbsent(scope, k -> new ScopeVectors());
    return repository.lock(tx, scope)
        .chain(() -> repository.load(tx, scope, keys.values(), index))
        .chain(() -> embedded.isEmpty()
            ? Uni.createFrom().voidItem()
            : refresh(tx, scope, known))
        .chain(() -> {
          List<DedupRepository.Kept> kept = new ArrayList<>();
          Map<String, float[]> keptVectors = new LinkedHashMap<>();
          keys.forEach((id, k) -> {
            NearDupIndex.Match match = index.find(id, k);
            if (match == null && embedded.containsKey(id)) {
              match = paraphraseOf(id, embedded.get(id), known, keptVectors);
            }
            if (match == null) {
              index.add(id, k);
              kept.add(new DedupRepository.Kept(scope, id, k));
              if (embedded.containsKey(id)) {
                keptVectors.put(id, embedded.get(id));
              }
            } else {
              found.put(id, match);
            }
          });
          return repository.save(tx, kept).chain(() -> repository.saveEmbeddings(tx, scope, keptVectors));
        });
  }

  /** Adds to the cache what other batches (of any instance) committed for the scope since it was last read. */
  private Uni<Void> refresh(SqlClient tx, String scope, ScopeVectors known) {
    long after;
    synchronized (known) {
      after = known.watermark;
    }
    return repository.embeddingsAfter(tx, scope, after).invoke(rows -> {
      synchronized (known) {
        for (DedupRepository.StoredEmbedding row : rows) {
          if (row.id() > known.watermark) {
            known.ids.add(row.sampleId());
            known.vectors.add(row.vector());
            known.watermark = row.id();
          }
        }
      }
    }).replaceWithVoid();
  }

  private NearDupIndex.Match paraphraseOf(
      String id, float[] vector, ScopeVectors known, Map<String, float[]> keptInBatch) {
    double threshold = config.dedup().semantic().threshold();
    String best = null;
    double bestSimilarity = threshold;
    synchronized (known) {
      for (int i = 0; i < known.vectors.size(); i++) {
        double similarity = Embeddings.cosine(vector, known.vectors.get(i));
        if (similarity >= bestSimilarity && !known.ids.get(i).equals(id)) {
          best = known.ids.get(i);
          bestSimilarity = similarity;
        }
      }
    }
    for (Map.Entry<String, float[]> other : keptInBatch.entrySet()) {
      double similarity = Embeddings.cosine(vector, other.getValue());
      if (similarity >= bestSimilarity) {
        best = other.getKey();
        bestSimilarity = similarity;
      }
    }
    return best == null ? null : new NearDupIndex.Match(Reason.SEMANTIC_DUPLICATE, best, bestSimilarity);
  }
}
