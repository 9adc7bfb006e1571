package dev.distillery.quality.rules;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exact and near duplicates among samples seen so far, first seen wins. In memory: the CLI keeps one per file;
 * the service fills one per batch from what PostgreSQL holds for the batch's keys.
 */
public final class NearDupIndex {
  private final MinHash minHash;
  private final double threshold;
  private final Map<ByteBuffer, String> exact = new HashMap<>();
  private final Map<Long, List<String>> buckets = new HashMap<>();
  private final Map<String, int[]> signatures = new HashMap<>();

  /** What a sample duplicates; {@code similarity} is 1 for an exact duplicate. */
  public record Match(Reason reason, String duplicateOf, double similarity) {}

  /** A sample's dedup keys, computed once. */
  public record Keys(byte[] exactHash, int[] signature, long[] bandKeys) {}

  public NearDupIndex(MinHash minHash, double threshold) {
    this.minHash = minHash;
    this.threshold = threshold;
  }

  public Keys keys(String text) {
    List<String> words = Text.words(text);
    int[] signature = minHash.signature(words);
    return new Keys(MinHash.exactHash(words), signature, minHash.bandKeys(signature));
  }

  /** The first-seen sample this one duplicates, or null. */
  public Match find(String id, Keys keys) {
    String same = exact.get(ByteBuffer.wrap(keys.exactHash()));
    if (same != null && !same.equals(id)) {
      return new Match(Reason.DUPLICATE, same, 1.0);
    }
    Set<String> candidates = new LinkedHashSet<>();
    for (long key : keys.bandKeys()) {
      candidates.addAll(buckets.getOrDefault(key, List.of()));
    }
    Match best = null;
    for (String candidate : candidates) {
      int[] other = signatures.get(candidate);
      if (candidate.equals(id) || other == null) {
        continue;
      }
      double similarity = MinHash.similarity(keys.signature(), other);
      if (similarity >= threshold && (best == null || similarity > best.similarity())) {
        best = new Match(Reason.NEAR_DUPLICATE, candidate, similarity);
      }
    }
    return best;
  }

  /** Records a sample that was kept, so later ones are compared with it. */
  public void add(String id, Keys keys) {
    addExact(id, keys.exactHash());
    for (long key : keys.bandKeys()) {
      addBand(id, key);
    }
    signatures.put(id, keys.signature());
  }

  /** Pieces of state read back from storage. */
  public void addExact(String id, byte[] hash) {
    exact.putIfAbsent(ByteBuffer.wrap(hash), id);
  }

  public void addBand(String id, long key) {
    List<String> ids = buckets.computeIfAbsent(key, k -> new ArrayList<>(1));
    if (!ids.contains(id)) {
      ids.add(id);
    }
  }

  public void addSignature(String id, int[] signature) {
    signatures.put(id, signature);
  }
}
