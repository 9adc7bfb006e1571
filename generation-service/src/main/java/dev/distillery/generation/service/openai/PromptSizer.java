package dev.distillery.generation.service.openai;

import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.TaskType;
import dev.distillery.generation.client.Tokens;
import dev.distillery.generation.config.GenerationConfig;
import dev.distillery.generation.repository.PromptRepository.Planned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many tokens each planned prompt will take as a request: its templates, its passage (cut as it will be)
 * and the paper's abstract, counted once per segment. Recorded with the plan, so a run's cost can be estimated
 * before anything is spent.
 */
@ApplicationScoped
public class PromptSizer {
  private static final int ABSTRACT_CHARS = 2_000;

  @Inject PromptTemplates templates;
  @Inject GenerationConfig config;

  public List<Planned> withEstimates(List<Planned> planned) {
    Map<TaskType, Integer> framing = new EnumMap<>(TaskType.class);
    Map<String, Integer> passages = new HashMap<>();
    List<Planned> sized = new ArrayList<>(planned.size());
    for (Planned p : planned) {
      if (p.extracted()) {
        sized.add(p);
        continue;
      }
      PromptReady prompt = p.prompt();
      int frame = framing.computeIfAbsent(prompt.taskType(), this::framing);
      int passage =
          passages.computeIfAbsent(prompt.segmentId(), id -> Tokens.count(cut(prompt.source().segmentText(), config.openai().maxSegmentChars())));
      int abstractTokens = Tokens.count(cut(prompt.abstractText(), ABSTRACT_CHARS));
      sized.add(p.withEstimatedTokens(frame + passage + abstractTokens + Tokens.count(prompt.source().paperTitle())));
    }
    return sized;
  }

  private int framing(TaskType type) {
    String task = type == TaskType.CUSTOM ? "" : templates.task(type);
    return Tokens.prompt(templates.system(), task);
  }

  private static String cut(String text, int max) {
    return text == null ? "" : text.length() <= max ? text : text.substring(0, max);
  }
}
