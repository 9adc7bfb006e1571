package dev.distillery.training.follow;

import dev.distillery.training.Training;
import java.util.List;

/**
 * Where the trainer's output of a running job is read from. The pod log is the one every trainer has; a test
 * or another feed can stand in.
 */
public interface ProgressSource {
  /**
   * The last lines of the trainer's output for the job's current attempt, oldest first; empty when there is no pod
   * (yet, or any more). May throw {@link io.fabric8.kubernetes.client.KubernetesClientException}.
   */
  List<String> tail(Training training, int lines);
}
