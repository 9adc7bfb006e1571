package dev.distillery.cli.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path this JVM really has. {@code java -jar distillery-cli.jar} (and the test runners' booter jars)
 * report a single jar in {@code java.class.path}; the rest sits in its manifest's {@code Class-Path}, which is
 * what a child JVM started from our jars needs spelled out.
 */
final class JvmClasspath {

  private JvmClasspath() {}

  static List<Path> current() {
    Set<Path> entries = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        add(Path.of(entry), entries);
      }
    }
    return new ArrayList<>(entries);
  }

  private static void add(Path entry, Set<Path> entries) {
    Path path = entry.toAbsolutePath().normalize();
    if (!Files.exists(path) || !entries.add(path)) {
      return;
    }
    if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar")) {
      for (Path referenced : manifestClassPath(path)) {
        add(referenced, entries);
      }
    }
  }

  private static List<Path> manifestClassPath(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (classPath == null || classPath.isBlank()) {
        return List.of();
      }
      URI base = jar.getParent().toUri();
      List<Path> referenced = new ArrayList<>();
      for (String url : classPath.trim().split("\\s+")) {
        URI resolved = base.resolve(url);
        if ("file".equals(resolved.getScheme())) {
          referenced.add(Path.of(resolved));
        }
      }
      return referenced;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the manifest of " + jar, e);
    }
  }
}
