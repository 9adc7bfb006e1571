package dev.distillery.ingest.service;

import dev.distillery.ingest.document.DocumentRejected;
import dev.distillery.ingest.document.DocumentRejected.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a server-side folder, when the folder lies under one of the configured roots. Paths are resolved to
 * real paths before they are compared, so neither {@code ..} nor a symbolic link leads out of a root; a link inside
 * the folder that points outside the roots is listed as rejected. The folder's own files are taken, sorted by name;
 * sub-folders and hidden files are not.
 */
public final class FolderImport {
  private final List<String> configuredRoots;

  /** @param roots folders an import may read; empty to refuse every import */
  public FolderImport(List<String> roots) {
    this.configuredRoots = List.copyOf(roots);
  }

  /** Resolved at each import: a root created or re-linked after start-up counts as it is now. */
  private List<Path> roots() {
    List<Path> real = new ArrayList<>();
    for (String root : configuredRoots) {
      try {
        real.add(Path.of(root.strip()).toAbsolutePath().normalize().toRealPath());
      } catch (IOException e) {
        // a root that does not exist admits nothing
      }
    }
    return real;
  }

  public List<SourceFile> files(String folder) {
    if (configuredRoots.isEmpty()) {
      throw new ImportForbiddenException("importing server-side folders is switched off: set ingest.import.roots to"
          + " the folders the ingest-service may read, or upload the files instead");
    }
    List<Path> roots = roots();
    if (folder == null || folder.isBlank()) {
      throw new IllegalArgumentException("path is required: the absolute path of a folder under " + roots);
    }
    Path requested = Path.of(folder.strip());
    if (!requested.isAbsolute()) {
      throw new IllegalArgumentException("path must be absolute, was " + folder);
    }
    Path real;
    try {
      real = requested.normalize().toRealPath();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such folder: " + folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!underRoot(roots, real)) {
      throw new ImportForbiddenException(folder + " is not under an import root (ingest.import.roots: " + roots + ")");
    }
    if (!Files.isDirectory(real)) {
      throw new IllegalArgumentException(folder + " is not a folder");
    }
    List<SourceFile> files = new ArrayList<>();
    try (Stream<Path> entries = Files.list(real)) {
      for (Path entry : entries.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        Path target;
        try {
          target = Files.isSymbolicLink(entry) ? entry.toRealPath() : entry;
        } catch (NoSuchFileException e) {
          files.add(SourceFile.refused(name, 0, new DocumentRejected(Reason.UNREADABLE,
              "not imported: a link to a file that does not exist")));
          continue;
        }
        if (!underRoot(roots, target)) {
          files.add(SourceFile.refused(name, 0, new DocumentRejected(Reason.NOT_A_DOCUMENT,
              "not imported: a link to " + target + ", outside the import roots")));
        } else if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
          files.add(SourceFile.stored(name, target, Files.size(target)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("folder " + folder + " has no files to import");
    }
    return files;
  }

  private static boolean underRoot(List<Path> roots, Path real) {
    return roots.stream().anyMatch(real::startsWith);
  }
}
