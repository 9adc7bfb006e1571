package dev.distillery.cli.stack;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One of the five services, running as its own JVM on a port of its own. It keeps how it was started, so that
 * it can be started again exactly so after a crash.
 */
record ServiceProcess(
    String name, int port, List<String> command, Map<String, String> environment, ManagedProcess process) {

  ServiceProcess {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }

  static URI url(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }

  URI url() {
    return url(port);
  }

  /** The same service, now running as {@code next}. */
  ServiceProcess relaunched(ManagedProcess next) {
    return new ServiceProcess(name, port, command, environment, next);
  }
}
