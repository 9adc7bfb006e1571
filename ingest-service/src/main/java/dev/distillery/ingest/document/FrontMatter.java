package dev.distillery.ingest.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The title and authors of a Markdown file's YAML front matter. Read with a safe loader (plain maps, lists and
 * scalars; few aliases, small documents) because the YAML comes from whoever uploaded the file. Authors may be a
 * string, a list of strings, or a list of maps with a {@code name} (the JOSS and Pandoc style).
 */
record FrontMatter(String title, List<String> authors) {
  static final FrontMatter NONE = new FrontMatter(null, List.of());
  private static final int MAX_YAML_CHARS = 64 * 1024;

  static FrontMatter parse(String text, int start, int end) {
    int firstLineEnd = text.indexOf('\n', start);
    int lastLineStart = text.lastIndexOf('\n', end - 1);
    if (firstLineEnd < 0 || lastLineStart <= firstLineEnd || lastLineStart - firstLineEnd > MAX_YAML_CHARS) {
      return NONE;
    }
    String yaml = text.substring(firstLineEnd + 1, lastLineStart);
    Object document;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(10);
      options.setAllowDuplicateKeys(true);
      options.setCodePointLimit(MAX_YAML_CHARS);
      document = new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (YAMLException e) {
      return NONE;
    }
    if (!(document instanceof Map<?, ?> map)) {
      return NONE;
    }
    return new FrontMatter(title(map.get("title")), authors(map.containsKey("authors") ? map.get("authors")
        : map.get("author")));
  }

  private static String title(Object value) {
    if (value == null) {
      return null;
    }
    String title = String.valueOf(value).replaceAll("\\s+", " ").strip();
    return title.isEmpty() ? null : title;
  }

  private static List<String> authors(Object value) {
    List<String> names = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        addName(names, item instanceof Map<?, ?> person ? person.get("name") : item);
      }
    } else if (value instanceof Map<?, ?> person) {
      addName(names, person.get("name"));
    } else if (value != null) {
      for (String name : String.valueOf(value).split("\\s*(?:;|,| and )\\s*")) {
        addName(names, name);
      }
    }
    return names;
  }

  private static void addName(List<String> names, Object name) {
    if (name != null && !String.valueOf(name).isBlank()) {
      names.add(String.valueOf(name).strip());
    }
  }
}
