package dev.distillery.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free TCP ports on the loopback interface, each handed out once, so that two processes never get the same. */
final class Ports {
  private final Set<Integer> given = new HashSet<>();

  synchronized int next() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (given.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not find a free TCP port on 127.0.0.1", e);
      }
    }
    throw new StackException("could not find a free TCP port on 127.0.0.1");
  }
}
