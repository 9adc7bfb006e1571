package dev.distillery.cli.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Waits until every service answers {@code /q/health/ready} with 200, failing fast when one of them dies. */
final class Readiness {
  private static final Duration POLL = Duration.ofMillis(250);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  void awaitAll(List<ServiceProcess> services, Duration timeout, Consumer<ServiceProcess> onReady) {
    Instant deadline = Instant.now().plus(timeout);
    List<ServiceProcess> waiting = new ArrayList<>(services);
    Map<String, String> lastAnswer = new HashMap<>();
    while (!waiting.isEmpty()) {
      for (var it = waiting.iterator(); it.hasNext(); ) {
        ServiceProcess service = it.next();
        ManagedProcess process = service.process();
        if (!process.isAlive()) {
          throw new StackException(service.name() + " exited (code " + process.exitCode()
              + ") before it was ready; see " + process.log());
        }
        String answer = probe(service.url().resolve("/q/health/ready"));
        if (answer == null) {
          it.remove();
          onReady.accept(service);
        } else {
          lastAnswer.put(service.name(), answer);
        }
      }
      if (!waiting.isEmpty() && Instant.now().isAfter(deadline)) {
        ServiceProcess late = waiting.get(0);
        throw new StackException(late.name() + " was not ready within " + timeout.toSeconds() + " s (last answer: "
            + lastAnswer.getOrDefault(late.name(), "none") + "); see " + late.process().log());
      }
      if (!waiting.isEmpty()) {
        pause();
      }
    }
  }

  /** Null when ready, otherwise what the service said (or why it said nothing). */
  private String probe(URI health) {
    HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return null;
      }
      return "HTTP " + response.statusCode() + " " + response.body().replaceAll("\\s+", " ");
    } catch (IOException e) {
      return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while waiting for the services", e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while waiting for the services", e);
    }
  }
}
