package dev.distillery.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (broker and controller in one JVM) started from the jars this CLI ships with, so
 * that running Distillery needs nothing but a JDK.
 */
final class KafkaBroker {
  /** Events carry whole papers; the services' producers send up to this much. */
  static final int MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

  private final Path dir;
  private final int port;
  private final int controllerPort;

  KafkaBroker(Path dir, int port, int controllerPort) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Formats a fresh log directory and starts the broker; returns once it answers metadata requests. */
  ManagedProcess start(ProcessLauncher launcher, Path log, Duration timeout) {
    Path config = writeConfig();
    Path jvmArgs = writeJvmArgs(JvmClasspath.current());
    String java = JavaCommand.path();
    ManagedProcess format = launcher.launch(
        "kafka-storage-format",
        List.of(java, "@" + jvmArgs, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
            "-c", config.toString()),
        Map.of(), log);
    int exit = format.awaitExit(timeout);
    if (exit != 0) {
      throw new StackException("formatting the Kafka log directory failed (exit code " + exit + "); see " + log);
    }
    ManagedProcess broker = launcher.launch(
        "kafka", List.of(java, "-Xms128m", "-Xmx512m", "@" + jvmArgs, "kafka.Kafka", config.toString()), Map.of(), log);
    awaitReady(broker, Instant.now().plus(timeout));
    return broker;
  }

  private Path writeConfig() {
    Properties config = new Properties();
    config.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", "1"),
        Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
        Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("log.dirs", dir.resolve("data").toString()),
        Map.entry("num.partitions", "4"),
        Map.entry("auto.create.topics.enable", "true"),
        Map.entry("default.replication.factor", "1"),
        Map.entry("min.insync.replicas", "1"),
        Map.entry("offsets.topic.replication.factor", "1"),
        // 50 partitions by default: creating them delays the first consumer group by seconds for nothing here.
        Map.entry("offsets.topic.num.partitions", "4"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES)),
        Map.entry("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES)),
        Map.entry("group.initial.rebalance.delay.ms", "0")));
    Path file = dir.resolve("server.properties");
    try {
      Files.createDirectories(dir);
      try (var out = Files.newBufferedWriter(file)) {
        config.store(out, "written by distillery for a single-node local broker");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /**
   * The class path goes into a JVM argument file: spelled out on the command line it can pass the kernel's
   * limit for one argument when the CLI runs from a build tool's class path.
   */
  private Path writeJvmArgs(List<Path> classpath) {
    String joined = String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList());
    String args = String.join(System.lineSeparator(),
        "-cp",
        quoted(joined),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
        "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info",
        "-Dorg.slf4j.simpleLogger.log.kafka=info",
        "-Dorg.slf4j.simpleLogger.logFile=System.out");
    Path file = dir.resolve("jvm.args");
    try {
      Files.writeString(file, args + System.lineSeparator());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private void awaitReady(ManagedProcess broker, Instant deadline) {
    awaitListening(broker, deadline);
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    try (Admin admin = Admin.create(config)) {
      while (true) {
        checkAlive(broker);
        try {
          if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StackException("interrupted while waiting for the Kafka broker", e);
        } catch (ExecutionException | TimeoutException e) {
          if (Instant.now().isAfter(deadline)) {
            throw new StackException("the Kafka broker did not answer within the start timeout; see " + broker.log());
          }
        }
        pause();
      }
    }
  }

  private void awaitListening(ManagedProcess broker, Instant deadline) {
    while (true) {
      checkAlive(broker);
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw new StackException(
              "the Kafka broker did not open port " + port + " within the start timeout; see " + broker.log());
        }
      }
      pause();
    }
  }

  private static void checkAlive(ManagedProcess broker) {
    if (!broker.isAlive()) {
      throw new StackException(
          "the Kafka broker exited (code " + broker.exitCode() + ") while starting; see " + broker.log());
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while waiting for the Kafka broker", e);
    }
  }
}
