package dev.distillery.generation.service.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SourceRef;
import dev.distillery.contracts.TaskType;
import dev.distillery.generation.FewShotExample;
import dev.distillery.generation.GenerationRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The chat messages that ask a model for one sample, rendered from the {@link PromptTemplates}. Placeholders:
 * {@code {context}} (title, section, abstract and passage), {@code {passage}}, {@code {title}}, {@code {section}},
 * {@code {language}} and {@code {turns}}. Pipeline calls carry no memory: each stands alone.
 */
public record GenerationPrompt(String system, String user) {
  private static final int MAX_ABSTRACT_CHARS = 2_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @throws IllegalArgumentException when a custom prompt is asked for and the run gave none */
  public static GenerationPrompt of(GenerationRequest request, PromptTemplates templates, int maxSegmentChars) {
    PromptReady prompt = request.prompt();
    SourceRef source = prompt.source();
    String passage = cut(source.segmentText() == null ? "" : source.segmentText().strip(), maxSegmentChars);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("{passage}", passage);
    values.put("{title}", source.paperTitle() == null ? "" : source.paperTitle());
    values.put("{section}", source.segmentHeading() == null ? "" : source.segmentHeading());
    values.put("{language}", languageName(request.outputLanguage()));
    values.put("{turns}", String.valueOf(request.settings().turns()));
    values.put("{context}", context(prompt, passage));

    String template;
    if (prompt.taskType() == TaskType.CUSTOM) {
      String custom = request.settings().customPrompt();
      if (custom == null || custom.isBlank()) {
        throw new IllegalArgumentException(
            "task type CUSTOM needs the run's generation.customPrompt (a prompt with {passage} where the text goes);"
                + " the run gave none");
      }
      template = custom.contains("{passage}") || custom.contains("{context}") ? custom : custom + "\n\n{context}";
    } else {
      template = templates.task(prompt.taskType());
    }
    StringBuilder user = new StringBuilder(render(template, values).strip());
    if (!request.fewShot().isEmpty()) {
      user.append("\n\nExamples of good samples of this task, written by a stronger model:\n");
      for (FewShotExample example : request.fewShot()) {
        user.append(json(example)).append('\n');
      }
    }
    return new GenerationPrompt(render(templates.system(), values).strip(), user.toString());
  }

  private static String context(PromptReady prompt, String passage) {
    SourceRef source = prompt.source();
    StringBuilder context = new StringBuilder("Paper title: ").append(source.paperTitle()).append('\n');
    if (source.segmentHeading() != null && !source.segmentHeading().isBlank()) {
      context.append("Section: ").append(source.segmentHeading()).append('\n');
    }
    if (prompt.abstractText() != null && !prompt.abstractText().isBlank()) {
      context.append("\nAbstract:\n").append(cut(prompt.abstractText().strip(), MAX_ABSTRACT_CHARS)).append('\n');
    }
    return context.append("\nPassage:\n").append(passage).toString();
  }

  /** One pass, so that a value containing a placeholder (a passage quoting "{turns}") is not expanded again. */
  private static String render(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder(template.length() + 1024);
    int i = 0;
    while (i < template.length()) {
      boolean replaced = false;
      if (template.charAt(i) == '{') {
        for (Map.Entry<String, String> value : values.entrySet()) {
          if (template.startsWith(value.getKey(), i)) {
            out.append(value.getValue());
            i += value.getKey().length();
            replaced = true;
            break;
          }
        }
      }
      if (!replaced) {
        out.append(template.charAt(i++));
      }
    }
    return out.toString();
  }

  static String languageName(String code) {
    String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
    return name.isBlank() || name.equalsIgnoreCase(code) ? code : name;
  }

  private static String json(FewShotExample example) {
    try {
      return JSON.writeValueAsString(example);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a few-shot example could not be written as JSON", e);
    }
  }

  private static String cut(String text, int maxChars) {
    return text.length() <= maxChars ? text : text.substring(0, maxChars) + "\n[passage cut here]";
  }
}
