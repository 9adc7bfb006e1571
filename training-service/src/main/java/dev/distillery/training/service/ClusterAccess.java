package dev.distillery.training.service;

import dev.distillery.training.config.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether jobs go to a cluster. Without one the service still renders everything (a dry run) instead of failing
 * every job on connection errors.
 */
@ApplicationScoped
public class ClusterAccess {
  @Inject TrainingConfig config;

  @ConfigProperty(name = "quarkus.kubernetes-client.api-server-url")
  Optional<String> apiServerUrl;

  /** Why jobs are not submitted; empty when they are. */
  public Optional<String> dryRunReason() {
    // the Kubernetes client starts from fabric8's own settings (system property or environment), then Quarkus'
    boolean apiServer =
        apiServerUrl.isPresent() || System.getProperty("kubernetes.master") != null || System.getenv("KUBERNETES_MASTER") != null;
    return dryRunReason(config.submit(), apiServer, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static Optional<String> dryRunReason(boolean submit, boolean apiServerConfigured, Map<String, String> env, Path home) {
    if (!submit) {
      return Optional.of("dry run: rendered, not submitted (training.submit=false)");
    }
    boolean inPod = env.containsKey("KUBERNETES_SERVICE_HOST");
    String kubeconfig = env.get("KUBECONFIG");
    boolean hasKubeconfig =
        kubeconfig != null && !kubeconfig.isBlank()
            ? Files.exists(Path.of(kubeconfig.split(java.io.File.pathSeparator)[0]))
            : Files.exists(home.resolve(".kube").resolve("config"));
    if (apiServerConfigured || inPod || hasKubeconfig) {
      return Optional.empty();
    }
    return Optional.of(
        "dry run: rendered, not submitted (no Kubernetes cluster: no quarkus.kubernetes-client.api-server-url or"
            + " KUBERNETES_MASTER, no kubeconfig, not running in a pod)");
  }
}
