package dev.distillery.contracts;

/** Dataset file formats the export-service writes. */
public enum ExportFormat {
  /** OpenAI chat fine-tuning JSONL: one {"messages": [...]} object per line. */
  OPENAI_CHAT,
  /** Alpaca JSON: an array of {"instruction", "input", "output"} objects. */
  ALPACA
}
