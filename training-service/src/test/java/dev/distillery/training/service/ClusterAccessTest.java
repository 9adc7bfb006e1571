package dev.distillery.training.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterAccessTest {
  @TempDir Path home;

  @Test
  void switchedOffIsADryRunWhateverTheCluster() {
    assertThat(ClusterAccess.dryRunReason(false, true, Map.of(), home)).hasValueSatisfying(r -> assertThat(r).contains("training.submit=false"));
  }

  @Test
  void withoutAnyWayToReachAClusterItIsADryRunAndSaysWhy() {
    assertThat(ClusterAccess.dryRunReason(true, false, Map.of(), home))
        .hasValueSatisfying(r -> assertThat(r).startsWith("dry run").contains("no kubeconfig"));
  }

  @Test
  void anApiServerUrlAPodOrAKubeconfigIsACluster() throws IOException {
    assertThat(ClusterAccess.dryRunReason(true, true, Map.of(), home)).isEmpty();
    assertThat(ClusterAccess.dryRunReason(true, false, Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), home)).isEmpty();
    Files.createDirectories(home.resolve(".kube"));
    Files.writeString(home.resolve(".kube/config"), "apiVersion: v1\n");
    assertThat(ClusterAccess.dryRunReason(true, false, Map.of(), home)).isEmpty();
  }
}
