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
 * The papers of a folder: its {@code *.md} and {@code *.markdown} files (not sub-folders), sorted by name. A folder's
 * own notes — README, SOURCES, LICENSE, CHANGELOG — are not papers and are left out.
 */
final class PaperFolder {
  private static final int NAMES_SHOWN = 5;
  private static final Set<String> NOTES = Set.of("readme", "sources", "license", "licence", "changelog");

  private PaperFolder() {}

  static List<Path> papers(Path folder) {
    if (!Files.exists(folder)) {
      throw new BadInputException("folder " + folder + " does not exist");
    }
    if (!Files.isDirectory(folder)) {
      throw new BadInputException(folder + " is not a folder; give a folder of Markdown papers (*.md, *.markdown)");
    }
    List<Path> entries = list(folder);
    List<Path> papers = entries.stream().filter(PaperFolder::isMarkdown).toList();
    if (!papers.isEmpty()) {
      return papers;
    }
    if (entries.isEmpty()) {
      throw new BadInputException("folder " + folder + " is empty; put Markdown papers (*.md, *.markdown) in it");
    }
    List<String> names = entries.stream().limit(NAMES_SHOWN).map(p -> p.getFileName().toString()).toList();
    throw new BadInputException("folder " + folder + " holds no Markdown paper (*.md, *.markdown), only "
        + String.join(", ", names) + (entries.size() > NAMES_SHOWN ? ", ..." : ""));
  }

  private static List<Path> list(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + folder, e);
    }
  }

  private static boolean isMarkdown(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot);
    return Files.isRegularFile(path)
        && (extension.equals(".md") || extension.equals(".markdown"))
        && !NOTES.contains(name.substring(0, dot));
  }
}
