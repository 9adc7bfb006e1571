package dev.distillery.cli;

import dev.distillery.cli.client.RunView;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Help.Ansi;

/** One line on stderr each time a run's counts or status change; colour only on a terminal. */
final class ProgressReporter {
  private final PrintWriter err;
  private final Ansi ansi;
  private String last;

  ProgressReporter(PrintWriter err, Ansi ansi) {
    this.err = err;
    this.ansi = ansi;
  }

  void report(RunView run, Duration elapsed) {
    String line = describe(run);
    if (line.equals(last)) {
      return;
    }
    last = line;
    err.println(ansi.string(String.format("@|faint [%4ds]|@ ", elapsed.toSeconds())) + line);
    err.flush();
  }

  /** The last line shown, for messages about a run that did not finish. */
  String lastLine() {
    return last == null ? "no progress reported" : last;
  }

  static String describe(RunView run) {
    RunView.Counts counts = run.counts();
    StringBuilder line = new StringBuilder()
        .append("papers ").append(counts.papers())
        .append(", prompts planned ").append(counts.promptsPlanned())
        .append(", generated ").append(counts.samplesGenerated());
    if (counts.samplesFailed() > 0) {
      line.append(" (").append(counts.samplesFailed()).append(" failed)");
    }
    line.append(", accepted ").append(counts.accepted()).append(", rejected ").append(counts.rejected());
    if (counts.failed() > 0) {
      line.append(", failed ").append(counts.failed());
    }
    line.append(", exported ").append(counts.exported()).append(" [").append(run.status()).append(']');
    if (!run.unavailableStages().isEmpty()) {
      line.append(" (not answering: ").append(String.join(", ", run.unavailableStages())).append(')');
    }
    return line.toString();
  }
}
