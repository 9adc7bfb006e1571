package dev.distillery.training.service;

import dev.distillery.training.Engine;
import dev.distillery.training.Training;
import dev.distillery.training.WorkloadKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;

/** The workload kinds and trainers the service knows, by the name a training job records. */
@ApplicationScoped
public class Workloads {
  private final Map<WorkloadKind, TrainingWorkload> workloads = new EnumMap<>(WorkloadKind.class);
  private final Map<Engine, TrainerEngine> engines = new EnumMap<>(Engine.class);

  @Inject
  Workloads(Instance<TrainingWorkload> workloads, Instance<TrainerEngine> engines) {
    this((Iterable<TrainingWorkload>) workloads, engines);
  }

  Workloads(Iterable<? extends TrainingWorkload> workloads, Iterable<? extends TrainerEngine> engines) {
    workloads.forEach(w -> this.workloads.put(w.kind(), w));
    engines.forEach(e -> this.engines.put(e.engine(), e));
  }

  public TrainingWorkload of(Training training) {
    return workloads.get(training.workloadKind());
  }

  public TrainerEngine engine(Engine engine) {
    return engines.get(engine);
  }
}
