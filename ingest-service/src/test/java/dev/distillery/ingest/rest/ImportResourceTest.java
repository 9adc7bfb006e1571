package dev.distillery.ingest.rest;

import static dev.distillery.ingest.TestDocuments.prose;
import static dev.distillery.ingest.TestPapers.createRun;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.distillery.ingest.TestDocuments;
import dev.distillery.ingest.TestDocuments.Section;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class ImportResourceTest {
  /** ingest.import.roots in the test profile. */
  private static final Path ROOT = Path.of("target/import-root").toAbsolutePath();

  private static String body(Path folder) {
    return "{\"path\": \"" + folder.toString().replace("\\", "\\\\") + "\"}";
  }

  @Test
  void aFolderUnderARootIsImportedFileByFileAndALinkOutOfTheRootsIsNot() throws IOException {
    Path folder = Files.createDirectories(ROOT.resolve(UUID.randomUUID().toString()));
    Files.writeString(folder.resolve("a paper.md"), "# Alpha\n\n" + prose("alpha", 14));
    Files.write(folder.resolve("b.docx"), TestDocuments.docx("Beta", "Bo", List.of(new Section("B", prose("b", 14)))));
    Files.writeString(folder.resolve(".hidden.md"), "# Hidden\n\n" + prose("hidden", 3));
    Path outside = Files.createTempFile("outside-", ".md");
    Files.writeString(outside, "# Secret\n\n" + prose("secret", 3));
    Files.createSymbolicLink(folder.resolve("c-link.md"), outside);
    String runId = createRun("import");

    given().contentType(ContentType.JSON).body(body(folder)).post("/runs/{id}/import", runId)
        .then()
        .statusCode(201)
        .body("accepted", is(2))
        .body("files.file", is(List.of("a paper.md", "b.docx", "c-link.md")))
        .body("files.status", is(List.of("accepted", "accepted", "rejected")))
        .body("files[2].reason", containsString("outside the import roots"));
  }

  @Test
  void pathsOutsideTheRootsAreForbiddenEvenThroughDotDot() throws IOException {
    Files.createDirectories(ROOT);
    String runId = createRun("escape");

    given().contentType(ContentType.JSON).body(body(ROOT.resolve("../../src")))
        .post("/runs/{id}/import", runId)
        .then().statusCode(403).body("error", containsString("is not under an import root"));
    given().contentType(ContentType.JSON).body("{\"path\": \"relative/folder\"}").post("/runs/{id}/import", runId)
        .then().statusCode(400).body("error", is("path must be absolute, was relative/folder"));
    given().contentType(ContentType.JSON).body(body(ROOT.resolve("missing-" + UUID.randomUUID())))
        .post("/runs/{id}/import", runId)
        .then().statusCode(400).body("error", containsString("no such folder"));
  }
}
