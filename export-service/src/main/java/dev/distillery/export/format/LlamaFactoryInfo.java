package dev.distillery.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.export.dataset.Json;
import dev.distillery.export.dataset.Manifest.FileEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LLaMA-Factory's {@code dataset_info.json}, beside the ShareGPT and Alpaca files it describes: one entry per file,
 * {@code {file_name, formatting, columns, tags}}, named {@code <dataset>_<format>_<split>}.
 */
public final class LlamaFactoryInfo {
  public static final String FILE = "dataset_info.json";
  private static final Set<String> FORMATTINGS = Set.of("alpaca", "sharegpt");

  private LlamaFactoryInfo() {}

  /** Entries for the Alpaca and ShareGPT files among {@code files}. */
  public static ObjectNode of(String datasetName, List<FileEntry> files) {
    ObjectNode info = Json.MAPPER.createObjectNode();
    for (FileEntry file : files) {
      if (file.format().equals(ExportFormat.SHAREGPT.name())) {
        ObjectNode entry = entry(info, datasetName, "sharegpt", file);
        entry.putObject("columns").put("messages", "conversations");
        entry.putObject("tags")
            .put("role_tag", "from").put("content_tag", "value").put("user_tag", ShareGptFormat.HUMAN)
            .put("assistant_tag", ShareGptFormat.GPT).put("system_tag", "system");
      } else if (file.format().equals(ExportFormat.ALPACA.name())) {
        entry(info, datasetName, "alpaca", file).putObject("columns")
            .put("prompt", "instruction").put("query", "input").put("response", "output").put("system", "system")
            .put("history", "history");
      }
    }
    return info;
  }

  private static ObjectNode entry(ObjectNode info, String datasetName, String formatting, FileEntry file) {
    ObjectNode entry = info.putObject(datasetName + "_" + formatting + "_" + file.split());
    entry.put("file_name", file.name());
    entry.put("formatting", formatting);
    return entry;
  }

  /** What LLaMA-Factory would refuse: entries without a known formatting, or naming a file that is not there. */
  public static List<String> violations(JsonNode info, Set<String> fileNames) {
    List<String> findings = new ArrayList<>();
    if (info.isEmpty()) {
      findings.add("no dataset entries");
    }
    for (Iterator<Map.Entry<String, JsonNode>> entries = info.fields(); entries.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = entries.next();
      JsonNode value = entry.getValue();
      if (!fileNames.contains(value.path("file_name").asText())) {
        findings.add(entry.getKey() + " names file '" + value.path("file_name").asText() + "', which is not written");
      }
      if (!FORMATTINGS.contains(value.path("formatting").asText())) {
        findings.add(entry.getKey() + " has formatting '" + value.path("formatting").asText() + "'");
      }
      if (!value.path("columns").isObject()) {
        findings.add(entry.getKey() + " has no columns");
      }
    }
    return findings;
  }
}
