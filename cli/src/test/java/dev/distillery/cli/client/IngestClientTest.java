package dev.distillery.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.distillery.contracts.RunConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a stand-in for the ingest-service's REST API that records what it was sent. */
class IngestClientTest {
  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private IngestClient client;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/runs", this::answer);
    server.start();
    client = new IngestClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void createsARunWithItsNameAndConfigAndReturnsItsId() {
    String runId = client.createRun("papers-1", RunConfig.defaults());

    assertThat(runId).isEqualTo("run-7");
    assertThat(received.get(0))
        .startsWith("POST /runs application/json ")
        .contains("\"name\":\"papers-1\"")
        .contains("\"samplesPerSegment\":4")
        .contains("\"validationShare\":0.1")
        .contains("\"exportFormats\":[\"OPENAI_CHAT\",\"ALPACA\"]");
  }

  @Test
  void sendsAPaperAsMarkdownUnderItsFileName(@TempDir Path dir) throws IOException {
    Path paper = Files.writeString(dir.resolve("graph nets.md"), "# Graph nets\n\nText.");

    client.addPaper("run-7", paper);

    assertThat(received).containsExactly(
        "POST /runs/run-7/papers?name=graph+nets.md application/octet-stream # Graph nets\n\nText.");
  }

  @Test
  void aRefusalCarriesTheStatusAndTheServicesReason() {
    assertThatThrownBy(() -> client.closeRun("closed-run"))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessage("ingest-service answered 409 to POST /runs/closed-run/close: run closed-run is already closed");
  }

  @Test
  void readsTheRunAndItsDatasetIgnoringWhatItDoesNotShow() {
    RunView run = client.run("run-7");

    assertThat(run.exported()).isTrue();
    assertThat(run.counts().accepted()).isEqualTo(17);
    assertThat(run.counts().exported()).isEqualTo(17);
    assertThat(run.dataset().location()).isEqualTo("/data/run-7");
    assertThat(run.unavailableStages()).isEmpty();
  }

  @Test
  void readsCountsGivenAsFieldsOfTheRunAndNamesTheStagesThatDidNotAnswer() {
    RunView run = client.run("flat-run");

    assertThat(run.status()).isEqualTo("CLOSED");
    assertThat(run.counts().papers()).isEqualTo(3);
    assertThat(run.counts().samplesGenerated()).isEqualTo(9);
    assertThat(run.counts().accepted()).isZero();
    assertThat(run.dataset()).isNull();
    assertThat(run.unavailableStages()).containsExactly("quality");
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    URI uri = exchange.getRequestURI();
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    received.add(exchange.getRequestMethod() + " " + path + " "
        + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
    switch (exchange.getRequestMethod() + " " + uri.getPath()) {
      case "POST /runs" -> respond(exchange, 201, "{\"runId\":\"run-7\",\"status\":\"OPEN\"}");
      case "POST /runs/closed-run/close" ->
          respond(exchange, 409, "{\"status\":409,\"error\":\"run closed-run is already closed\"}");
      case "GET /runs/run-7" -> respond(exchange, 200, """
          {"runId":"run-7","name":"papers-1","status":"EXPORTED","createdAt":"2026-11-23T10:00:00Z",
           "counts":{"papers":2,"segments":4,"promptsPlanned":16,"samplesGenerated":16,"samplesFailed":0,
                     "accepted":17,"rejected":0,"failed":0,"exported":17},
           "dataset":{"location":"/data/run-7","trainExamples":15,"validationExamples":2},
           "stages":{"generation":"ok","quality":"ok","export":"ok"}}""");
      case "GET /runs/flat-run" -> respond(exchange, 200, """
          {"runId":"flat-run","name":"papers-2","status":"CLOSED","papers":3,"segments":6,"promptsPlanned":24,
           "samplesGenerated":9,"samplesFailed":0,"accepted":null,"rejected":null,"failed":null,"exported":0,
           "dataset":null,"stages":{"generation":"ok","quality":"unavailable","export":"ok"}}""");
      default -> respond(exchange, 204, "");
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }
}
