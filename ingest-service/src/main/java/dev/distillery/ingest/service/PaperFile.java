package dev.distillery.ingest.service;

/** One uploaded paper as it arrived: the name the user gave it and its bytes. */
public record PaperFile(String name, byte[] content) {

  public PaperFile {
    name = cleanName(name);
    content = content == null ? new byte[0] : content;
  }

  /** The last path segment (browsers may send a whole path), or {@code paper.md} when there is none. */
  private static String cleanName(String name) {
    if (name == null) {
      return "paper.md";
    }
    String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
    return last.isEmpty() ? "paper.md" : last;
  }
}
