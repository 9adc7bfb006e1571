package dev.distillery.training.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.training.Training;
import dev.distillery.training.service.TrainingFixtures;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pod log read from an API server in expectation mode, the only mode in which the mock serves logs. */
class PodLogProgressSourceTest {
  private final KubernetesMockServer server = new KubernetesMockServer(false);
  private final Training training = TrainingFixtures.queued();
  private PodLogProgressSource source;

  @BeforeEach
  void start() {
    server.init();
    source = new PodLogProgressSource();
    source.client = server.createClient();
    source.workloads = TrainingFixtures.workloads();
  }

  @AfterEach
  void stop() {
    source.client.close();
    server.destroy();
  }

  @Test
  void theNewestStartedPodOfTheAttemptIsRead() {
    String selector =
        "distillery.dev%2Fattempt%3D1%2Cdistillery.dev%2Ftraining-id%3D" + training.id();
    server.expect().get().withPath("/api/v1/namespaces/distillery/pods?labelSelector=" + selector)
        .andReturn(
            200,
            new PodListBuilder()
                .withItems(
                    pod("first", "2026-11-23T10:00:00Z", "Failed"),
                    pod("replacement", "2026-11-23T10:05:00Z", "Running"),
                    pod("unscheduled", "2026-11-23T10:06:00Z", "Pending"))
                .build())
        .once();
    server.expect().get().withPath("/api/v1/namespaces/distillery/pods/replacement/log?pretty=false&container=trainer&tailLines=2")
        .andReturn(200, "{'loss': 1.5, 'learning_rate': 0.0001, 'epoch': 1.0}\n 50%|█████     | 15/30 [01:00<01:00,  4.00s/it]\n")
        .once();
    // the client looks the pod up before reading its log
    server.expect().get().withPath("/api/v1/namespaces/distillery/pods?fieldSelector=metadata.name%3Dreplacement")
        .andReturn(200, new PodListBuilder().withNewMetadata().withResourceVersion("1").endMetadata()
            .withItems(pod("replacement", "2026-11-23T10:05:00Z", "Running")).build())
        .always();

    List<String> tail = source.tail(training, 2);

    assertThat(tail).hasSize(2);
    assertThat(TrainerLogParser.progress(tail)).hasValueSatisfying(p -> {
      assertThat(p.loss()).isEqualTo(1.5);
      assertThat(p.step()).isEqualTo(15);
    });
  }

  @Test
  void noStartedPodIsNoLog() {
    server.expect().get().withPath("/api/v1/namespaces/distillery/pods?labelSelector=" + "distillery.dev%2Fattempt%3D1%2Cdistillery.dev%2Ftraining-id%3D" + training.id())
        .andReturn(200, new PodListBuilder().withItems(pod("waiting", "2026-11-23T10:00:00Z", "Pending")).build())
        .once();

    assertThat(source.tail(training, 50)).isEmpty();
  }

  private static Pod pod(String name, String created, String phase) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withNamespace("distillery").withCreationTimestamp(created).endMetadata()
        .withNewStatus().withPhase(phase).endStatus()
        .build();
  }
}
