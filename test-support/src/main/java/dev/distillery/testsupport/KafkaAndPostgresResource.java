package dev.distillery.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker and PostgreSQL (see {@link TestInfrastructure}). Use with
 * {@code @QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)}.
 */
public class KafkaAndPostgresResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    Infrastructure infra = TestInfrastructure.get();
    return Map.of(
        "kafka.bootstrap.servers", infra.kafkaBootstrapServers(),
        "quarkus.datasource.reactive.url", infra.reactiveUrl(),
        "quarkus.datasource.jdbc.url", infra.jdbcUrl(),
        "quarkus.datasource.username", infra.username(),
        "quarkus.datasource.password", infra.password());
  }

  @Override
  public void stop() {
    // shared by every test class of the JVM: stopped by TestInfrastructure's shutdown hook
  }
}
