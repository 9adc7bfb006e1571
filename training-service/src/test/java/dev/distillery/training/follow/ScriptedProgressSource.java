package dev.distillery.training.follow;

import dev.distillery.training.Training;
import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the pod log, which the mock API server serves only in expectation mode: a test writes what the
 * trainer of a workload printed.
 */
@Mock
@ApplicationScoped
public class ScriptedProgressSource implements ProgressSource {
  private final Map<String, List<String>> printed = new ConcurrentHashMap<>();

  /** What the trainer of this workload has printed so far. */
  public void printed(String workloadName, List<String> lines) {
    printed.put(workloadName, List.copyOf(lines));
  }

  @Override
  public List<String> tail(Training training, int lines) {
    List<String> all = printed.getOrDefault(training.workloadName(), List.of());
    return all.subList(Math.max(0, all.size() - lines), all.size());
  }
}
