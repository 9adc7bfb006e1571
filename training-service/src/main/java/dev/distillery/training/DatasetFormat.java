package dev.distillery.training;

/** Which of the exported files the trainer reads. */
public enum DatasetFormat {
  /** {@code openai-chat.<split>.jsonl}: one {"messages": [...]} conversation per line. */
  OPENAI_CHAT,
  /** {@code alpaca.<split>.json}: a JSON array of {instruction, input, output}. */
  ALPACA
}
