package dev.distillery.bench;

import java.util.HashMap;
import java.util.Map;

/** What every bench's {@code main} shares: {@code --name=value} options and an exit status. */
final class BenchMain {
  /** A bench body that reads its options. */
  interface Body {
    void run(Map<String, String> options) throws Exception;
  }

  private BenchMain() {}

  /**
   * Runs a bench and exits: an in-JVM broker's or server's threads would otherwise keep the JVM (and exec:java)
   * waiting. Status 1 when it failed.
   */
  static void runAndExit(String[] args, Body body) {
    int status = 0;
    try {
      body.run(options(args));
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  /**
   * {@code --name=value} options, given as separate arguments or as one string ({@code -Dexec.args="--a=1 --b=2"}).
   * A value may hold spaces up to the next {@code --}: {@code --jvm-options=-Xmx512m -Dx=y --samples=10}.
   */
  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String token : String.join(" ", args).trim().split("\\s+(?=--)")) {
      if (token.isBlank()) {
        continue;
      }
      if (!token.startsWith("--") || !token.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got " + token);
      }
      int eq = token.indexOf('=');
      options.put(token.substring(2, eq), token.substring(eq + 1).trim());
    }
    return options;
  }
}
