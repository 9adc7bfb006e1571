package dev.distillery.export.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.export.ExportSample;
import dev.distillery.export.Split;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * OpenAI chat fine-tuning JSONL: one {@code {"messages": [user, assistant]}} object per line, never an array.
 * Only the keys OpenAI's data checks accept ({@code role}, {@code content}) are written, and every example
 * has its assistant message, so a file passes OpenAI's format checks as it is.
 */
public final class OpenAiChatFormat implements DatasetFormat {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final byte NEWLINE = '\n';

  record Message(String role, String content) {}

  record Example(List<Message> messages) {}

  @Override
  public ExportFormat format() {
    return ExportFormat.OPENAI_CHAT;
  }

  @Override
  public String fileName(Split split) {
    return "openai-chat." + split.label() + ".jsonl";
  }

  @Override
  public void write(List<ExportSample> examples, OutputStream out) throws IOException {
    for (ExportSample sample : examples) {
      Example example =
          new Example(List.of(new Message("user", userContent(sample)), new Message("assistant", sample.output())));
      out.write(MAPPER.writeValueAsBytes(example));
      out.write(NEWLINE);
    }
  }

  /** The instruction, followed by its input when there is one: chat has no separate input field. */
  static String userContent(ExportSample sample) {
    String input = sample.input();
    return input == null || input.isBlank() ? sample.instruction() : sample.instruction() + "\n\n" + input;
  }
}
