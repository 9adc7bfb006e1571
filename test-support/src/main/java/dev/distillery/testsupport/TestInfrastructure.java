package dev.distillery.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Starts one Kafka broker and one PostgreSQL per JVM, the first time a test asks, and stops them when the
 * JVM exits. Order of preference:
 *
 * <ol>
 *   <li>external: {@code KAFKA_BOOTSTRAP_SERVERS} and {@code DISTILLERY_TEST_POSTGRES_URL}
 *       ({@code postgresql://user:password@host:port/database}) from the environment;
 *   <li>Testcontainers, when a Docker engine answers;
 *   <li>in this JVM: a KRaft broker ({@link KafkaClusterTestKit}) and an embedded PostgreSQL (zonky).
 * </ol>
 */
public final class TestInfrastructure {
  private static final Logger LOG = Logger.getLogger(TestInfrastructure.class);
  /** Events carry whole papers; the broker takes what the producers are configured to send. */
  public static final int MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

  private static Infrastructure started;
  private static final List<AutoCloseable> TO_CLOSE = new ArrayList<>();

  private TestInfrastructure() {}

  public static synchronized Infrastructure get() {
    if (started == null) {
      started = start(System.getenv());
      Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopAll, "test-infrastructure-stop"));
      LOG.infof("test infrastructure (%s): kafka %s, postgres %s", started.kind(), started.kafkaBootstrapServers(),
          started.reactiveUrl());
    }
    return started;
  }

  private static Infrastructure start(Map<String, String> env) {
    String kafka = env.get("KAFKA_BOOTSTRAP_SERVERS");
    String postgres = env.get("DISTILLERY_TEST_POSTGRES_URL");
    if (kafka != null && !kafka.isBlank() && postgres != null && !postgres.isBlank()) {
      return external(kafka, postgres);
    }
    if (dockerAvailable()) {
      return inContainers();
    }
    return inThisJvm();
  }

  private static Infrastructure external(String kafka, String postgresUrl) {
    URI uri = URI.create(postgresUrl);
    String[] userInfo = uri.getUserInfo() == null ? new String[] {"postgres", ""} : uri.getUserInfo().split(":", 2);
    return new Infrastructure(
        "external", kafka, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1),
        userInfo[0], userInfo.length > 1 ? userInfo[1] : "");
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static Infrastructure inContainers() {
    KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1")
        .withEnv("KAFKA_MESSAGE_MAX_BYTES", String.valueOf(MAX_MESSAGE_BYTES));
    PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15-alpine");
    kafka.start();
    TO_CLOSE.add(kafka);
    postgres.start();
    TO_CLOSE.add(postgres);
    return new Infrastructure(
        "testcontainers", kafka.getBootstrapServers(), postgres.getHost(), postgres.getFirstMappedPort(),
        postgres.getDatabaseName(), postgres.getUsername(), postgres.getPassword());
  }

  private static Infrastructure inThisJvm() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      TO_CLOSE.add(postgres);
      KafkaClusterTestKit kafka = startKafka();
      TO_CLOSE.add(kafka);
      return new Infrastructure(
          "in-jvm", kafka.bootstrapServers(), "localhost", postgres.getPort(), "postgres", "postgres", "postgres");
    } catch (Exception e) {
      throw new IllegalStateException("could not start the in-JVM Kafka broker and embedded PostgreSQL", e);
    }
  }

  private static KafkaClusterTestKit startKafka() throws Exception {
    // A broker that fails while the JVM shuts down (its log directory vanishing, say) halts the JVM with status 1,
    // which fails a test run whose tests all passed; here it must only say so.
    Exit.setHaltProcedure((status, message) -> LOG.warnf("in-JVM Kafka broker asked to halt (%d): %s", status, message));
    Exit.setExitProcedure((status, message) -> LOG.warnf("in-JVM Kafka broker asked to exit (%d): %s", status, message));
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
            .build();
    KafkaClusterTestKit kafka =
        new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("auto.create.topics.enable", "true")
            .setConfigProp("num.partitions", "4")
            .setConfigProp("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES))
            .build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
    return kafka;
  }

  private static synchronized void stopAll() {
    for (int i = TO_CLOSE.size() - 1; i >= 0; i--) {
      try {
        TO_CLOSE.get(i).close();
      } catch (Exception e) {
        LOG.debugf("stopping test infrastructure: %s", e.getMessage());
      }
    }
    TO_CLOSE.clear();
  }
}
