package dev.distillery.training.service;

import dev.distillery.training.config.TrainingConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/** The training config as the service would read it, from the defaults plus the given properties. */
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

  static JobRenderer jobRenderer(TrainingConfig config) {
    JobRenderer renderer = new JobRenderer();
    renderer.config = config;
    renderer.readTolerations();
    return renderer;
  }
}
