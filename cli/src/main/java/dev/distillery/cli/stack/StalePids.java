package dev.distillery.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The processes a stack started, written down as they start. A CLI killed outright (SIGKILL, a crash) cannot
 * stop its broker, database and services; the next start with the same work dir finds them here and stops
 * them. A pid is trusted only together with its start time, so a recycled pid is never touched.
 */
final class StalePids {
  private final Path file;

  StalePids(Path file) {
    this.file = file;
  }

  synchronized void record(String name, long pid) {
    Optional<Instant> startedAt = ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant());
    String line = pid + " " + startedAt.map(Instant::toEpochMilli).orElse(-1L) + " " + name + System.lineSeparator();
    try {
      Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  void stopLeftovers(Consumer<String> say) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<String> lines = Files.readAllLines(file);
    for (int i = lines.size() - 1; i >= 0; i--) {
      String[] fields = lines.get(i).split(" ", 3);
      if (fields.length == 3) {
        stopIfSame(Long.parseLong(fields[0]), Long.parseLong(fields[1]), fields[2], say);
      }
    }
    Files.delete(file);
  }

  private static void stopIfSame(long pid, long startedAtMillis, String name, Consumer<String> say) {
    ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(handle -> handle.info().startInstant().map(Instant::toEpochMilli).orElse(-2L) == startedAtMillis)
        .ifPresent(handle -> {
          say.accept("stopping " + name + " (pid " + pid + ") left running by an earlier run that was killed");
          handle.descendants().forEach(ProcessHandle::destroyForcibly);
          handle.destroyForcibly();
          handle.onExit().join();
        });
  }

  synchronized void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + file, e);
    }
  }
}
