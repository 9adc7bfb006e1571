package dev.distillery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ANSWER =
      "Multi-head attention runs several attention functions in parallel on projected inputs and concatenates"
          + " their results, so the model attends to different subspaces at once.";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void printsAVerdictPerLineAndASummary() throws IOException {
    Path file = dir.resolve("dataset.jsonl");
    Files.writeString(file, String.join("\n",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"Explain multi-head attention.\"},"
            + " {\"role\": \"assistant\", \"content\": \"" + ANSWER + "\"}]}",
        "{\"instruction\": \"Explain dropout.\", \"input\": \"\", \"output\": \"I'm sorry, but I cannot help with"
            + " that request today.\"}",
        "",
        "{\"instruction\": \"Explain multi-head attention.\", \"output\": \"" + ANSWER + "\"}",
        "{\"instruction\": \"Explain attention\", \"output\": \"unterminated",
        "[1, 2, 3]"));

    int exit = run(file.toString());

    assertThat(exit).isEqualTo(ExitCodes.OK);
    List<JsonNode> lines = outputLines();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0).get("line").asInt()).isEqualTo(1);
    assertThat(lines.get(0).get("verdict").asText()).isEqualTo("ACCEPTED");
    assertThat(lines.get(0).get("score").asDouble()).isBetween(0.5, 1.0);
    assertThat(lines.get(1).get("reasons").get(0).asText()).startsWith("refusal: ");
    assertThat(lines.get(2).get("line").asInt()).isEqualTo(4);
    assertThat(lines.get(2).get("reasons").get(0).asText()).isEqualTo("duplicate: same text as record 1");
    assertThat(lines.get(2).get("duplicateOf").asInt()).isEqualTo(1);
    assertThat(lines.get(3).get("reasons").get(0).asText()).startsWith("malformed-json: line 5 is not valid JSON");
    assertThat(lines.get(4).get("reasons").get(0).asText()).startsWith("malformed-json: record 6: expected a JSON object");
    JsonNode summary = lines.get(5).get("summary");
    assertThat(summary.get("checked").asInt()).isEqualTo(5);
    assertThat(summary.get("accepted").asInt()).isEqualTo(1);
    assertThat(summary.get("rejectionsByReason").get("malformed-json").asInt()).isEqualTo(2);
    assertThat(err.toString()).contains("dataset.jsonl: 5 checked, 1 accepted, 4 rejected (pass rate 20.0%)");
  }

  @Test
  void failOnRejectTurnsRejectionsIntoExitCodeOne() throws IOException {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"instruction\": \"Explain dropout.\", \"output\": \"\"}\n");

    assertThat(run("--fail-on-reject", file.toString())).isEqualTo(ExitCodes.FAILED);
    assertThat(outputLines().get(0).get("reasons").get(0).asText()).isEqualTo("missing-field: output is empty");
  }

  @Test
  void aMissingFileIsBadInputNamingTheFile() {
    Path missing = dir.resolve("nope.jsonl");

    assertThat(run(missing.toString())).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("cannot check " + missing + ": not a readable file");
  }

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "check";
    System.arraycopy(args, 0, withCommand, 1, args.length);
    return commandLine.execute(withCommand);
  }

  private List<JsonNode> outputLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }
}
