package dev.distillery.export.format;

import dev.distillery.contracts.ExportFormat;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Which writer makes each export format's files. */
public final class Formats {
  private Formats() {}

  /**
   * The record writer of a format; null for the formats that describe other files rather than hold examples
   * (LLaMA-Factory's dataset_info.json, the CSV sidecar).
   *
   * @param openAi the OpenAI writer with the limits of the model trained on
   */
  public static RecordFormat record(ExportFormat format, OpenAiChatFormat openAi) {
    return switch (format) {
      case OPENAI_CHAT -> openAi;
      case ALPACA -> new AlpacaFormat();
      case BEDROCK_CLAUDE -> new BedrockClaudeFormat();
      case VERTEX_GEMINI -> new VertexGeminiFormat();
      case MISTRAL -> new MistralFormat();
      case CHATML -> new ChatMlFormat();
      case SHAREGPT -> new ShareGptFormat();
      case HUGGINGFACE -> new HuggingFaceFormat();
      case LLAMA_FACTORY, CSV_METADATA -> null;
    };
  }

  /** The formats to write, in a fixed order: LLaMA-Factory's dataset_info.json needs the Alpaca and ShareGPT files. */
  public static List<ExportFormat> withDependencies(List<ExportFormat> asked) {
    Set<ExportFormat> formats = EnumSet.noneOf(ExportFormat.class);
    formats.addAll(asked);
    if (formats.contains(ExportFormat.LLAMA_FACTORY)) {
      formats.add(ExportFormat.ALPACA);
      formats.add(ExportFormat.SHAREGPT);
    }
    return List.copyOf(formats);
  }
}
