package dev.distillery.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads YAML files, including multi-document ones, as Jackson trees. */
final class Yaml {
  private static final YAMLMapper MAPPER = new YAMLMapper();

  private Yaml() {}

  static JsonNode read(Path path) {
    List<JsonNode> documents = readAll(path);
    if (documents.size() != 1) {
      throw new IllegalStateException(path + " holds " + documents.size() + " YAML documents, expected one");
    }
    return documents.get(0);
  }

  /** Every non-empty document of the file, in order. */
  static List<JsonNode> readAll(Path path) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> iterator = MAPPER.readerFor(JsonNode.class).readValues(path.toFile())) {
      while (iterator.hasNextValue()) {
        JsonNode document = iterator.nextValue();
        if (document != null && document.isObject()) {
          documents.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + path, e);
    }
    return documents;
  }

  /** The text values of a YAML list or the keys of a YAML map; Compose accepts both forms in several places. */
  static List<String> namesOf(JsonNode listOrMap) {
    List<String> names = new ArrayList<>();
    if (listOrMap.isArray()) {
      listOrMap.forEach(item -> names.add(item.asText()));
    } else {
      listOrMap.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }
}
