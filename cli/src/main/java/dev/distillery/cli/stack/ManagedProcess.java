package dev.distillery.cli.stack;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A child process of the stack: its name, its log file, and how to stop it together with its children. */
final class ManagedProcess {
  private final String name;
  private final Process process;
  private final Path log;
  private List<ProcessHandle> tree = List.of();

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path directory, Path log) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    try {
      return new ManagedProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new StackException("could not start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
    }
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  Instant startedAt() {
    return process.toHandle().info().startInstant().orElse(Instant.EPOCH);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitCode() {
    return process.exitValue();
  }

  /** Waits for a process that is expected to end by itself, such as a one-off tool. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        stopNow();
        throw new StackException(name + " did not finish within " + timeout.toSeconds() + " s; see " + log);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopNow();
      throw new StackException("interrupted while waiting for " + name, e);
    }
  }

  /** Asks the process and its descendants to terminate (SIGTERM), so that they can shut down cleanly. */
  void requestStop() {
    tree = process.descendants().toList();
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
  }

  /** Waits for a stop asked by {@link #requestStop()}; kills whatever is still running after the grace period. */
  void awaitStop(Duration grace) {
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      stopNow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopNow();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Kills the process outright (SIGKILL on POSIX): no shutdown hook runs, nothing is flushed or closed. The
   * process is the program itself (the JVM for a service, never a shell around it), so it is what dies.
   *
   * @throws StackException when it is still alive afterwards
   */
  void kill() {
    stopNow();
    if (process.isAlive()) {
      throw new StackException(name + " (pid " + process.pid() + ") survived SIGKILL; see " + log);
    }
  }

  private void stopNow() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.onExit().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // The kernel reaps a SIGKILLed process; nothing more can be done from here.
    }
  }
}
