package dev.distillery.quality.service;

import dev.distillery.contracts.SampleValidated;
import dev.distillery.quality.rules.Reason;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.Locale;

/**
 * The gate's business metrics: {@code distillery.samples.validated{verdict}},
 * {@code distillery.quality.rejections{reason}} (one count per reason code of each rejected sample),
 * {@code distillery.quality.duplicates{kind}} (exact, near) and the {@code distillery.quality.score} distribution
 * of judged samples.
 */
@ApplicationScoped
public class QualityMetrics {
  @Inject MeterRegistry registry;
  private DistributionSummary scores;

  @PostConstruct
  void register() {
    scores = DistributionSummary.builder("distillery.quality.score")
        .description("Heuristic score of judged (not failed) samples")
        .serviceLevelObjectives(0.2, 0.4, 0.6, 0.8, 1.0)
        .register(registry);
  }

  public void judged(SampleValidated v) {
    registry.counter("distillery.samples.validated", "verdict", v.verdict().name().toLowerCase(Locale.ROOT))
        .increment();
    switch (v.verdict()) {
      case ACCEPTED -> scores.record(v.score());
      case REJECTED -> {
        scores.record(v.score());
        for (String code : new LinkedHashSet<>(v.reasons().stream().map(Reason::codeOf).toList())) {
          registry.counter("distillery.quality.rejections", "reason", code).increment();
        }
        if (v.duplicateOf() != null) {
          String code = v.reasons().stream().map(Reason::codeOf).findFirst().orElse(Reason.DUPLICATE.code());
          String kind = code.equals(Reason.DUPLICATE.code()) ? "exact" : code.replace("-duplicate", "");
          registry.counter("distillery.quality.duplicates", "kind", kind).increment();
        }
      }
      case FAILED -> { }
    }
  }
}
