package dev.distillery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code distillery run} as a user types it, over a folder of its own: its own stack, run, and directory. */
class RunCommandIT {
  private static final Path HOME = Path.of(System.getProperty("distillery.home")).toAbsolutePath().normalize();
  private static final Path TARGET = HOME.resolve("cli/target");

  @Test
  void runOfAFolderPrintsANewDatasetDirectoryAsTheLastLineOfStdout() throws IOException {
    Path folder = Files.createDirectories(TARGET.resolve("it-work/second-folder"));
    List<Path> samples = PaperFolder.papers(HOME.resolve("samples/papers"));
    for (Path paper : samples.subList(0, 2)) {
      Files.copy(paper, folder.resolve(paper.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    Path dataDir = Files.createDirectories(TARGET.resolve("it-datasets"));
    Set<Path> before = directories(dataDir);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int exitCode = cli.execute("run", folder.toString(), "--work-dir", TARGET.resolve("it-work/cli").toString(),
        "--data-dir", dataDir.toString(), "--timeout", "3m");

    assertThat(exitCode).as(err.toString()).isZero();
    List<String> stdout = out.toString().lines().toList();
    Path printed = Path.of(stdout.get(stdout.size() - 1));
    assertThat(printed).isAbsolute().isDirectory().startsWith(dataDir);
    assertThat(printed.resolve("manifest.json")).isRegularFile();
    assertThat(before).as("directories of earlier runs").doesNotContain(printed);
    assertThat(directories(dataDir)).containsAll(before).contains(printed);
    assertThat(err.toString())
        .contains("papers 2")
        .contains("[EXPORTED]")
        .contains("run " + printed.getFileName())
        .doesNotContain("\u001B[");
  }

  private static Set<Path> directories(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).collect(Collectors.toSet());
    }
  }
}
