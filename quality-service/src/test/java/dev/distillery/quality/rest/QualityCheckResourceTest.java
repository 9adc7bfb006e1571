package dev.distillery.quality.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class QualityCheckResourceTest {
  private static final String ANSWER =
      "Multi-head attention runs several attention functions in parallel on projected inputs and concatenates"
          + " their results, so the model attends to different subspaces at once.";

  @Test
  void openAiAndAlpacaRecordsGetAVerdictScoreAndReasonsEach() {
    String body = "["
        + "{\"messages\": [{\"role\": \"system\", \"content\": \"You are helpful.\"},"
        + " {\"role\": \"user\", \"content\": \"Explain multi-head attention.\"},"
        + " {\"role\": \"assistant\", \"content\": \"" + ANSWER + "\"}]},"
        + "{\"instruction\": \"Explain dropout.\", \"input\": \"\","
        + " \"output\": \"As an AI language model, I cannot explain dropout to you.\"},"
        + "{\"instruction\": \"Explain multi-head attention.\", \"output\": \"" + ANSWER.toUpperCase() + "\"},"
        + "{\"prompt\": \"no known shape\"}"
        + "]";

    given().contentType(ContentType.JSON).body(body)
        .when().post("/quality/check")
        .then().statusCode(200)
        .body("results.position", contains(1, 2, 3, 4))
        .body("results[0].verdict", equalTo("ACCEPTED"))
        .body("results[0].reasons", empty())
        .body("results[0].scores.keySet()", hasItem("diversity"))
        .body("results[0].duplicateOf", nullValue())
        .body("results[1].verdict", equalTo("REJECTED"))
        .body("results[1].reasons[0]", startsWith("refusal: "))
        .body("results[2].reasons[0]", equalTo("duplicate: same text as record 1"))
        .body("results[2].duplicateOf", equalTo(1))
        .body("results[3].reasons[0]", startsWith("malformed-json: record 4: expected \"messages\""))
        .body("summary.checked", equalTo(4))
        .body("summary.accepted", equalTo(1))
        .body("summary.rejectionsByReason.refusal", equalTo(1));
  }

  @Test
  void aBodyThatIsNotAnArrayIsABadRequestSayingWhatIsExpected() {
    given().contentType(ContentType.JSON).body("{\"instruction\": \"x\"}")
        .when().post("/quality/check")
        .then().statusCode(400)
        .body("error", containsString("must be a JSON array"));
  }
}
