package dev.distillery.ingest.service;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML front matter block ({@code ---} … {@code ---} or {@code ...}) at the very start of a paper, split from
 * the body. Only {@code title} is read; a full YAML parser would be a dependency for one key. A block whose
 * top-level lines are not {@code key: value} is prose between two thematic breaks, not front matter.
 *
 * @param title the front matter's title, or null
 * @param body the text after the block (the whole text when there is none)
 */
record FrontMatter(String title, String body) {
  private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^[A-Za-z0-9_][\\w .-]*:(\\s.*)?$");
  private static final Pattern TITLE = Pattern.compile("^title\\s*:\\s*(.*)$");

  /** Splits a normalised text (LF line ends, no BOM). */
  static FrontMatter split(String text) {
    List<String> lines = List.of(text.split("\n", -1));
    if (!lines.get(0).stripTrailing().equals("---")) {
      return new FrontMatter(null, text);
    }
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).stripTrailing();
      if (line.equals("---") || line.equals("...")) {
        List<String> yaml = lines.subList(1, i);
        if (!looksLikeYaml(yaml)) {
          return new FrontMatter(null, text);
        }
        return new FrontMatter(title(yaml), String.join("\n", lines.subList(i + 1, lines.size())));
      }
    }
    return new FrontMatter(null, text);
  }

  private static boolean looksLikeYaml(List<String> yaml) {
    boolean anyKey = false;
    for (String line : yaml) {
      if (line.isBlank() || line.startsWith("#") || Character.isWhitespace(line.charAt(0)) || line.startsWith("- ")) {
        continue;
      }
      if (!TOP_LEVEL_KEY.matcher(line.stripTrailing()).matches()) {
        return false;
      }
      anyKey = true;
    }
    return anyKey;
  }

  private static String title(List<String> yaml) {
    for (int i = 0; i < yaml.size(); i++) {
      Matcher m = TITLE.matcher(yaml.get(i).stripTrailing());
      if (!m.matches()) {
        continue;
      }
      String value = m.group(1).strip();
      String title;
      if (value.startsWith("'")) {
        title = quoted(value, '\'').replace("''", "'");
      } else if (value.startsWith("\"")) {
        title = quoted(value, '"').replace("\\\"", "\"").replace("\\\\", "\\");
      } else {
        List<String> parts = new ArrayList<>();
        String first = withoutComment(value);
        if (!first.isEmpty() && !first.equals(">") && !first.equals("|") && !first.startsWith(">-")
            && !first.startsWith("|-")) {
          parts.add(first);
        }
        // plain and block scalars continue on the indented lines that follow
        for (int j = i + 1; j < yaml.size() && (yaml.get(j).isBlank() || Character.isWhitespace(yaml.get(j).charAt(0)));
            j++) {
          if (!yaml.get(j).isBlank()) {
            parts.add(yaml.get(j).strip());
          }
        }
        title = String.join(" ", parts);
      }
      title = title.strip();
      return title.isEmpty() ? null : title;
    }
    return null;
  }

  private static String quoted(String value, char quote) {
    int end = value.length() - 1;
    while (end > 0 && value.charAt(end) != quote) {
      end--;
    }
    return end > 0 ? value.substring(1, end) : value.substring(1);
  }

  private static String withoutComment(String value) {
    int hash = value.indexOf(" #");
    return (hash >= 0 ? value.substring(0, hash) : value).strip();
  }
}
