package dev.distillery.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.contracts.RunConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ingest-service's REST API, as the CLI uses it: create a run, add papers, close it, follow it. */
public final class IngestClient {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final URI baseUrl;
  private final HttpClient http;
  private final ObjectMapper json;

  public IngestClient(URI baseUrl) {
    this.baseUrl = baseUrl;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /** Creates a run and returns its id. */
  public String createRun(String name, RunConfig config) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("config", config);
    HttpResponse<String> response = send("POST", "/runs", BodyPublishers.ofString(write(body)), "application/json");
    JsonNode runId = read(response, JsonNode.class).get("runId");
    if (runId == null || runId.asText().isBlank()) {
      throw new IngestException("ingest-service created a run but sent no runId: " + response.body(),
          response.statusCode(), null);
    }
    return runId.asText();
  }

  /** Adds one document to an open run, under its file name; the service tells what it is from its bytes. */
  public void addPaper(String runId, Path file) {
    BodyPublisher body;
    try {
      body = BodyPublishers.ofFile(file);
    } catch (IOException e) {
      throw new IngestException("could not read " + file + ": " + e.getMessage(), 0, e);
    }
    String name = URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8);
    send("POST", "/runs/" + runId + "/papers?name=" + name, body, "application/octet-stream");
  }

  /** Tells the run that no more papers are coming, so that it can be exported once every sample is in. */
  public void closeRun(String runId) {
    send("POST", "/runs/" + runId + "/close", BodyPublishers.noBody(), null);
  }

  public RunView run(String runId) {
    HttpResponse<String> response = send("GET", "/runs/" + runId, BodyPublishers.noBody(), null);
    JsonNode run = read(response, JsonNode.class);
    // Counts come either grouped under "counts" or as fields of the run itself; both read the same.
    JsonNode counts = run.path("counts").isObject() ? run.get("counts") : run;
    List<String> unavailable = new ArrayList<>();
    run.path("stages").fields().forEachRemaining(stage -> {
      if ("unavailable".equals(stage.getValue().asText())) {
        unavailable.add(stage.getKey());
      }
    });
    try {
      return new RunView(
          run.path("runId").asText(runId),
          run.path("name").asText(null),
          run.path("status").asText(null),
          json.treeToValue(counts, RunView.Counts.class),
          run.path("dataset").isObject() ? json.treeToValue(run.get("dataset"), RunView.Dataset.class) : null,
          unavailable);
    } catch (JsonProcessingException e) {
      throw new IngestException("ingest-service sent a run the CLI cannot read: " + e.getOriginalMessage(),
          response.statusCode(), e);
    }
  }

  private HttpResponse<String> send(String method, String path, BodyPublisher body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json")
        .method(method, body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IngestException(
          "could not reach the ingest-service at " + baseUrl + " (" + method + " " + path + "): " + e, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestException("interrupted during " + method + " " + path, 0, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IngestException("ingest-service answered " + response.statusCode() + " to " + method + " " + path
          + ": " + reason(response.body()), response.statusCode(), null);
    }
    return response;
  }

  /** The {@code error} of an ApiError body, or the body itself when it is something else. */
  private String reason(String body) {
    try {
      JsonNode error = json.readTree(body).get("error");
      if (error != null && error.isTextual()) {
        return error.asText();
      }
    } catch (JsonProcessingException notJson) {
      // Not every failure comes from our exception mappers (a proxy, a crashed worker): show the raw body.
    }
    return body == null || body.isBlank() ? "(no body)" : body.strip();
  }

  private <T> T read(HttpResponse<String> response, Class<T> type) {
    try {
      return json.readValue(response.body(), type);
    } catch (JsonProcessingException e) {
      throw new IngestException("ingest-service sent an answer the CLI cannot read: " + e.getOriginalMessage(),
          response.statusCode(), e);
    }
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise " + body, e);
    }
  }
}
