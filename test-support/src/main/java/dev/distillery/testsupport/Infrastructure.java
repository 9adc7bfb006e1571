package dev.distillery.testsupport;

/**
 * Where the test's Kafka broker and PostgreSQL database are.
 *
 * @param kind {@code external}, {@code testcontainers} or {@code in-jvm}
 */
public record Infrastructure(
    String kind, String kafkaBootstrapServers, String postgresHost, int postgresPort, String database,
    String username, String password) {

  public String jdbcUrl() {
    return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
  }

  public String reactiveUrl() {
    return "postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
  }
}
