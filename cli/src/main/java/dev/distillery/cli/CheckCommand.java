package dev.distillery.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distillery.quality.rules.DatasetCheck;
import dev.distillery.quality.rules.MinHash;
import dev.distillery.quality.rules.RuleSettings;
import dev.distillery.quality.rules.SampleRules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code distillery check FILE.jsonl}: the quality gate's rules, score and in-file dedup on a dataset a user
 * already has, in this process — no stack is started and nothing is stored.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a JSONL dataset (OpenAI chat {\"messages\": [...]} or Alpaca {\"instruction\", \"input\", \"output\"} "
          + "lines) with the quality gate's rules.",
      "Prints one JSON verdict per line of FILE (line, verdict, score, reasons, duplicateOf) and, last, a JSON "
          + "summary; a human summary goes to standard error. Optional fields per line: \"source\" (text the "
          + "answer should be grounded in) and \"task_type\" (e.g. \"code\"). Blank lines are skipped."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every line was checked (whatever the verdicts)",
      "1:--fail-on-reject was given and at least one line was rejected",
      "2:bad command line, or FILE cannot be read"
    })
final class CheckCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(paramLabel = "FILE", description = "the JSONL file to check")
  Path file;

  @Option(names = "--near-threshold", defaultValue = "0.8", paramLabel = "J",
      description = "Jaccard similarity of word shingles from which a line is a near duplicate (default: ${DEFAULT-VALUE})")
  double nearThreshold;

  @Option(names = "--min-output-chars", defaultValue = "40", paramLabel = "N",
      description = "shortest answer accepted, in characters (default: ${DEFAULT-VALUE})")
  int minOutputChars;

  @Option(names = "--fail-on-reject", description = "exit with 1 when any line is rejected")
  boolean failOnReject;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new BadInputException("cannot check " + file + ": not a readable file");
    }
    if (nearThreshold <= 0 || nearThreshold > 1) {
      throw new BadInputException("--near-threshold must be in (0, 1], was " + nearThreshold);
    }
    RuleSettings defaults = RuleSettings.defaults();
    SampleRules rules = new SampleRules(new RuleSettings(defaults.minInstructionChars(), defaults.maxInstructionChars(),
        minOutputChars, defaults.maxOutputChars(), defaults.maxInstructionTokens(), defaults.minOutputTokens(),
        defaults.maxOutputTokens(), defaults.copyOverlap(), defaults.copySpanWords(), defaults.groundingThreshold(),
        defaults.refusalPhrases()));
    DatasetCheck check = new DatasetCheck(rules, new MinHash(3, 16), nearThreshold);
    PrintWriter out = spec.commandLine().getOut();
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        DatasetCheck.Result result;
        try {
          result = check.check(number, JSON.readTree(line));
        } catch (JsonProcessingException e) {
          result = check.unreadable(number, e.getOriginalMessage());
        }
        out.println(verdictLine(result));
      }
    }
    DatasetCheck.Summary summary = check.summary();
    ObjectNode summaryLine = JSON.createObjectNode();
    summaryLine.set("summary", JSON.valueToTree(summary));
    out.println(JSON.writeValueAsString(summaryLine));
    out.flush();
    spec.commandLine().getErr().printf(Locale.ROOT, "%s: %d checked, %d accepted, %d rejected (pass rate %.1f%%)%s%n",
        file.getFileName(), summary.checked(), summary.accepted(), summary.rejected(), summary.passRate() * 100,
        summary.rejectionsByReason().isEmpty() ? "" : "; rejections by reason: " + summary.rejectionsByReason());
    return failOnReject && summary.rejected() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private static String verdictLine(DatasetCheck.Result result) throws JsonProcessingException {
    ObjectNode line = JSON.createObjectNode();
    line.put("line", result.position());
    line.put("verdict", result.verdict().name());
    line.put("score", result.score());
    JsonNode reasons = JSON.valueToTree(result.reasons());
    line.set("reasons", reasons);
    if (result.duplicateOf() != null) {
      line.put("duplicateOf", result.duplicateOf());
    }
    return JSON.writeValueAsString(line);
  }
}
