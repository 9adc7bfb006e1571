package dev.distillery.bench;

import dev.distillery.testsupport.Infrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A packaged Quarkus service started as its own JVM, as it runs in production, against the bench's infrastructure. */
final class ServiceProcess implements AutoCloseable {
  private final Process process;
  private final int httpPort;

  private ServiceProcess(Process process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  static ServiceProcess start(Path jar, List<String> jvmOptions, Infrastructure infra, Path log) {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
    env.put("DB_HOST", infra.postgresHost());
    env.put("DB_PORT", String.valueOf(infra.postgresPort()));
    env.put("DB_NAME", infra.database());
    env.put("DB_USER", infra.username());
    env.put("DB_PASSWORD", infra.password());
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    try {
      return new ServiceProcess(builder.start(), port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + jar, e);
    }
  }

  /** Waits for {@code /q/health/ready} to answer 200: migrations done, Kafka channels connected. */
  void awaitReady(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/q/health/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited with status " + process.exitValue() + " before it was ready");
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // the HTTP server opens only once start-up is done
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the service was not ready within " + timeout);
  }

  long pid() {
    return process.pid();
  }

  /** CPU time the service's JVM has used so far, all threads. */
  Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
