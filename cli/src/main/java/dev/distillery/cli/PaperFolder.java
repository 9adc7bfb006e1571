package dev.distillery.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The documents of a folder: every regular file in it (not sub-folders), sorted by name. What a file holds is
 * decided by the ingest-service from its content, so a PDF, a Word file, a web page and a renamed binary are all
 * offered, and each gets its own accepted or rejected result. Hidden files and a folder's own notes — README, SOURCES,
 * LICENSE, CHANGELOG — are not documents and are left out.
 */
final class PaperFolder {
  private static final Set<String> NOTES = Set.of("readme", "sources", "license", "licence", "changelog");

  private PaperFolder() {}

  static List<Path> papers(Path folder) {
    if (!Files.exists(folder)) {
      throw new BadInputException("folder " + folder + " does not exist");
    }
    if (!Files.isDirectory(folder)) {
      throw new BadInputException(folder + " is not a folder; give a folder of documents (PDF, DOCX, HTML, Markdown, "
          + "text, ...)");
    }
    List<Path> papers = list(folder).stream().filter(PaperFolder::isDocument).toList();
    if (papers.isEmpty()) {
      throw new BadInputException("folder " + folder + " holds no document; put papers (PDF, DOCX, PPTX, HTML, EPUB, "
          + "Markdown or text files) in it");
    }
    return papers;
  }

  private static List<Path> list(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + folder, e);
    }
  }

  private static boolean isDocument(Path path) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
    return Files.isRegularFile(path) && !name.startsWith(".") && !NOTES.contains(stem);
  }
}
