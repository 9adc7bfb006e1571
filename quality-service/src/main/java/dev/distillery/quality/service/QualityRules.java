package dev.distillery.quality.service;

import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleStatus;
import dev.distillery.contracts.Verdict;
import dev.distillery.quality.config.QualityConfig;
import dev.distillery.quality.rules.Assessment;
import dev.distillery.quality.rules.Candidate;
import dev.distillery.quality.rules.Reason;
import dev.distillery.quality.rules.RuleSettings;
import dev.distillery.quality.rules.SampleRules;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** The rules of {@link SampleRules}, configured from {@code quality.*}, applied to generated samples. */
@ApplicationScoped
public class QualityRules {
  @Inject QualityConfig config;
  private SampleRules rules;

  @PostConstruct
  void configure() {
    rules = new SampleRules(new RuleSettings(config.minInstructionChars(), config.maxInstructionChars(),
        config.minOutputChars(), config.maxOutputChars(), config.maxInstructionTokens(), config.minOutputTokens(),
        config.maxOutputTokens(), config.copyOverlap(), config.copySpanWords(), config.groundingThreshold(),
        config.refusalPhrases()));
  }

  public SampleRules rules() {
    return rules;
  }

  public Assessment assess(SampleGenerated sample) {
    if (sample.status() == SampleStatus.FAILED) {
      String detail = sample.failureReason() == null ? "no reason given" : sample.failureReason();
      return new Assessment(Verdict.FAILED, 0.0, Map.of(), List.of(Reason.GENERATION_FAILED.because(detail)));
    }
    return rules.assess(Candidate.of(sample));
  }
}
