package dev.distillery.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cli runs the dataset code in its own process with only contracts, Jackson and jtokkit on the class path: the
 * packages it uses must not reach for CDI, Quarkus, Vert.x or the service's own classes.
 */
class PurePackagesTest {
  private static final List<String> PURE = List.of("dataset", "format", "tools");
  private static final List<String> ALLOWED =
      List.of("import java.", "import static java.", "import com.fasterxml.jackson.", "import com.knuddels.jtokkit.",
          "import dev.distillery.contracts.", "import dev.distillery.export.dataset.",
          "import dev.distillery.export.format.", "import dev.distillery.export.tools.");

  @Test
  void theDatasetCodeImportsOnlyWhatTheCliHas() throws IOException {
    Path root = Path.of("src/main/java/dev/distillery/export");
    for (String pkg : PURE) {
      try (Stream<Path> files = Files.list(root.resolve(pkg))) {
        for (Path file : files.toList()) {
          List<String> imports = Files.readAllLines(file).stream().filter(l -> l.startsWith("import ")).toList();
          assertThat(imports).as(file.toString()).allMatch(line -> ALLOWED.stream().anyMatch(line::startsWith));
        }
      }
    }
  }
}
