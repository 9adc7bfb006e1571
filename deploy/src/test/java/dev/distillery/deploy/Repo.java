package dev.distillery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the repository's files are, whether Maven runs from the root or from deploy/. */
final class Repo {
  private static final Pattern SERVICE_MODULE = Pattern.compile("<module>\\s*([\\w.-]+-service)\\s*</module>");

  private Repo() {}

  static Path root() {
    Path userDir = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    Path root = Files.isRegularFile(userDir.resolve("deploy/pom.xml")) ? userDir : userDir.resolve("..").normalize();
    assertThat(root.resolve("deploy/pom.xml")).as("repository root seen from %s", userDir).isRegularFile();
    return root;
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }

  /** The Quarkus services, as the root pom lists them: every module named {@code *-service}. */
  static List<String> serviceModules() {
    Matcher modules = SERVICE_MODULE.matcher(read(file("pom.xml")));
    List<String> names = modules.results().map(m -> m.group(1)).toList();
    assertThat(names).as("service modules in the root pom.xml").isNotEmpty();
    return names;
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
