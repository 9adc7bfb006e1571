package dev.distillery.cli.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code java} executable of the JVM running the CLI, so that child JVMs run on the same JDK. */
final class JavaCommand {

  private JavaCommand() {}

  static String path() {
    Path bin = Path.of(System.getProperty("java.home"), "bin");
    Path java = bin.resolve("java");
    return Files.isExecutable(java) ? java.toString() : bin.resolve("java.exe").toString();
  }
}
