package dev.distillery.training.service;

import dev.distillery.training.Training;
import dev.distillery.training.TrainingRequests;
import dev.distillery.training.config.TrainingConfig;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Training jobs as the planner makes them with the default config, for a fresh run each time. */
public final class TrainingFixtures {
  private TrainingFixtures() {}

  /** The workloads and trainers of the default config, without an API server. */
  public static Workloads workloads() {
    TrainingConfig config = TestConfigs.training(Map.of());
    return new Workloads(
        List.of(TestConfigs.jobWorkload(config), TestConfigs.trainJobWorkload(config)),
        List.of(TestConfigs.axolotl(config), TestConfigs.llamaFactory(config)));
  }

  public static Training queued() {
    return TestConfigs.planner(TestConfigs.training(Map.of()))
        .plan(TrainingRequests.withValidation(UUID.randomUUID().toString()));
  }
}
