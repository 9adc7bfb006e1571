package dev.distillery.quality.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.distillery.contracts.SampleGenerated;
import dev.distillery.quality.DedupTexts;
import dev.distillery.quality.SampleFixtures;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class RunQualityResourceTest {

  @Test
  void theReportShowsPassRateRejectionsByReasonScoresAndDuplicateClusters() {
    String runId = UUID.randomUUID().toString();
    List<String[]> texts = new ArrayList<>(List.of(DedupTexts.ORIGINAL, DedupTexts.EXACT, DedupTexts.NEAR));
    texts.addAll(DedupTexts.DISTINCT);
    texts.add(new String[] {"Explain multi-head attention.", ""});
    List<SampleGenerated> samples = SampleFixtures.ofOnePaper(runId, texts);
    try (KafkaCompanion kafka =
        new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
      kafka.produceStrings().fromRecords(samples.stream().map(EventRecords::of).toList()).awaitCompletion();
    }

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        given().get("/runs/{id}/quality", runId).then().statusCode(200).body("rejected", equalTo(3)));
    given().get("/runs/{id}/quality", runId).then().statusCode(200)
        .body("accepted", equalTo(4))
        .body("failed", equalTo(0))
        .body("passRate", equalTo(0.571f))
        .body("rejectionsByReason.duplicate", equalTo(1))
        .body("rejectionsByReason.near-duplicate", equalTo(1))
        .body("rejectionsByReason.missing-field", equalTo(1))
        .body("scoreHistogram", hasSize(10))
        .body("scoreHistogram.count.sum()", equalTo(7))
        .body("duplicateClusters", hasSize(1))
        .body("duplicateClusters[0].keptSampleId", equalTo(samples.get(0).sampleId()))
        .body("duplicateClusters[0].duplicates", containsInAnyOrder(samples.get(1).sampleId(), samples.get(2).sampleId()));
    given().get("/q/metrics").then().statusCode(200)
        .body(containsString("distillery_quality_rejections_total{reason=\"near-duplicate\"}"))
        .body(containsString("distillery_quality_duplicates_total{kind=\"exact\"}"))
        .body(containsString("distillery_quality_score_count"));
  }

  @Test
  void anUnknownRunHasAnEmptyReport() {
    given().get("/runs/{id}/quality", UUID.randomUUID()).then().statusCode(200)
        .body("accepted", equalTo(0)).body("passRate", equalTo(0.0f)).body("rejectionsByReason.size()", equalTo(0))
        .body("duplicateClusters", empty());
  }
}
