package dev.distillery.export.storage;

import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.distillery.contracts.Verdict.ACCEPTED;
import static dev.distillery.export.Pipeline.awaitExported;
import static dev.distillery.export.Pipeline.awaitRecord;
import static dev.distillery.export.Pipeline.metric;
import static dev.distillery.export.Pipeline.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.Topics;
import dev.distillery.contracts.TrainingRequested;
import dev.distillery.export.Pipeline;
import dev.distillery.export.TestRun;
import dev.distillery.testsupport.EventRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With a bucket configured, the dataset is uploaded and the events point at the bucket. */
@QuarkusTest
@TestProfile(FakeS3.Profile.class)
class S3UploadTest {

  @Test
  void uploadsEveryFileThenTheManifestAndAnnouncesTheBucketLocation() throws IOException {
    TestRun run = new TestRun(TestRun.config(0.5, true, ExportFormat.OPENAI_CHAT, ExportFormat.HUGGINGFACE));
    run.paper("Paper Sigma", ACCEPTED, ACCEPTED);
    run.paper("Paper Tau", ACCEPTED);
    double uploadedBefore = metric("distillery_export_uploaded_files_total");

    send(run.closed());
    send(run.samples());
    String location = awaitExported(run.runId()).getString("location");

    String folder = "datasets/" + run.runId() + "/";
    assertThat(location).isEqualTo("s3://" + FakeS3.BUCKET + "/" + folder);
    List<LoggedRequest> puts =
        FakeS3.server.findAll(putRequestedFor(urlPathMatching("/" + FakeS3.BUCKET + "/" + folder + ".*")));
    List<String> keys = puts.stream().map(r -> r.getUrl().substring(("/" + FakeS3.BUCKET + "/" + folder).length()))
        .toList();
    assertThat(keys).contains("samples.jsonl", "openai-chat.train.jsonl", "huggingface/README.md",
        "huggingface/data/train.jsonl");
    assertThat(keys.get(keys.size() - 1)).isEqualTo("manifest.json");
    Path local = Pipeline.dataDir().resolve(run.runId());
    LoggedRequest train = puts.stream().filter(r -> r.getUrl().endsWith("/openai-chat.train.jsonl")).findFirst()
        .orElseThrow();
    assertThat(train.getBody()).isEqualTo(Files.readAllBytes(local.resolve("openai-chat.train.jsonl")));
    assertThat(train.getHeader("Authorization")).contains("Credential=test-key/");
    assertThat(metric("distillery_export_uploaded_files_total")).isEqualTo(uploadedBefore + keys.size());

    TrainingRequested training = EventRecords.codec()
        .read(EventType.TRAINING_REQUESTED, awaitRecord(Topics.TRAINING_REQUESTED, run.runId()).value());
    assertThat(training.trainFile()).isEqualTo(location + "openai-chat.train.jsonl");
    assertThat(training.datasetLocation()).isEqualTo(location);
    given().get("/datasets/{runId}/analyze", run.runId()).then().statusCode(200);
  }
}
