package dev.distillery.quality.service;

import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.Verdict;
import dev.distillery.quality.config.QualityConfig;
import dev.distillery.quality.rules.Assessment;
import dev.distillery.quality.rules.Reason;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Blends embedding similarity between answer and source segment into the rules' word-overlap grounding, when
 * {@code quality.grounding-embedding-weight} is above 0: a paraphrase in other words is then still backed by its
 * source, and an answer that borrows the source's words for something else is not.
 */
@ApplicationScoped
public class GroundingService {
  private static final int CACHED_SEGMENTS = 256;

  @Inject QualityConfig config;
  @Inject Embeddings embeddings;
  private final Map<String, float[]> segments =
      Collections.synchronizedMap(new LinkedHashMap<>(CACHED_SEGMENTS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
          return size() > CACHED_SEGMENTS;
        }
      });

  /** The assessments with grounding refined, in the same order; unchanged when the weight is 0. */
  public Uni<List<Assessment>> refine(List<SampleGenerated> samples, List<Assessment> assessments) {
    double weight = config.groundingEmbeddingWeight();
    if (weight <= 0) {
      return Uni.createFrom().item(assessments);
    }
    return Uni.createFrom().item(() -> {
          List<Assessment> refined = new ArrayList<>(assessments.size());
          for (int i = 0; i < samples.size(); i++) {
            refined.add(refine(samples.get(i), assessments.get(i), weight));
          }
          return refined;
        })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  private Assessment refine(SampleGenerated sample, Assessment a, double weight) {
    Double overlap = a.scores().get("grounding");
    List<String> otherReasons =
        a.reasons().stream().filter(r -> !Reason.codeOf(r).equals(Reason.UNGROUNDED.code())).toList();
    // only generated answers the rules measured (not mined pairs, which score exactly 1) and found nothing else wrong
    if (overlap == null || overlap >= 1.0 || !otherReasons.isEmpty() || a.verdict() == Verdict.FAILED) {
      return a;
    }
    float[] source = segments.computeIfAbsent(sample.segmentId(), id -> embeddings.embed(sample.source().segmentText()));
    double similarity = Math.max(0, Embeddings.cosine(embeddings.embed(sample.output()), source));
    double support = (1 - weight) * overlap + weight * similarity;
    Map<String, Double> scores = new LinkedHashMap<>(a.scores());
    scores.put("grounding", round(support));
    scores.put("grounding-embedding", round(similarity));
    double score = round(scores.entrySet().stream().filter(e -> !e.getKey().equals("grounding-embedding"))
        .mapToDouble(Map.Entry::getValue).average().orElse(0));
    if (support < config.groundingThreshold()) {
      return new Assessment(Verdict.REJECTED, score, scores, List.of(Reason.UNGROUNDED.because(String.format(
          Locale.ROOT, "the source backs %.0f%% of the answer (words %.0f%%, embedding similarity %.2f; threshold %.0f%%)",
          support * 100, overlap * 100, similarity, config.groundingThreshold() * 100))));
    }
    return new Assessment(Verdict.ACCEPTED, score, scores, List.of());
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
