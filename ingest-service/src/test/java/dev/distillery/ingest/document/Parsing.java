package dev.distillery.ingest.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a fixture to a file and parses it, as the service does with an upload. */
final class Parsing {
  static final DocumentParser.Settings DEFAULTS = new DocumentParser.Settings(1000, 4096, 128, 15 * 1024 * 1024);

  private final DocumentParser parser;
  private final Path dir;

  Parsing(Path dir) {
    this(dir, DEFAULTS);
  }

  Parsing(Path dir, DocumentParser.Settings settings) {
    this.dir = dir;
    this.parser = new DocumentParser(settings);
  }

  ParsedDocument parse(String name, byte[] content) {
    try {
      Path file = Files.createTempFile(dir, "fixture-", ".bin");
      Files.write(file, content);
      return parser.parse(name, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ParsedDocument parse(String name, String content) {
    return parse(name, content.getBytes(StandardCharsets.UTF_8));
  }
}
