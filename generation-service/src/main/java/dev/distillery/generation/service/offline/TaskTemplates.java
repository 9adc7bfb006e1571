package dev.distillery.generation.service.offline;

import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Instruction and answer templates per task type. Every answer is built from the segment's own sentences and
 * code, framed by a sentence that says where they come from; the verbatim part stays within half of the
 * segment's words, so an answer is never a copy of its source.
 */
final class TaskTemplates {
  static final Set<String> DEFINITION_CUES =
      Set.of("is", "are", "means", "defined", "define", "refers", "called", "known", "consists", "describes",
          "represents", "introduce", "introduces", "propose", "proposes", "provides", "general", "purpose");
  static final Set<String> PROCEDURE_CUES =
      Set.of("first", "then", "next", "finally", "after", "before", "step", "steps", "compute", "computes",
          "calculate", "calculates", "update", "updates", "call", "calls", "run", "runs", "takes", "returns",
          "input", "output", "function", "method", "class", "install", "load", "apply", "applies", "pass", "passed",
          "initialise", "initialize", "iterate", "loop", "implement", "implemented", "interface", "api", "pipeline");
  static final Set<String> PROBLEM_CUES =
      Set.of("problem", "problems", "challenge", "challenges", "difficult", "difficulty", "limitation",
          "limitations", "lack", "lacks", "issue", "issues", "however", "cannot", "fail", "fails", "bottleneck",
          "bottlenecks", "error", "errors", "bias", "expensive", "costly", "slow", "manual", "inconsistent",
          "missing", "hard", "unclear", "variance", "reproducibility", "no", "not", "rely", "relies");
  static final Set<String> SOLUTION_CUES =
      Set.of("solve", "solves", "address", "addresses", "introduce", "introduces", "propose", "proposes",
          "present", "presents", "provide", "provides", "enable", "enables", "approach", "allows", "offers",
          "implements", "supports", "our", "we", "tackle", "tackles", "resolve", "resolves");
  static final Set<String> COMPARISON_CUES =
      Set.of("than", "compared", "comparison", "compare", "whereas", "unlike", "contrast", "outperform",
          "outperforms", "better", "worse", "faster", "slower", "versus", "vs", "alternative", "alternatives",
          "existing", "traditional", "baseline", "instead", "rather", "similar", "similarly", "differ", "differs",
          "difference", "differences", "other", "while", "both", "only", "standard");

  private TaskTemplates() {}

  /**
   * What the templates work from. {@code variant} is the prompt's rank among the prompts of its kind on its
   * segment: it moves the choice of wording, of focus term and of sentences together, so that those prompts
   * ask and answer different things.
   *
   * @param turns user turns of a multi-turn conversation
   * @param customPrompt the run's own instruction for custom prompts; null when it gave none
   */
  record Material(
      String title, String heading, SegmentText text, List<String> terms, int variant, int budgetWords, int turns,
      String customPrompt) {

    String focus() {
      return terms.get(variant % terms.size());
    }

    String other() {
      return terms.stream()
          .filter(t -> !t.equals(focus()))
          .findFirst()
          .orElse(title.equals(focus()) ? "the approaches it is usually set against" : title);
    }

    List<String> related() {
      return terms.stream().filter(t -> !t.equals(focus())).limit(3).toList();
    }

    String where() {
      return heading.isEmpty()
          ? "the paper \"" + title + "\""
          : "the section \"" + heading + "\" of the paper \"" + title + "\"";
    }

    SentencePicker picker() {
      return new SentencePicker(text.sentences(), terms);
    }
  }

  /**
   * Instruction and output of one sample.
   *
   * @param excerpt the part of the segment the instruction works on, shown as the sample's input; null when
   *     the instruction stands on its own
   * @param conversation every turn, for multi-turn samples; empty otherwise
   */
  record Draft(String instruction, String output, String excerpt, List<ChatTurn> conversation) {
    Draft(String instruction, String output) {
      this(instruction, output, null, List.of());
    }
  }

  /** @throws OfflineUnsupportedException for a task no template can answer without a model */
  static Draft draft(TaskType type, Material m) {
    return switch (type) {
      case CONCEPT_EXPLANATION -> concept(m);
      case CODE_IMPLEMENTATION -> m.text().codeBlocks().isEmpty() ? steps(m) : code(m);
      case PROBLEM_ANALYSIS -> problem(m);
      case COMPARATIVE_ANALYSIS -> comparison(m);
      case QA -> ExtendedTemplates.qa(m);
      case CLASSIFICATION -> ExtendedTemplates.classification(m);
      case TEXT_GENERATION -> ExtendedTemplates.textGeneration(m);
      case CODE -> m.text().codeBlocks().isEmpty() ? ExtendedTemplates.pseudocode(m) : code(m);
      case TRANSLATION ->
          throw new OfflineUnsupportedException(
              "translation needs a language model: the offline generator cannot translate (set OPENAI_API_KEY or"
                  + " leave TRANSLATION out of the run's task types)");
      case NER -> ExtendedTemplates.entities(m);
      case CHAIN_OF_THOUGHT_QA -> ExtendedTemplates.chainOfThought(m);
      case SUMMARY -> ExtendedTemplates.summary(m);
      case MULTI_TURN -> ExtendedTemplates.conversation(m);
      case CUSTOM -> ExtendedTemplates.custom(m);
    };
  }

  private static Draft concept(Material m) {
    String instruction =
        choose(
            m.variant(),
            "Explain the concept of " + m.focus() + " as this paper uses it.",
            "What does the paper mean by " + m.focus() + ", and why does it matter here?",
            "Describe " + m.focus() + " and how it relates to " + m.other() + ".");
    List<String> picked = m.picker().pick(DEFINITION_CUES, false, 4, m.budgetWords(), m.variant(), List.of());
    StringBuilder out = new StringBuilder("In ").append(m.where()).append(", ").append(m.focus());
    out.append(picked.isEmpty() ? " is a central notion." : " is presented as follows. ").append(String.join(" ", picked));
    appendRelated(out, "\n\nThe section ties it to ", m);
    return new Draft(instruction, out.toString().strip());
  }

  private static Draft code(Material m) {
    List<SegmentText.CodeBlock> blocks = m.text().codeBlocks();
    SegmentText.CodeBlock block = blocks.get(m.variant() % blocks.size());
    String language = block.language().isEmpty() ? "" : block.language();
    String code = truncate(block.code(), (int) (m.budgetWords() * 0.7));
    if (code.isEmpty()) {
      return steps(m);
    }
    int codeWords = SegmentText.words(code).size();
    String instruction =
        choose(
            m.variant(),
            "Show how " + m.focus() + " is used in code, following the paper's example, and explain what the code does.",
            "Write a short " + (language.isEmpty() ? "" : language + " ") + "example that demonstrates " + m.focus()
                + " as the paper describes it.");
    List<String> picked =
        m.picker().pick(PROCEDURE_CUES, false, 3, Math.max(0, m.budgetWords() - codeWords), m.variant(), List.of());
    StringBuilder out = new StringBuilder("The paper illustrates ").append(m.focus()).append(" with this code:\n\n");
    out.append("```").append(language).append('\n').append(code).append("\n```\n");
    if (!picked.isEmpty()) {
      out.append("\nWhat it does: ").append(String.join(" ", picked)).append('\n');
    }
    appendRelated(out, "\nThe example exercises ", m);
    return new Draft(instruction, out.toString().strip());
  }

  private static Draft steps(Material m) {
    String instruction =
        choose(
            m.variant(),
            "Outline, step by step, how to implement " + m.focus() + " following the approach in this paper.",
            "Describe the procedure behind " + m.focus() + " as a sequence of implementation steps.");
    List<String> picked = m.picker().pick(PROCEDURE_CUES, false, 5, m.budgetWords(), m.variant(), List.of());
    StringBuilder out = new StringBuilder("Following ").append(m.where()).append(", implementing ").append(m.focus());
    if (picked.isEmpty()) {
      out.append(" starts from its key ingredients.");
    } else {
      out.append(" comes down to these steps:\n");
      for (int i = 0; i < picked.size(); i++) {
        out.append(i + 1).append(". ").append(picked.get(i)).append('\n');
      }
    }
    appendRelated(out, "\nKeep in mind along the way: ", m);
    return new Draft(instruction, out.toString().strip());
  }

  private static Draft problem(Material m) {
    String instruction =
        choose(
            m.variant(),
            "What problem does this part of the paper address, and how is it tackled?",
            "Analyse the difficulty around " + m.focus() + " that the paper discusses, and the approach taken to resolve it.");
    SentencePicker picker = m.picker();
    int half = m.budgetWords() / 2;
    List<String> problem = picker.pick(PROBLEM_CUES, true, 2, half, m.variant(), List.of());
    List<String> answer = picker.pick(SOLUTION_CUES, true, 2, m.budgetWords() - words(problem), m.variant(), problem);
    StringBuilder out = new StringBuilder();
    if (problem.isEmpty()) {
      List<String> general = picker.pick(Set.of(), false, 3, m.budgetWords() - words(answer), m.variant(), answer);
      out.append("The analysis of ").append(m.focus()).append(" in ").append(m.where()).append(" rests on these points. ");
      out.append(String.join(" ", general));
    } else {
      out.append("The problem, as ").append(m.where()).append(" states it: ").append(String.join(" ", problem));
    }
    if (!answer.isEmpty()) {
      out.append("\n\nHow it is addressed: ").append(String.join(" ", answer));
    }
    appendRelated(out, "\n\nThe analysis turns on ", m);
    return new Draft(instruction, out.toString().strip());
  }

  private static Draft comparison(Material m) {
    String instruction =
        choose(
            m.variant(),
            "Compare " + m.focus() + " with the alternatives discussed in the paper. What sets it apart?",
            "How does " + m.focus() + " differ from " + m.other() + ", according to the paper?");
    SentencePicker picker = m.picker();
    List<String> picked = picker.pick(COMPARISON_CUES, true, 4, m.budgetWords(), m.variant(), List.of());
    if (picked.isEmpty()) {
      picked = picker.pick(Set.of(), false, 3, m.budgetWords(), m.variant(), List.of());
    }
    StringBuilder out =
        new StringBuilder("The comparison ").append(m.where()).append(" draws around ").append(m.focus()).append(':');
    if (picked.isEmpty()) {
      out.append(" it sets ").append(m.focus()).append(" against ").append(m.other()).append('.');
    }
    for (String sentence : picked) {
      out.append("\n- ").append(sentence);
    }
    appendRelated(out, "\n\nThe terms that carry the comparison: ", m);
    return new Draft(instruction, out.toString().strip());
  }

  static void appendRelated(StringBuilder out, String lead, Material m) {
    List<String> related = m.related();
    if (!related.isEmpty()) {
      out.append(lead).append(joinAsList(related)).append('.');
    }
  }

  static String joinAsList(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return items.subList(0, items.size() - 1).stream().collect(Collectors.joining(", "))
        + " and " + items.get(items.size() - 1);
  }

  static String choose(int variant, String... options) {
    return options[variant % options.length];
  }

  /**
   * Whole lines of code up to the word budget, with a marker where the rest was left out; empty when not even
   * the first line fits.
   */
  private static String truncate(String code, int budgetWords) {
    List<String> kept = new ArrayList<>();
    int used = 0;
    for (String line : code.split("\n")) {
      int words = SegmentText.words(line).size();
      if (used + words > budgetWords) {
        if (!kept.isEmpty()) {
          kept.add("...");
        }
        break;
      }
      kept.add(line);
      used += words;
    }
    return String.join("\n", kept);
  }

  static int words(List<String> sentences) {
    return sentences.stream().mapToInt(s -> SegmentText.words(s).size()).sum();
  }
}
