package dev.distillery.export.format;

import dev.distillery.contracts.ExportFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Export formats by the names users know them by ({@code openai,bedrock,hf}, {@code all}), the enum names, and the
 * file stems ({@code openai-chat}).
 */
public final class FormatNames {
  private static final Map<String, ExportFormat> ALIASES = Map.ofEntries(
      Map.entry("openai", ExportFormat.OPENAI_CHAT),
      Map.entry("bedrock", ExportFormat.BEDROCK_CLAUDE),
      Map.entry("anthropic", ExportFormat.BEDROCK_CLAUDE),
      Map.entry("claude", ExportFormat.BEDROCK_CLAUDE),
      Map.entry("vertex", ExportFormat.VERTEX_GEMINI),
      Map.entry("gemini", ExportFormat.VERTEX_GEMINI),
      Map.entry("google", ExportFormat.VERTEX_GEMINI),
      Map.entry("llama", ExportFormat.CHATML),
      Map.entry("hf", ExportFormat.HUGGINGFACE),
      Map.entry("llamafactory", ExportFormat.LLAMA_FACTORY),
      Map.entry("csv", ExportFormat.CSV_METADATA));

  private FormatNames() {}

  /** @throws IllegalArgumentException naming the unknown format and the known names */
  public static List<ExportFormat> parse(String names) {
    Set<ExportFormat> formats = new LinkedHashSet<>();
    for (String part : names.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (name.equals("all")) {
        formats.addAll(List.of(ExportFormat.values()));
      } else {
        formats.add(one(name));
      }
    }
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("no format named in '" + names + "'; known: " + known());
    }
    return new ArrayList<>(formats);
  }

  private static ExportFormat one(String name) {
    ExportFormat alias = ALIASES.get(name);
    if (alias != null) {
      return alias;
    }
    String normalized = name.replace('-', '_').toUpperCase(Locale.ROOT);
    for (ExportFormat format : ExportFormat.values()) {
      if (format.name().equals(normalized) || format.name().replace("_", "").equals(normalized.replace("_", ""))) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown format '" + name + "'; known: " + known());
  }

  private static String known() {
    return "openai, alpaca, bedrock, vertex, mistral, chatml, sharegpt, hf, llama-factory, csv, all";
  }
}
