package dev.distillery.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.distillery.contracts.Ids;
import dev.distillery.contracts.TrainingRequested;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** With submission switched off the service still renders every job, submits none, and says so. */
@QuarkusTest
@TestProfile(DryRunTest.SubmitOff.class)
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KubernetesMockServerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ExportServiceStub.class, restrictToAnnotatedClass = false)
class DryRunTest {
  public static class SubmitOff implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("training.submit", "false");
    }
  }

  @Inject KubernetesClient kubernetes;

  @Test
  void requestedTrainingIsRenderedNotSubmittedAndSaysSo() {
    String runId = UUID.randomUUID().toString();
    TrainingRequested request = TrainingRequests.withValidation(runId);
    String id = Ids.derive("training", request.datasetId());
    try (KafkaCompanion kafka =
        new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
      kafka.produceStrings().fromRecords(EventRecords.of(request)).awaitCompletion();
    }

    await().atMost(Duration.ofSeconds(30))
        .until(() -> given().when().get("/trainings/" + id).then().extract().statusCode() == 200);
    JsonPath training = given().when().get("/trainings/" + id).then().extract().jsonPath();
    assertThat(training.getString("state")).isEqualTo("QUEUED");
    assertThat(training.getBoolean("dryRun")).isTrue();
    assertThat(training.getString("reason")).isEqualTo("dry run: rendered, not submitted (training.submit=false)");
    assertThat(training.getString("manifests.workload")).contains("kind: \"Job\"");
    assertThat(training.getString("manifests.files.'axolotl.yaml'")).contains("adapter: qlora");
    assertThat(kubernetes.batch().v1().jobs().inNamespace(KubernetesMockServerResource.NAMESPACE)
        .withLabel("distillery.dev/training-id", id).list().getItems()).isEmpty();

    given().when().get("/trainings/" + id + "/logs")
        .then().statusCode(409).body("error", containsString("dry run"));
    given().when().post("/trainings/" + id + "/cancel")
        .then().statusCode(200).body("state", equalTo("CANCELLED")).body("reason", containsString("dry run"));
  }
}
