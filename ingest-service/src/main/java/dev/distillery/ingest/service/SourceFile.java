package dev.distillery.ingest.service;

import dev.distillery.ingest.document.DocumentRejected;
import java.nio.file.Path;

/**
 * A file offered to a run, on disk: an upload, a spooled request body, or a file of an imported folder.
 *
 * @param name the name the user gave it (no directories)
 * @param path where its bytes are; null when it was refused before it was stored
 * @param bytes its size (as far as it was read, when refused for its size)
 * @param refused why it was refused before parsing, or null
 */
public record SourceFile(String name, Path path, long bytes, DocumentRejected refused) {

  public SourceFile {
    name = cleanName(name);
  }

  public static SourceFile stored(String name, Path path, long bytes) {
    return new SourceFile(name, path, bytes, null);
  }

  public static SourceFile refused(String name, long bytes, DocumentRejected reason) {
    return new SourceFile(name, null, bytes, reason);
  }

  /** The last path segment (browsers may send a whole path), or {@code paper.md} when there is none. */
  static String cleanName(String name) {
    if (name == null) {
      return "paper.md";
    }
    String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
    return last.isEmpty() ? "paper.md" : last;
  }
}
