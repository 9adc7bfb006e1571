package dev.distillery.training;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The export-service's {@code GET /datasets/{runId}} for the service under test. A test puts the manifest a run
 * should have with {@code PUT /datasets/{runId}}; a run without one is not found, as for a run never exported.
 */
public class ExportServiceStub implements QuarkusTestResourceLifecycleManager {
  public static final String URL_PROPERTY = "quarkus.rest-client.export.url";

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    Map<String, String> manifests = new ConcurrentHashMap<>();
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the export-service stub", e);
    }
    server.createContext(
        "/datasets/",
        exchange -> {
          String runId = exchange.getRequestURI().getPath().substring("/datasets/".length());
          if ("PUT".equals(exchange.getRequestMethod())) {
            manifests.put(runId, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, 204, "");
          } else {
            String manifest = manifests.get(runId);
            respond(exchange, manifest == null ? 404 : 200, manifest == null ? "{\"status\":404}" : manifest);
          }
        });
    server.start();
    return Map.of(URL_PROPERTY, "http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
    if (status != 204) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
