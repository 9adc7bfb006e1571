package dev.distillery.contracts;

import java.util.List;

/** Dataset file formats the export-service writes; each has its provider's rules (PROVIDER-FORMATS.md). */
public enum ExportFormat {
  /** OpenAI chat fine-tuning JSONL: one {"messages": [...]} object per line. */
  OPENAI_CHAT,
  /** Alpaca JSON: an array of {"instruction", "input", "output"} objects. */
  ALPACA,
  /** Amazon Bedrock Claude JSONL: {"system", "messages": [...]} with alternating user/assistant turns. */
  BEDROCK_CLAUDE,
  /** Vertex AI Gemini JSONL: {"systemInstruction", "contents": [{"role": "user"|"model", "parts": [...]}]}. */
  VERTEX_GEMINI,
  /** Mistral fine-tuning JSONL: {"messages": [...]}. */
  MISTRAL,
  /** Llama / ChatML messages JSONL. */
  CHATML,
  /** ShareGPT JSON: {"conversations": [{"from", "value"}]}. */
  SHAREGPT,
  /** A Hugging Face dataset folder: one file per split plus a dataset card README.md. */
  HUGGINGFACE,
  /** LLaMA-Factory dataset_info.json beside the Alpaca and ShareGPT files. */
  LLAMA_FACTORY,
  /** CSV metadata sidecar: one row per sample (id, split, source, section, task type, origin, tokens, scores). */
  CSV_METADATA;

  /** What a run writes when it names no formats. */
  public static final List<ExportFormat> DEFAULTS = List.of(OPENAI_CHAT, ALPACA);
}
