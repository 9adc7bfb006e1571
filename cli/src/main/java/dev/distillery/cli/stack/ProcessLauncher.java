package dev.distillery.cli.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts a child process and makes the stack responsible for stopping it. */
@FunctionalInterface
interface ProcessLauncher {
  ManagedProcess launch(String name, List<String> command, Map<String, String> env, Path log);
}
