package dev.distillery.generation.service.openai;

import dev.distillery.contracts.TaskType;
import dev.distillery.generation.config.GenerationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The prompt templates, read once at start-up: {@code prompts/system.txt} and {@code prompts/<task-type>.txt}
 * (e.g. {@code chain-of-thought-qa.txt}) from the classpath, each replaced by a file of the same name in
 * {@code generation.prompts.dir} when there is one. {@link TaskType#CUSTOM} has none: its template is the run's
 * {@code customPrompt}.
 */
@ApplicationScoped
public class PromptTemplates {
  private static final Logger LOG = Logger.getLogger(PromptTemplates.class);
  static final String SYSTEM = "system";

  private final String system;
  private final Map<TaskType, String> tasks = new EnumMap<>(TaskType.class);

  @Inject
  PromptTemplates(GenerationConfig config) {
    this(config.prompts().dir().map(Path::of));
  }

  /** Templates read from the classpath, replaced by files in {@code overrides} where it has them. */
  public PromptTemplates(Optional<Path> overrides) {
    this.system = read(SYSTEM, overrides);
    for (TaskType type : TaskType.values()) {
      if (type != TaskType.CUSTOM) {
        tasks.put(type, read(fileName(type), overrides));
      }
    }
  }

  /** The shared system message template. */
  public String system() {
    return system;
  }

  /** The user message template of a task type; never called for {@link TaskType#CUSTOM}. */
  public String task(TaskType type) {
    String template = tasks.get(type);
    if (template == null) {
      throw new IllegalArgumentException("task type " + type + " has no template file: its prompt comes from the run");
    }
    return template;
  }

  static String fileName(TaskType type) {
    return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String read(String name, Optional<Path> overrides) {
    String file = name + ".txt";
    Optional<Path> override = overrides.map(dir -> dir.resolve(file)).filter(Files::isRegularFile);
    try {
      if (override.isPresent()) {
        LOG.infof("prompt template %s read from %s", name, override.get());
        return Files.readString(override.get(), StandardCharsets.UTF_8);
      }
      try (InputStream in = PromptTemplates.class.getClassLoader().getResourceAsStream("prompts/" + file)) {
        if (in == null) {
          throw new IllegalStateException("prompt template prompts/" + file + " is missing from the classpath");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read prompt template " + file, e);
    }
  }
}
