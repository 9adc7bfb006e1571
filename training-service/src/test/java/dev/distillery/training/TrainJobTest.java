package dev.distillery.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A training run as a Kubeflow Trainer TrainJob, on a mock API server that has the TrainJob CRD. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KubernetesMockServerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ExportServiceStub.class, restrictToAnnotatedClass = false)
class TrainJobTest {
  private static final ResourceDefinitionContext TRAIN_JOBS =
      new ResourceDefinitionContext.Builder()
          .withGroup("trainer.kubeflow.org")
          .withVersion("v1alpha1")
          .withKind("TrainJob")
          .withPlural("trainjobs")
          .withNamespaced(true)
          .build();

  @Inject KubernetesClient kubernetes;

  private final String runId = UUID.randomUUID().toString();

  @Test
  @SuppressWarnings("unchecked")
  void llamaFactoryRunsAsATrainJobOnTheClusterRuntimeAndItsCompletionIsFollowed() {
    String body =
        "{\"runId\": \"" + runId + "\", \"datasetId\": \"" + UUID.randomUUID() + "\", \"datasetLocation\": \"/data/exports/"
            + runId + "\", \"trainExamples\": 12, \"engine\": \"LLAMA_FACTORY\", \"workload\": \"TRAIN_JOB\"}";
    JsonPath created =
        given().contentType(ContentType.JSON).body(body).when().post("/trainings").then().statusCode(201).extract().jsonPath();
    String id = created.getString("id");
    String name = created.getString("workloadName");
    assertThat(created.getString("workloadKind")).isEqualTo("TRAIN_JOB");

    Resource<GenericKubernetesResource> trainJob =
        kubernetes.genericKubernetesResources(TRAIN_JOBS).inNamespace(KubernetesMockServerResource.NAMESPACE).withName(name);
    await().atMost(Duration.ofSeconds(30)).until(() -> trainJob.get() != null);
    Map<String, Object> spec = (Map<String, Object>) trainJob.get().getAdditionalProperties().get("spec");
    assertThat((Map<String, Object>) spec.get("runtimeRef"))
        .containsEntry("name", "torch-distributed")
        .containsEntry("kind", "ClusterTrainingRuntime");
    Map<String, Object> trainer = (Map<String, Object>) spec.get("trainer");
    assertThat((List<String>) trainer.get("command")).containsExactly("llamafactory-cli", "train", "/config/llamafactory.yaml");
    assertThat((Map<String, Object>) ((Map<String, Object>) trainer.get("resourcesPerNode")).get("limits"))
        .containsEntry("nvidia.com/gpu", "1");

    await().atMost(Duration.ofSeconds(30)).until(() -> configMap(name + "-config") != null);
    ConfigMap configMap = configMap(name + "-config");
    assertThat(configMap.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> {
          assertThat(owner.getKind()).isEqualTo("TrainJob");
          assertThat(owner.getUid()).isEqualTo(trainJob.get().getMetadata().getUid());
        });
    assertThat(configMap.getData().get("llamafactory.yaml"))
        .contains("finetuning_type: lora")
        .contains("quantization_bit: 4")
        .contains("dataset_dir: /config");
    assertThat(configMap.getData().get("dataset_info.json")).contains("/data/exports/" + runId + "/openai-chat.train.jsonl");

    trainJob.editStatus(
        job -> {
          job.getAdditionalProperties()
              .put("status", Map.of("jobsStatus", List.of(Map.of("name", "node", "ready", 1, "active", 1))));
          return job;
        });
    await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(state(id)));
    trainJob.editStatus(
        job -> {
          job.getAdditionalProperties()
              .put(
                  "status",
                  Map.of(
                      "conditions",
                      List.of(
                          Map.of("type", "Created", "status", "True"),
                          Map.of("type", "Complete", "status", "True", "reason", "JobsCompleted"))));
          return job;
        });
    await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(state(id)));

    given().queryParam("runId", runId).when().get("/adapters")
        .then().statusCode(200).body("size()", equalTo(1)).body("[0].engine", equalTo("LLAMA_FACTORY"));
  }

  private ConfigMap configMap(String name) {
    return kubernetes.configMaps().inNamespace(KubernetesMockServerResource.NAMESPACE).withName(name).get();
  }

  private static String state(String id) {
    return given().when().get("/trainings/" + id).then().statusCode(200).extract().jsonPath().getString("state");
  }
}
