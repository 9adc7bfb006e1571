package dev.distillery.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Json;
import dev.distillery.export.dataset.Manifest;
import dev.distillery.export.dataset.Split;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** An exported dataset read back from its folder: the manifest and every example with its split. */
public record DatasetFolder(Path dir, Manifest manifest, Map<Split, List<DatasetSample>> splits) {

  /**
   * @throws IllegalArgumentException when the folder is not a dataset (no manifest.json or samples.jsonl), naming
   *     the folder and what is missing or broken
   */
  public static DatasetFolder read(Path dir) throws IOException {
    Path manifestFile = dir.resolve(Manifest.FILE_NAME);
    Path samplesFile = dir.resolve(Manifest.SAMPLES_FILE);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a folder");
    }
    for (Path required : List.of(manifestFile, samplesFile)) {
      if (!Files.isRegularFile(required)) {
        throw new IllegalArgumentException(
            dir + " is not a Distillery dataset: it has no " + required.getFileName());
      }
    }
    Manifest manifest;
    try {
      manifest = Json.MAPPER.readValue(manifestFile.toFile(), Manifest.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(manifestFile + " is not a readable manifest: " + e.getMessage(), e);
    }
    Map<Split, List<DatasetSample>> splits = new EnumMap<>(Split.class);
    for (Split split : Split.values()) {
      splits.put(split, new ArrayList<>());
    }
    try (BufferedReader reader = Files.newBufferedReader(samplesFile, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          ObjectNode node = (ObjectNode) Json.MAPPER.readTree(line);
          JsonNode split = node.remove("split");
          splits.get(Split.ofLabel(split == null ? "train" : split.asText()))
              .add(Json.MAPPER.treeToValue(node, DatasetSample.class));
        } catch (IOException | ClassCastException | IllegalArgumentException e) {
          throw new IllegalArgumentException(
              samplesFile + " line " + number + " is not a sample: " + e.getMessage(), e);
        }
      }
    }
    splits.replaceAll((split, list) -> List.copyOf(list));
    return new DatasetFolder(dir, manifest, splits);
  }

  /** Every example, train first. */
  public List<DatasetSample> samples() {
    List<DatasetSample> all = new ArrayList<>();
    splits.values().forEach(all::addAll);
    return all;
  }

  public Split splitOf(String sampleId) {
    return splits.entrySet().stream()
        .filter(e -> e.getValue().stream().anyMatch(s -> s.sampleId().equals(sampleId)))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }
}
