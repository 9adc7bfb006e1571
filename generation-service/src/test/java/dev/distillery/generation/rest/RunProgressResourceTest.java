package dev.distillery.generation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class RunProgressResourceTest {

  @Test
  void anUnknownRunHasNothingPlannedYet() {
    given().get("/runs/{runId}/progress", UUID.randomUUID()).then().statusCode(200)
        .body("promptsPlanned", is(0), "samplesGenerated", is(0), "samplesFailed", is(0));
  }

  @Test
  void aRunIdThatIsNotAUuidIsNotFound() {
    given().get("/runs/{runId}/progress", "not-a-run").then().statusCode(404);
  }
}
