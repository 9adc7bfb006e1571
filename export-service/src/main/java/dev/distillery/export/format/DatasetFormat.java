package dev.distillery.export.format;

import dev.distillery.contracts.ExportFormat;
import dev.distillery.export.ExportSample;
import dev.distillery.export.Split;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** How one file format lays out a split's examples. Output is a pure function of the examples. */
public interface DatasetFormat {

  ExportFormat format();

  /** The file holding one split, e.g. {@code openai-chat.train.jsonl}. */
  String fileName(Split split);

  /** Writes the examples in the given order, UTF-8. Does not close the stream. */
  void write(List<ExportSample> examples, OutputStream out) throws IOException;

  static DatasetFormat of(ExportFormat format) {
    return switch (format) {
      case OPENAI_CHAT -> new OpenAiChatFormat();
      case ALPACA -> new AlpacaFormat();
    };
  }
}
