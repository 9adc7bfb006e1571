package dev.distillery.bench;

import dev.distillery.contracts.SampleGenerated;
import dev.distillery.quality.rules.Assessment;
import dev.distillery.quality.rules.Candidate;
import dev.distillery.quality.rules.MinHash;
import dev.distillery.quality.rules.NearDupIndex;
import dev.distillery.quality.rules.RuleSettings;
import dev.distillery.quality.rules.SampleRules;
import dev.distillery.quality.rules.Text;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The quality gate's in-process costs, without Kafka or PostgreSQL:
 *
 * <ol>
 *   <li>samples per second for the rules plus MinHash dedup of one instance (one thread; the service judges a
 *       batch on one event loop), on the same sample mix as {@link StageThroughputBench};
 *   <li>near-duplicate search over {@code --corpus} samples (default 1,000,000): MinHash signatures, LSH band
 *       keys sorted per band, candidates verified on 8-bit b-bit signatures — time, memory, and how many of the
 *       planted exact and one-word-changed copies were found (recall) and how many unplanted samples were flagged.
 * </ol>
 *
 * <p>Run: {@code ./mvnw -B -o -q install -pl quality-service -DskipTests && ./mvnw -B -o -q install -pl bench}, then
 * {@code MAVEN_OPTS=-Xmx1500m ./mvnw -B -o -q -pl bench exec:java -Dexec.mainClass=dev.distillery.bench.QualityBench
 * -Dexec.args="--samples=20000 --corpus=1000000"}.
 */
public final class QualityBench {
  private static final int WORDS_PER_CORPUS_SAMPLE = 80;
  private static final int VOCABULARY = 20_000;
  /** Per 100 corpus samples: #7 is a one-word-changed copy of #0, #13 an exact copy of #0. */
  private static final int NEAR_SLOT = 7;
  private static final int EXACT_SLOT = 13;

  private QualityBench() {}

  public static void main(String[] args) {
    int samples = intOption(args, "--samples", 20_000);
    int corpus = intOption(args, "--corpus", 1_000_000);
    rulesAndMinHash(samples);
    nearDuplicates(corpus);
  }

  private static void rulesAndMinHash(int count) {
    List<Candidate> candidates =
        SampleEvents.forRun(UUID.randomUUID().toString(), count).stream().map(QualityBench::candidate).toList();
    SampleRules rules = new SampleRules(RuleSettings.defaults());
    MinHash minHash = new MinHash(3, 16);
    for (int round = 0; round < 3; round++) {
      // the first rounds warm the JIT up; the last is reported
      long rulesNanos = 0;
      long dedupNanos = 0;
      int accepted = 0;
      int duplicates = 0;
      NearDupIndex index = new NearDupIndex(minHash, 0.8);
      for (Candidate c : candidates) {
        long t0 = System.nanoTime();
        Assessment a = rules.assess(c);
        long t1 = System.nanoTime();
        rulesNanos += t1 - t0;
        if (a.accepted()) {
          NearDupIndex.Keys keys = index.keys(c.dedupText());
          if (index.find(c.id(), keys) == null) {
            index.add(c.id(), keys);
            accepted++;
          } else {
            duplicates++;
          }
          dedupNanos += System.nanoTime() - t1;
        }
      }
      if (round == 2) {
        double total = (rulesNanos + dedupNanos) / 1e9;
        System.out.printf(Locale.ROOT,
            "rules + MinHash, 1 thread, %,d samples: %,.0f samples/s (rules %.1f µs/sample, MinHash+LSH %.1f µs per"
                + " sample checked); %,d kept, %,d duplicates, %,d rejected by rules%n",
            count, count / total, rulesNanos / 1e3 / count, dedupNanos / 1e3 / Math.max(1, accepted + duplicates),
            accepted, duplicates, count - accepted - duplicates);
      }
    }
  }

  private static Candidate candidate(SampleGenerated s) {
    return Candidate.of(s);
  }

  private static void nearDuplicates(int n) {
    if (n > 1 << 20) {
      throw new IllegalArgumentException("--corpus must be at most " + (1 << 20) + ": indexes are packed in 20 bits");
    }
    MinHash minHash = new MinHash(3, 16);
    int bands = minHash.bands();
    long heapBefore = usedHeap();
    long start = System.nanoTime();
    long[][] bandKeys = new long[bands][n];
    byte[] bbit = new byte[n * MinHash.PERMUTATIONS];
    IntStream.range(0, n).parallel().forEach(i -> {
      int[] signature = minHash.signature(corpusWords(i));
      long[] keys = minHash.bandKeys(signature);
      for (int b = 0; b < bands; b++) {
        // the sample's index in the low 20 bits, so that sorting a band groups equal keys in first-seen order
        bandKeys[b][i] = (keys[b] & ~0xFFFFFL) | i;
      }
      for (int p = 0; p < MinHash.PERMUTATIONS; p++) {
        bbit[i * MinHash.PERMUTATIONS + p] = (byte) signature[p];
      }
    });
    long signed = System.nanoTime();
    int[] duplicateOf = new int[n];
    Arrays.fill(duplicateOf, -1);
    AtomicLong candidates = new AtomicLong();
    for (int b = 0; b < bands; b++) {
      long[] keys = bandKeys[b];
      Arrays.parallelSort(keys);
      int runStart = 0;
      for (int j = 1; j <= n; j++) {
        if (j == n || (keys[j] & ~0xFFFFFL) != (keys[runStart] & ~0xFFFFFL)) {
          int first = (int) (keys[runStart] & 0xFFFFF);
          for (int k = runStart + 1; k < j; k++) {
            int other = (int) (keys[k] & 0xFFFFF);
            candidates.incrementAndGet();
            if (duplicateOf[other] < 0 && bbitSimilarity(bbit, first, other) >= 0.8) {
              duplicateOf[other] = first;
            }
          }
          runStart = j;
        }
      }
    }
    long done = System.nanoTime();
    long heapAfter = usedHeap();
    // the arrays must still be live when the heap is measured
    Reference.reachabilityFence(bandKeys);
    Reference.reachabilityFence(bbit);

    int plantedFound = 0;
    int planted = 0;
    int unplantedFlagged = 0;
    for (int i = 0; i < n; i++) {
      boolean isPlanted = i % 100 == NEAR_SLOT || i % 100 == EXACT_SLOT;
      planted += isPlanted ? 1 : 0;
      if (isPlanted && duplicateOf[i] == i - i % 100) {
        plantedFound++;
      } else if (!isPlanted && duplicateOf[i] >= 0) {
        unplantedFlagged++;
      }
    }
    System.out.printf(Locale.ROOT,
        "near-dup over %,d samples (%d words each, 3-word shingles, 128 permutations, %d bands x %d rows, J >= 0.8),"
            + " %d threads: signatures %.1f s, LSH + verification %.1f s, total %.1f s (%,.0f samples/s);"
            + " %,d candidate pairs; planted copies found %,d / %,d (recall %.4f); unplanted samples flagged %,d;"
            + " memory: band keys %,d MB + b-bit signatures %,d MB, heap held after the search %,d MB%n",
        n, WORDS_PER_CORPUS_SAMPLE, bands, MinHash.PERMUTATIONS / bands, Runtime.getRuntime().availableProcessors(),
        (signed - start) / 1e9, (done - signed) / 1e9, (done - start) / 1e9, n / ((done - start) / 1e9),
        candidates.get(), plantedFound, planted, (double) plantedFound / planted, unplantedFlagged,
        (long) bands * n * 8 / 1_000_000, (long) n * MinHash.PERMUTATIONS / 1_000_000,
        (heapAfter - heapBefore) / 1_000_000);
  }

  /** The Jaccard estimate from the low 8 bits of two signatures, corrected for chance agreement (1/256). */
  private static double bbitSimilarity(byte[] bbit, int a, int b) {
    int equal = 0;
    for (int p = 0; p < MinHash.PERMUTATIONS; p++) {
      if (bbit[a * MinHash.PERMUTATIONS + p] == bbit[b * MinHash.PERMUTATIONS + p]) {
        equal++;
      }
    }
    double chance = 1.0 / 256;
    return ((double) equal / MinHash.PERMUTATIONS - chance) / (1 - chance);
  }

  /** Sample i of the corpus, regenerated from its index instead of kept (1M texts would need about 600 MB). */
  private static List<String> corpusWords(int i) {
    int slot = i % 100;
    int base = slot == NEAR_SLOT || slot == EXACT_SLOT ? i - slot : i;
    SplittableRandom random = new SplittableRandom(base * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L);
    List<String> words = new ArrayList<>(WORDS_PER_CORPUS_SAMPLE);
    for (int w = 0; w < WORDS_PER_CORPUS_SAMPLE; w++) {
      words.add("w" + random.nextInt(VOCABULARY));
    }
    if (slot == NEAR_SLOT) {
      words.set(WORDS_PER_CORPUS_SAMPLE / 2, "changed");
    }
    return Text.words(String.join(" ", words));
  }

  private static long usedHeap() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static int intOption(String[] args, String name, int fallback) {
    for (String arg : args) {
      if (arg.startsWith(name + "=")) {
        return Integer.parseInt(arg.substring(name.length() + 1));
      }
    }
    return fallback;
  }
}
