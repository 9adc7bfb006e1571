package dev.distillery.generation.service.offline;

import static dev.distillery.generation.service.offline.TaskTemplates.COMPARISON_CUES;
import static dev.distillery.generation.service.offline.TaskTemplates.DEFINITION_CUES;
import static dev.distillery.generation.service.offline.TaskTemplates.PROBLEM_CUES;
import static dev.distillery.generation.service.offline.TaskTemplates.PROCEDURE_CUES;
import static dev.distillery.generation.service.offline.TaskTemplates.SOLUTION_CUES;
import static dev.distillery.generation.service.offline.TaskTemplates.appendRelated;
import static dev.distillery.generation.service.offline.TaskTemplates.choose;
import static dev.distillery.generation.service.offline.TaskTemplates.joinAsList;
import static dev.distillery.generation.service.offline.TaskTemplates.words;

import dev.distillery.contracts.ChatTurn;
import dev.distillery.generation.service.offline.TaskTemplates.Draft;
import dev.distillery.generation.service.offline.TaskTemplates.Material;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Templates for the distillation platform's task types (QA, classification, text generation, code, NER), and
 * for chain-of-thought QA, summaries, multi-turn conversations and custom prompts. Like the original four, every
 * answer is put together from the segment's own sentences within the verbatim budget.
 */
final class ExtendedTemplates {
  private static final Pattern ACRONYM = Pattern.compile("\\b[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*\\b");
  private static final Pattern NAME = Pattern.compile("(?<=[\\p{L}\\p{N},;:)] )\\p{Lu}\\p{Ll}+(?: \\p{Lu}\\p{Ll}+)*");
  private static final Pattern QUANTITY =
      Pattern.compile("\\b\\d+(?:[.,]\\d+)?\\s?(?:%|ms|s|MB|GB|KB|Hz|kHz|k|M|B|x|times|tokens|readings|samples)?\\b");
  private static final Map<String, Set<String>> CATEGORIES = categories();
  private static final List<String> FOLLOW_UPS =
      List.of("What problem does it solve?", "How is it put into practice?", "How does it compare with the alternatives?",
          "Does it have limitations?");
  private static final List<Set<String>> FOLLOW_UP_CUES =
      List.of(PROBLEM_CUES, PROCEDURE_CUES, COMPARISON_CUES, PROBLEM_CUES);

  private ExtendedTemplates() {}

  static Draft qa(Material m) {
    String instruction =
        choose(
            m.variant(),
            "According to the paper, what is " + m.focus() + "?",
            "What role does " + m.focus() + " play in " + m.where() + "?",
            "What does the paper say about " + m.focus() + "?");
    List<String> picked = m.picker().pick(cuesOf(m.focus()), false, 3, m.budgetWords(), m.variant(), List.of());
    StringBuilder out = new StringBuilder("According to ").append(m.where()).append(": ");
    out.append(picked.isEmpty() ? m.focus() + " is one of the notions the text is built around." : String.join(" ", picked));
    appendRelated(out, "\n\nIt is discussed together with ", m);
    return new Draft(instruction, out.toString().strip());
  }

  /** The excerpt is put in the class whose cue words it uses most; the answer names those words. */
  static Draft classification(Material m) {
    List<String> excerpt = excerpt(m, 2);
    List<String> excerptWords = SegmentText.words(String.join(" ", excerpt));
    String label = "definition";
    List<String> evidence = List.of();
    for (Map.Entry<String, Set<String>> category : CATEGORIES.entrySet()) {
      List<String> hits = excerptWords.stream().filter(category.getValue()::contains).distinct().toList();
      if (hits.size() > evidence.size()) {
        label = category.getKey();
        evidence = hits;
      }
    }
    String instruction =
        choose(
            m.variant(),
            "Classify the excerpt below as one of: " + joinAsList(List.copyOf(CATEGORIES.keySet()))
                + ". Give the label and justify it.",
            "Which kind of statement is the excerpt below — " + String.join(", ", CATEGORIES.keySet())
                + "? Answer with the label, then explain.");
    StringBuilder out = new StringBuilder("Label: ").append(label).append(".\n\nWhy: ");
    if (evidence.isEmpty()) {
      out.append("the excerpt states what ").append(m.focus()).append(" is rather than arguing, comparing or")
          .append(" prescribing steps; it uses none of the words that mark the other kinds.");
    } else {
      out.append("the excerpt uses words that mark a ").append(label).append(" — ")
          .append(joinAsList(evidence.stream().limit(4).map(w -> "\"" + w + "\"").toList()))
          .append(" — and it is about ").append(m.focus()).append('.');
    }
    if (!excerpt.isEmpty()) {
      out.append("\n\nThe deciding statement: ").append(excerpt.get(0));
    }
    return new Draft(instruction, out.toString().strip(), String.join(" ", excerpt), List.of());
  }

  static Draft textGeneration(Material m) {
    String instruction =
        choose(
            m.variant(),
            "Write a short explanatory paragraph for practitioners about " + m.focus() + ", based on the paper.",
            "Draft a brief, abstract-style paragraph presenting " + m.focus() + " as described in " + m.where() + ".");
    Set<String> cues = new HashSet<>(DEFINITION_CUES);
    cues.addAll(SOLUTION_CUES);
    List<String> picked = m.picker().pick(cues, false, 4, m.budgetWords(), m.variant(), List.of());
    StringBuilder out =
        new StringBuilder(capitalise(m.focus())).append(" is one of the ideas at the heart of \"").append(m.title())
            .append("\". ");
    out.append(String.join(" ", picked));
    appendRelated(out, " Read together with ", m);
    return new Draft(instruction, out.toString().strip());
  }

  /** Code tasks on a segment without code: the described procedure as pseudocode. */
  static Draft pseudocode(Material m) {
    String instruction =
        choose(
            m.variant(),
            "Write pseudocode for " + m.focus() + " as the paper describes it.",
            "Sketch, as pseudocode, a procedure that implements " + m.focus() + " following " + m.where() + ".");
    List<String> picked = m.picker().pick(PROCEDURE_CUES, false, 5, m.budgetWords(), m.variant(), List.of());
    StringBuilder out = new StringBuilder("Pseudocode following ").append(m.where()).append(":\n\n```text\n");
    out.append("procedure ").append(identifier(m.focus())).append('\n');
    if (picked.isEmpty()) {
      out.append("  apply ").append(m.focus()).append(" to the input\n");
    }
    for (int i = 0; i < picked.size(); i++) {
      out.append("  step ").append(i + 1).append(": ").append(picked.get(i)).append('\n');
    }
    out.append("end procedure\n```");
    appendRelated(out, "\n\nThe steps involve ", m);
    return new Draft(instruction, out.toString().strip());
  }

  static Draft entities(Material m) {
    List<String> excerpt = excerpt(m, 3);
    String text = String.join(" ", excerpt);
    Map<String, String> found = new LinkedHashMap<>();
    String name = "name (tool, method, organisation or person)";
    collect(ACRONYM.matcher(text), "acronym", found);
    // A capitalised word opening a sentence is a name when the title spells it the same way.
    for (String word : m.title().split("[^\\p{L}\\p{N}]+")) {
      if (word.length() > 3 && Character.isUpperCase(word.charAt(0)) && text.contains(word)) {
        found.putIfAbsent(word, name);
      }
    }
    collect(NAME.matcher(text), name, found);
    collect(QUANTITY.matcher(text), "quantity", found);
    for (String term : m.terms()) {
      if (text.toLowerCase(Locale.ROOT).contains(term.toLowerCase(Locale.ROOT))) {
        putIfNew(term, "concept", found);
      }
    }
    if (found.isEmpty()) {
      found.put(m.focus(), "concept");
    }
    String instruction =
        choose(
            m.variant(),
            "Extract the named entities from the excerpt below and label each with its type (acronym, name,"
                + " quantity, concept).",
            "List the entities the excerpt below mentions, each with its type: acronym, name, quantity or concept.");
    StringBuilder out = new StringBuilder("Entities in the excerpt from ").append(m.where()).append(":\n");
    found.forEach((entity, type) -> out.append("- ").append(entity).append(": ").append(type).append('\n'));
    return new Draft(instruction, out.toString().strip(), text.isEmpty() ? null : text, List.of());
  }

  static Draft chainOfThought(Material m) {
    String instruction =
        choose(
            m.variant(),
            "Why does the paper rely on " + m.focus() + "? Reason step by step before answering.",
            "Reason step by step: what problem does " + m.focus() + " address in " + m.where() + ", and how?");
    SentencePicker picker = m.picker();
    int third = Math.max(1, m.budgetWords() / 3);
    List<String> problem = picker.pick(PROBLEM_CUES, true, 1, third, m.variant(), List.of());
    List<String> used = new ArrayList<>(problem);
    List<String> solution = picker.pick(SOLUTION_CUES, true, 1, third, m.variant(), used);
    used.addAll(solution);
    List<String> detail = picker.pick(cuesOf(m.focus()), false, 2, m.budgetWords() - words(used), m.variant(), used);
    List<String> steps = new ArrayList<>();
    problem.forEach(s -> steps.add("The starting point: " + s));
    solution.forEach(s -> steps.add("The paper's answer: " + s));
    detail.forEach(s -> steps.add("A further fact: " + s));
    if (steps.isEmpty()) {
      steps.add("The text presents " + m.focus() + " as its central notion.");
    }
    StringBuilder out = new StringBuilder("Let us reason step by step.\n");
    for (int i = 0; i < steps.size(); i++) {
      out.append(i + 1).append(". ").append(steps.get(i)).append('\n');
    }
    out.append("\nTherefore, ").append(m.focus()).append(" is what ").append(m.where())
        .append(problem.isEmpty() ? " builds its argument on." : " uses to overcome that difficulty.");
    return new Draft(instruction, out.toString().strip());
  }

  static Draft summary(Material m) {
    String instruction =
        choose(
            m.variant(),
            "Summarise " + m.where() + " in a few sentences.",
            "Give a short summary of what the paper says about " + m.focus() + ".");
    List<String> picked = m.picker().pick(Set.of(), false, 4, m.budgetWords(), m.variant(), List.of());
    StringBuilder out = new StringBuilder("In short, ").append(m.where()).append(" covers ").append(m.focus())
        .append(". ").append(String.join(" ", picked));
    out.append("\n\nKey terms: ").append(joinAsList(m.terms())).append('.');
    return new Draft(instruction, out.toString().strip());
  }

  /**
   * A user asks about the focus term, then follows up on what it solves, how it is used, how it compares and where
   * it stops; each answer uses sentences no earlier answer used.
   */
  static Draft conversation(Material m) {
    List<ChatTurn> turns = new ArrayList<>();
    List<String> used = new ArrayList<>();
    SentencePicker picker = m.picker();
    int perAnswer = Math.max(1, m.budgetWords() / m.turns());
    String first = choose(m.variant(), "What is " + m.focus() + "?", "Can you explain " + m.focus() + " to me?");
    turns.add(new ChatTurn("user", first));
    List<String> opening = picker.pick(DEFINITION_CUES, false, 2, perAnswer, m.variant(), used);
    used.addAll(opening);
    turns.add(new ChatTurn("assistant", answer("In " + m.where() + ", " + m.focus() + " is presented like this: ", opening, m)));
    for (int turn = 1; turn < m.turns(); turn++) {
      int kind = (turn - 1 + m.variant()) % FOLLOW_UPS.size();
      turns.add(new ChatTurn("user", FOLLOW_UPS.get(kind)));
      List<String> picked = picker.pick(FOLLOW_UP_CUES.get(kind), false, 2, perAnswer, m.variant(), used);
      used.addAll(picked);
      turns.add(new ChatTurn("assistant", answer("On that point the paper says: ", picked, m)));
    }
    return new Draft(first, turns.get(1).content(), null, turns);
  }

  /** The run's own instruction, answered with the sentences that share the most words with it. */
  static Draft custom(Material m) {
    String prompt = m.customPrompt() == null ? "" : m.customPrompt();
    String instruction = prompt.replace("{passage}", "").replaceAll("\\s+", " ").strip();
    if (instruction.isEmpty()) {
      throw new OfflineUnsupportedException(
          "the run's customPrompt holds no instruction besides the {passage} placeholder");
    }
    Set<String> cues = new HashSet<>(SegmentText.words(instruction.toLowerCase(Locale.ROOT)));
    List<String> excerpt = excerpt(m, 3);
    List<String> picked = m.picker().pick(cues, false, 3, m.budgetWords(), m.variant(), List.of());
    StringBuilder out = new StringBuilder("Answering from ").append(m.where()).append(": ");
    out.append(picked.isEmpty() ? m.focus() + " is what the passage is about." : String.join(" ", picked));
    appendRelated(out, "\n\nRelevant terms: ", m);
    return new Draft(instruction, out.toString().strip(), String.join(" ", excerpt), List.of());
  }

  private static String answer(String lead, List<String> sentences, Material m) {
    if (sentences.isEmpty()) {
      return "The paper does not go further on this; it ties " + m.focus() + " to "
          + (m.related().isEmpty() ? m.title() : joinAsList(m.related())) + ".";
    }
    return lead + String.join(" ", sentences);
  }

  /** A short run of the segment's sentences, chosen by the variant, for tasks that work on a given text. */
  private static List<String> excerpt(Material m, int max) {
    return m.picker().pick(Set.of(), false, max, Math.max(20, m.budgetWords() / 2), m.variant(), List.of());
  }

  private static Set<String> cuesOf(String term) {
    return new HashSet<>(SegmentText.words(term.toLowerCase(Locale.ROOT)));
  }

  private static void collect(Matcher matcher, String type, Map<String, String> found) {
    while (matcher.find()) {
      String entity = matcher.group().strip();
      if (entity.length() > 1) {
        putIfNew(entity, type, found);
      }
    }
  }

  /** Entities differing only in case are one entity, listed under its first spelling and type. */
  private static void putIfNew(String entity, String type, Map<String, String> found) {
    if (found.keySet().stream().noneMatch(e -> e.equalsIgnoreCase(entity))) {
      found.put(entity, type);
    }
  }

  private static String identifier(String term) {
    String id = term.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_|_$", "");
    return id.isEmpty() ? "procedure" : id;
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static Map<String, Set<String>> categories() {
    Map<String, Set<String>> categories = new LinkedHashMap<>();
    categories.put("definition", DEFINITION_CUES);
    categories.put("problem statement", PROBLEM_CUES);
    categories.put("method description", PROCEDURE_CUES);
    categories.put("comparison", COMPARISON_CUES);
    categories.put("contribution", SOLUTION_CUES);
    return categories;
  }
}
