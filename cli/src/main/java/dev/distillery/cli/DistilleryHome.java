package dev.distillery.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The Distillery checkout the CLI belongs to: the packaged services, {@code samples/}, and the default data and
 * work dirs are found from it. The {@code distillery} script passes it as {@code -Ddistillery.home}.
 */
final class DistilleryHome {

  private DistilleryHome() {}

  static Path locate() {
    String property = System.getProperty("distillery.home");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    String env = System.getenv("DISTILLERY_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    return fromCodeLocation().orElseGet(() -> Path.of("").toAbsolutePath());
  }

  /** {@code <home>/cli/target/distillery-cli.jar} or {@code <home>/cli/target/classes}. */
  private static Optional<Path> fromCodeLocation() {
    try {
      CodeSource source = DistilleryHome.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      for (Path dir = Path.of(source.getLocation().toURI()).getParent(); dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve("cli/pom.xml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
          return Optional.of(dir);
        }
      }
      return Optional.empty();
    } catch (URISyntaxException | SecurityException e) {
      return Optional.empty();
    }
  }
}
