package dev.distillery.export.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.export.ExportSample;
import dev.distillery.export.Split;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Alpaca JSON: one array of {@code {"instruction", "input", "output"}} objects, as axolotl and LLaMA-Factory
 * read it.
 */
public final class AlpacaFormat implements DatasetFormat {
  /** Line breaks fixed to LF so that the bytes, and so the sha256, do not depend on the platform. */
  private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");

  private static final ObjectWriter WRITER =
      new ObjectMapper()
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .writer(new DefaultPrettyPrinter().withObjectIndenter(INDENT).withArrayIndenter(INDENT));

  record Example(String instruction, String input, String output) {}

  @Override
  public ExportFormat format() {
    return ExportFormat.ALPACA;
  }

  @Override
  public String fileName(Split split) {
    return "alpaca." + split.label() + ".json";
  }

  @Override
  public void write(List<ExportSample> examples, OutputStream out) throws IOException {
    List<Example> rows =
        examples.stream()
            .map(s -> new Example(s.instruction(), s.input() == null ? "" : s.input(), s.output()))
            .toList();
    WRITER.writeValue(out, rows);
    out.write('\n');
  }
}
