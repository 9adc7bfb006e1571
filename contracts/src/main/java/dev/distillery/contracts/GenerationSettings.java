package dev.distillery.contracts;

/**
 * What a run asks of the generator beyond task types and counts. Every field may be left out.
 *
 * @param model the model table's key of the model to use; null for the service's default model
 * @param teacherModel a stronger model answering {@code teacherShare} of the prompts first; null for none
 * @param teacherShare share (0..1) of each paper's prompts the teacher answers, default 0.1
 * @param fewShot how many of the teacher's accepted samples the student's prompts carry, default 2
 * @param budgetUsd spending cap for the run in US dollars; 0 for no cap
 * @param outputLanguage ISO 639-1 code the samples are written in; null for the paper's own language
 * @param turns user turns per sample for {@link TaskType#MULTI_TURN}, default 3
 * @param customPrompt the prompt template for {@link TaskType#CUSTOM}, with {@code {passage}} where the text goes
 */
public record GenerationSettings(
    String model,
    String teacherModel,
    double teacherShare,
    int fewShot,
    double budgetUsd,
    String outputLanguage,
    int turns,
    String customPrompt) {

  public GenerationSettings {
    if (teacherShare == 0) {
      teacherShare = 0.1;
    }
    if (teacherShare < 0 || teacherShare > 1 || Double.isNaN(teacherShare)) {
      throw new IllegalArgumentException("teacherShare must be between 0 and 1, was " + teacherShare);
    }
    if (fewShot <= 0) {
      fewShot = 2;
    }
    if (budgetUsd < 0 || Double.isNaN(budgetUsd)) {
      throw new IllegalArgumentException("budgetUsd must not be negative, was " + budgetUsd);
    }
    if (turns <= 0) {
      turns = 3;
    }
    if (turns > 20) {
      throw new IllegalArgumentException("turns must be at most 20, was " + turns);
    }
  }

  public static GenerationSettings defaults() {
    return new GenerationSettings(null, null, 0, 0, 0, null, 0, null);
  }
}
