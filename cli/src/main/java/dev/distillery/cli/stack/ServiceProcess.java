package dev.distillery.cli.stack;

import java.net.URI;

/** One of the five services, running as its own JVM on a port of its own. */
record ServiceProcess(String name, int port, ManagedProcess process) {

  static URI url(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }

  URI url() {
    return url(port);
  }
}
