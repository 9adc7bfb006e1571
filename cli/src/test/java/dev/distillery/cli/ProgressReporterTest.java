package dev.distillery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.cli.client.RunView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

class ProgressReporterTest {
  private final StringWriter err = new StringWriter();
  private final ProgressReporter reporter = new ProgressReporter(new PrintWriter(err), Ansi.OFF);

  @Test
  void printsOneLinePerChangeWithoutEscapeCodesWhenNotOnATerminal() {
    reporter.report(run("CLOSED", 20, 3, 0, 0), Duration.ofSeconds(1));
    reporter.report(run("CLOSED", 20, 3, 0, 0), Duration.ofSeconds(2));
    reporter.report(run("CLOSED", 20, 20, 17, 3), Duration.ofSeconds(3));
    reporter.report(run("EXPORTED", 20, 20, 17, 3), Duration.ofSeconds(4));

    assertThat(err.toString().lines()).containsExactly(
        "[   1s] papers 5, prompts planned 20, generated 3, accepted 0, rejected 0, exported 0 [CLOSED]",
        "[   3s] papers 5, prompts planned 20, generated 20, accepted 17, rejected 3, exported 0 [CLOSED]",
        "[   4s] papers 5, prompts planned 20, generated 20, accepted 17, rejected 3, exported 17 [EXPORTED]");
    assertThat(err.toString()).doesNotContain("\u001B[");
  }

  @Test
  void showsFailuresAndSilentStagesOnlyWhenThereAreSome() {
    RunView run = new RunView(
        "r", "n", "CLOSED", new RunView.Counts(1, 2, 8, 8, 2, 5, 1, 2, 0), null, List.of("export"));

    assertThat(ProgressReporter.describe(run))
        .isEqualTo("papers 1, prompts planned 8, generated 8 (2 failed), accepted 5, rejected 1, failed 2, "
            + "exported 0 [CLOSED] (not answering: export)");
  }

  private static RunView run(String status, long planned, long generated, long accepted, long rejected) {
    long papers = 5;
    long exported = "EXPORTED".equals(status) ? accepted : 0;
    RunView.Dataset dataset = "EXPORTED".equals(status) ? new RunView.Dataset("/d", exported, 0) : null;
    return new RunView("run-1", "papers", status,
        new RunView.Counts(papers, papers * 2, planned, generated, 0, accepted, rejected, 0, exported), dataset,
        List.of());
  }
}
