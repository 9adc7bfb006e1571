package dev.distillery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's configuration files say: the properties it defines and, from them, the environment
 * variables it reads. A variable counts as read when a value refers to it ({@code ${DB_HOST:localhost}}) or
 * when it is the MicroProfile environment form of a property key ({@code quarkus.http.port} →
 * {@code QUARKUS_HTTP_PORT}), since either way setting it changes what the service does.
 */
record ServiceConfig(String module, Properties properties) {
  static final String COMMONS = "service-commons/src/main/resources/META-INF/microprofile-config.properties";

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:${]+)");
  private static final Pattern PROFILE = Pattern.compile("^%[^.]+\\.");

  static ServiceConfig of(String module) {
    Path own = Repo.file(module + "/src/main/resources/application.properties");
    assertThat(own).as("configuration of %s", module).isRegularFile();
    Properties merged = commons();
    merged.putAll(load(own));
    return new ServiceConfig(module, merged);
  }

  /** The defaults every service shares. */
  static Properties commons() {
    return load(Repo.file(COMMONS));
  }

  /** The service's own {@code application.properties} alone, for values that must not come from a default. */
  static Properties own(String module) {
    return load(Repo.file(module + "/src/main/resources/application.properties"));
  }

  Set<String> environmentVariablesRead() {
    Set<String> read = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      read.add(environmentForm(key));
      read.add(environmentForm(PROFILE.matcher(key).replaceFirst("")));
      if (key.endsWith(".api-key-env")) {
        // the model table names the variable holding each provider's key; the service reads it at call time
        read.add(properties.getProperty(key).trim());
      }
      Matcher references = REFERENCE.matcher(properties.getProperty(key));
      while (references.find()) {
        String name = references.group(1).trim();
        read.add(name);
        read.add(environmentForm(name));
      }
    }
    return read;
  }

  /** The port the service listens on, from its own application.properties (the house convention). */
  int httpPort() {
    String port = own(module).getProperty("quarkus.http.port");
    assertThat(port).as("quarkus.http.port in %s/src/main/resources/application.properties", module).isNotBlank();
    return Integer.parseInt(port.trim());
  }

  /** MicroProfile Config's environment variable name for a property: non-alphanumerics to '_', upper case. */
  static String environmentForm(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  private static Properties load(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return properties;
  }
}
