package dev.distillery.cli;

import dev.distillery.contracts.ExportFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --formats openai,bedrock,hf} or {@code --formats all}: export formats by the names users know them by.
 * The enum's own names (e.g. {@code OPENAI_CHAT}, {@code openai-chat}) work too.
 */
final class FormatsConverter implements ITypeConverter<List<ExportFormat>> {
  private static final Map<String, ExportFormat> ALIASES = Map.ofEntries(
      Map.entry("openai", ExportFormat.OPENAI_CHAT),
      Map.entry("alpaca", ExportFormat.ALPACA),
      Map.entry("bedrock", ExportFormat.BEDROCK_CLAUDE),
      Map.entry("anthropic", ExportFormat.BEDROCK_CLAUDE),
      Map.entry("vertex", ExportFormat.VERTEX_GEMINI),
      Map.entry("gemini", ExportFormat.VERTEX_GEMINI),
      Map.entry("google", ExportFormat.VERTEX_GEMINI),
      Map.entry("mistral", ExportFormat.MISTRAL),
      Map.entry("chatml", ExportFormat.CHATML),
      Map.entry("llama", ExportFormat.CHATML),
      Map.entry("sharegpt", ExportFormat.SHAREGPT),
      Map.entry("hf", ExportFormat.HUGGINGFACE),
      Map.entry("huggingface", ExportFormat.HUGGINGFACE),
      Map.entry("llama-factory", ExportFormat.LLAMA_FACTORY),
      Map.entry("llamafactory", ExportFormat.LLAMA_FACTORY),
      Map.entry("csv", ExportFormat.CSV_METADATA));

  @Override
  public List<ExportFormat> convert(String value) {
    Set<ExportFormat> formats = new LinkedHashSet<>();
    for (String part : value.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (name.equals("all")) {
        formats.addAll(List.of(ExportFormat.values()));
      } else {
        formats.add(format(name));
      }
    }
    if (formats.isEmpty()) {
      throw new TypeConversionException("no format named; try " + known());
    }
    return new ArrayList<>(formats);
  }

  private static ExportFormat format(String name) {
    ExportFormat alias = ALIASES.get(name);
    if (alias != null) {
      return alias;
    }
    try {
      return ExportFormat.valueOf(name.replace('-', '_').toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("unknown format '" + name + "'; known: " + known());
    }
  }

  private static String known() {
    return String.join(", ", new TreeSet<>(ALIASES.keySet())) + ", all";
  }
}
