package dev.distillery.quality.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * MinHash signatures over word shingles and their LSH band keys.
 *
 * <p>A signature has {@value #PERMUTATIONS} minima, one per seeded 64-bit mix of the shingle hashes; the share of
 * equal minima between two signatures estimates the Jaccard similarity of their shingle sets (standard error
 * about 0.035 at 0.8). The signature is cut into {@code bands} bands of {@code 128 / bands} rows; two samples
 * become candidates when any band is equal, which happens with probability {@code 1 - (1 - J^rows)^bands}. With
 * the default 16 bands × 8 rows: J = 0.95 → 1.00, 0.9 → 0.9997, 0.85 → 0.99, 0.8 → 0.95, 0.6 → 0.24,
 * 0.4 → 0.01; every candidate is then verified against the threshold on the whole signature, so the band split
 * trades recall just at the threshold for fewer candidates (and fewer rows in PostgreSQL).
 */
public final class MinHash {
  public static final int PERMUTATIONS = 128;
  /** Multiply-shift hash functions h(x) = (a·x + b) >>> 32 with odd a: one multiply-add per permutation. */
  private static final long[] MULTIPLIERS = new long[PERMUTATIONS];
  private static final long[] INCREMENTS = new long[PERMUTATIONS];

  static {
    long seed = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < PERMUTATIONS; i++) {
      seed = mix(seed + i);
      MULTIPLIERS[i] = seed | 1;
      seed = mix(seed + i);
      INCREMENTS[i] = seed;
    }
  }

  private final int shingleWords;
  private final int bands;
  private final int rows;

  /**
   * @param shingleWords words per shingle (3 suits samples of tens to hundreds of words)
   * @param bands LSH bands; must divide {@value #PERMUTATIONS}
   */
  public MinHash(int shingleWords, int bands) {
    if (shingleWords < 1 || bands < 1 || PERMUTATIONS % bands != 0) {
      throw new IllegalArgumentException(
          "MinHash needs shingles of at least 1 word and a band count dividing " + PERMUTATIONS + ", got "
              + shingleWords + " and " + bands);
    }
    this.shingleWords = shingleWords;
    this.bands = bands;
    this.rows = PERMUTATIONS / bands;
  }

  public int bands() {
    return bands;
  }

  /** The signature of a text's word shingles (of the whole text when it is shorter than one shingle). */
  public int[] signature(List<String> words) {
    int[] minima = new int[PERMUTATIONS];
    Arrays.fill(minima, Integer.MAX_VALUE);
    int count = Math.max(1, words.size() - shingleWords + 1);
    long[] wordHashes = new long[words.size()];
    for (int i = 0; i < words.size(); i++) {
      wordHashes[i] = mix(words.get(i).hashCode() * 0x100000001B3L);
    }
    for (int i = 0; i < count; i++) {
      long shingle = 0;
      for (int j = i; j < Math.min(words.size(), i + shingleWords); j++) {
        shingle = shingle * 31 + wordHashes[j];
      }
      shingle = mix(shingle);
      for (int p = 0; p < PERMUTATIONS; p++) {
        int h = (int) ((MULTIPLIERS[p] * shingle + INCREMENTS[p]) >>> 32);
        if (h < minima[p]) {
          minima[p] = h;
        }
      }
    }
    return minima;
  }

  /** One key per band; the band's index is mixed in, so equal keys mean an equal band. */
  public long[] bandKeys(int[] signature) {
    long[] keys = new long[bands];
    for (int b = 0; b < bands; b++) {
      long key = INCREMENTS[b];
      for (int r = 0; r < rows; r++) {
        key = mix(key ^ signature[b * rows + r]);
      }
      keys[b] = key;
    }
    return keys;
  }

  /** The estimated Jaccard similarity of two signatures' shingle sets. */
  public static double similarity(int[] a, int[] b) {
    int equal = 0;
    for (int i = 0; i < PERMUTATIONS; i++) {
      if (a[i] == b[i]) {
        equal++;
      }
    }
    return (double) equal / PERMUTATIONS;
  }

  /** SHA-256 of a text's words in lower case joined by single spaces: equal for texts differing in case and spacing. */
  public static byte[] exactHash(List<String> words) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(String.join(" ", words).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** SplitMix64's finaliser: a cheap 64-bit hash with good avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
