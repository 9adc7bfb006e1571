package dev.distillery.cli.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * A throw-away PostgreSQL server (zonky's embedded binaries) with one database that the services share, each
 * in its own schema. Durability settings are off: everything in it is rebuilt by the next run.
 */
final class Database implements AutoCloseable {
  static final String NAME = "distillery";
  static final String USER = "distillery";
  static final String PASSWORD = "distillery";

  private final EmbeddedPostgres postgres;
  private final Path dataDir;

  private Database(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  static Database start(Path dir, int port, Path log, Duration timeout) {
    Path dataDir = dir.resolve("data");
    try {
      Files.createDirectories(dir.resolve("bin"));
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setOverrideWorkingDirectory(dir.resolve("bin").toFile())
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(true)
          .setPort(port)
          .setRegisterShutdownHook(false)
          .setPGStartupWait(timeout)
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200")
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .setOutputRedirector(Redirect.appendTo(log.toFile()))
          .setErrorRedirector(Redirect.appendTo(log.toFile()))
          .start();
      Database database = new Database(postgres, dataDir);
      database.createDatabase();
      return database;
    } catch (IOException | SQLException | RuntimeException e) {
      throw new StackException("PostgreSQL did not start: " + e.getMessage() + "; see " + log, e);
    }
  }

  private void createDatabase() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
      statement.execute("CREATE DATABASE " + NAME + " OWNER " + USER);
    }
  }

  int port() {
    return postgres.getPort();
  }

  /** The postmaster's pid, to find a server left running by a CLI that was killed before it could stop it. */
  Optional<Long> pid() {
    try {
      return Files.readAllLines(dataDir.resolve("postmaster.pid")).stream().findFirst().map(String::trim)
          .map(Long::parseLong);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new StackException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
    }
  }
}
