package dev.distillery.training.service;

import dev.distillery.training.config.TrainingConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/** The service's parts as it would wire them, from the config defaults plus the given properties. */
final class TestConfigs {
  private TestConfigs() {}

  static TrainingConfig training(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withMapping(TrainingConfig.class)
        .withSources(new PropertiesConfigSource(properties, "test", 100))
        .build()
        .getConfigMapping(TrainingConfig.class);
  }

  static TrainingPlanner planner(TrainingConfig config) {
    TrainingPlanner planner = new TrainingPlanner();
    planner.config = config;
    return planner;
  }

  static PodParts parts(TrainingConfig config) {
    PodParts parts = new PodParts();
    parts.config = config;
    parts.validate();
    return parts;
  }

  static JobWorkload jobWorkload(TrainingConfig config) {
    JobWorkload workload = new JobWorkload();
    workload.config = config;
    workload.parts = parts(config);
    return workload;
  }

  static TrainJobWorkload trainJobWorkload(TrainingConfig config) {
    TrainJobWorkload workload = new TrainJobWorkload();
    workload.config = config;
    workload.parts = parts(config);
    return workload;
  }

  static AxolotlConfigRenderer axolotl(TrainingConfig config) {
    AxolotlConfigRenderer renderer = new AxolotlConfigRenderer();
    renderer.config = config;
    return renderer;
  }

  static LlamaFactoryConfigRenderer llamaFactory(TrainingConfig config) {
    LlamaFactoryConfigRenderer renderer = new LlamaFactoryConfigRenderer();
    renderer.config = config;
    return renderer;
  }

  static GpuMemoryPlanner gpus(TrainingConfig config) {
    GpuMemoryPlanner planner = new GpuMemoryPlanner();
    planner.config = config;
    return planner;
  }
}
