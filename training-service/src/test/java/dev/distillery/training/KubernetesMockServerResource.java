package dev.distillery.training;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes API server for the service under test: fabric8's mock server in CRUD mode, which stores what is
 * created and serves gets, lists, watches and status updates, with Kubeflow Trainer's TrainJob CRD loaded.
 */
public class KubernetesMockServerResource implements QuarkusTestResourceLifecycleManager {
  public static final String NAMESPACE = "distillery";
  private static final List<String> CLIENT_SETTINGS =
      List.of(
          "kubernetes.master",
          "kubernetes.trust.certificates",
          "kubernetes.namespace",
          "kubernetes.auth.tryKubeConfig",
          "kubernetes.auth.tryServiceAccount");

  private KubernetesMockServer server;

  @Override
  public Map<String, String> start() {
    server =
        new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    try (KubernetesClient client = server.createClient();
        InputStream crd = getClass().getResourceAsStream("/crds/trainjobs.trainer.kubeflow.org.yaml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot load the TrainJob CRD", e);
    }
    // fabric8's own settings, which the Quarkus client starts from: quarkus.kubernetes-client.* are fixed at build
    // time, and a test profile's build would not know the server's port
    CLIENT_SETTINGS.forEach(System::clearProperty);
    System.setProperty("kubernetes.master", server.url("/"));
    System.setProperty("kubernetes.trust.certificates", "true");
    System.setProperty("kubernetes.namespace", NAMESPACE);
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    return Map.of();
  }

  @Override
  public void stop() {
    CLIENT_SETTINGS.forEach(System::clearProperty);
    if (server != null) {
      server.destroy();
    }
  }
}
