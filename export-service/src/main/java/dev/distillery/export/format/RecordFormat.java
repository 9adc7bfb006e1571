package dev.distillery.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.export.dataset.Split;
import java.util.List;

/**
 * A format with one record per example (a JSONL line, or an element of a JSON array). Writers never write a record
 * their own {@link #violations} refuses: the check runs before a byte is written.
 */
public interface RecordFormat {

  ExportFormat format();

  /** File name stem, e.g. {@code openai-chat}. */
  String baseName();

  /** True for one JSON array per file (Alpaca, ShareGPT), false for JSONL. */
  default boolean jsonArray() {
    return false;
  }

  ProviderLimits limits();

  /** The file holding one split (or one part of it, see {@link #partName}). */
  default String fileName(Split split) {
    return baseName() + "." + split.label() + (jsonArray() ? ".json" : ".jsonl");
  }

  /** Part {@code part} (1-based) of {@code parts} of a split too large for one file. */
  default String partName(Split split, int part, int parts) {
    return String.format("%s.%s.part-%03d-of-%03d.jsonl", baseName(), split.label(), part, parts);
  }

  /** The example laid out as this format's record. */
  JsonNode record(Chat chat);

  /** What the provider would refuse in a record, in words a user understands; empty when it passes. */
  List<String> violations(JsonNode record);

  /** The chat turns a record holds, for reading a file back: role {@code user}/{@code assistant}/{@code system}. */
  Chat read(JsonNode record);
}
