package dev.distillery.training.service;

import dev.distillery.contracts.TrainingProgress;
import dev.distillery.contracts.TrainingState;
import dev.distillery.training.Training;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Training as Grafana plots it: the latest loss, evaluation loss and step of each job ({@code training} tag: the
 * training id) and how many jobs are in each state.
 */
@ApplicationScoped
public class TrainingMetrics {
  static final String LOSS = "distillery.training.loss";
  static final String EVAL_LOSS = "distillery.training.eval.loss";
  static final String STEP = "distillery.training.step";
  static final String JOBS = "distillery.training.jobs";

  @Inject MeterRegistry registry;

  private final Map<String, Latest> latest = new ConcurrentHashMap<>();
  private final Map<TrainingState, AtomicLong> jobs = new EnumMap<>(TrainingState.class);

  /** Registers the per-state gauges once; a gauge holds only a weak reference, so the counters live here. */
  synchronized void jobCounts(Map<TrainingState, Long> counts) {
    counts.forEach(
        (state, count) ->
            jobs.computeIfAbsent(
                    state,
                    s -> {
                      AtomicLong holder = new AtomicLong();
                      Gauge.builder(JOBS, holder, AtomicLong::get)
                          .tag("state", s.name())
                          .description("training jobs in this state")
                          .register(registry);
                      return holder;
                    })
                .set(count));
  }

  void progress(Training training) {
    TrainingProgress progress = training.progress();
    if (progress == null) {
      return;
    }
    Latest values = latest.computeIfAbsent(training.id(), this::register);
    if (progress.loss() != null) {
      values.loss = progress.loss();
    }
    if (progress.evalLoss() != null) {
      values.evalLoss = progress.evalLoss();
    }
    if (progress.step() != null) {
      values.step = progress.step();
    }
  }

  private Latest register(String trainingId) {
    Latest values = new Latest();
    Gauge.builder(LOSS, values, v -> v.loss).tag("training", trainingId).description("latest training loss").register(registry);
    Gauge.builder(EVAL_LOSS, values, v -> v.evalLoss).tag("training", trainingId).description("latest evaluation loss").register(registry);
    Gauge.builder(STEP, values, v -> v.step).tag("training", trainingId).description("latest optimiser step").register(registry);
    return values;
  }

  /** NaN until the trainer reports a value, which Prometheus shows as a gap rather than a false zero. */
  private static final class Latest {
    volatile double loss = Double.NaN;
    volatile double evalLoss = Double.NaN;
    volatile double step = Double.NaN;
  }
}
