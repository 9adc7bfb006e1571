package dev.distillery.cli.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the local stack finds the services and puts its state.
 *
 * @param home the Distillery checkout: each service's {@code <service>/target/quarkus-app/quarkus-run.jar}
 * @param workDir broker and database files, logs ({@code logs/<part>.log}); emptied at every start
 * @param dataDir where the export-service writes datasets, one sub-directory per run
 * @param startTimeout how long each part may take to become ready
 * @param environment extra environment for every service, on top of what the stack sets and this process has
 */
public record StackSettings(
    Path home, Path workDir, Path dataDir, Duration startTimeout, Map<String, String> environment) {

  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);

  public StackSettings {
    home = home.toAbsolutePath().normalize();
    workDir = workDir.toAbsolutePath().normalize();
    dataDir = dataDir.toAbsolutePath().normalize();
    environment = Map.copyOf(environment);
  }

  public StackSettings(Path home, Path workDir, Path dataDir) {
    this(home, workDir, dataDir, DEFAULT_START_TIMEOUT, Map.of());
  }
}
