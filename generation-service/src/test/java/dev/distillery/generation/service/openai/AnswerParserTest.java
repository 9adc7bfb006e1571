package dev.distillery.generation.service.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.contracts.ChatTurn;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerParserTest {
  private static final String SAMPLE =
      "{\"instruction\": \"Explain the running median.\", \"input\": \"\", \"output\": \"It is the median of a window.\"}";

  @Test
  void readsRawJson() {
    assertThat(AnswerParser.parse(SAMPLE))
        .isEqualTo(new ParsedAnswer("Explain the running median.", "", "It is the median of a window.", List.of(), null));
  }

  @Test
  void readsJsonInsideAFenceWithOrWithoutLanguageAndAfterProse() {
    ParsedAnswer expected = AnswerParser.parse(SAMPLE);

    assertThat(AnswerParser.parse("```json\n" + SAMPLE + "\n```")).isEqualTo(expected);
    assertThat(AnswerParser.parse("```\n" + SAMPLE + "\n```\n")).isEqualTo(expected);
    assertThat(AnswerParser.parse("Here is the example:\n\n```json\n" + SAMPLE + "\n```\nHope it helps.")).isEqualTo(expected);
    assertThat(AnswerParser.parse("Sure! " + SAMPLE)).isEqualTo(expected);
  }

  @Test
  void keepsReasoningInThinkTagsApartFromTheSample() {
    ParsedAnswer parsed = AnswerParser.parse("<think>The user wants {json}.</think>\n" + SAMPLE);

    assertThat(parsed.instruction()).isEqualTo("Explain the running median.");
    assertThat(parsed.reasoning()).isEqualTo("The user wants {json}.");
  }

  @Test
  void repairsJsonWithTrailingCommasRawLineBreaksAndSingleQuotes() {
    ParsedAnswer parsed =
        AnswerParser.parse("{'instruction': 'Explain the window.', \"output\": \"Line one\nline two\",}");

    assertThat(parsed.instruction()).isEqualTo("Explain the window.");
    assertThat(parsed.output()).isEqualTo("Line one\nline two");
  }

  @Test
  void readsAConversationAndRefusesOneOutOfTurn() {
    String answer =
        "```json\n{\"conversation\": [{\"role\": \"user\", \"content\": \"What is a sieve?\"},"
            + " {\"role\": \"assistant\", \"content\": \"A filter.\"}, {\"role\": \"user\", \"content\": \"Why?\"},"
            + " {\"role\": \"assistant\", \"content\": \"Spikes.\"}]}\n```";

    ParsedAnswer parsed = AnswerParser.parse(answer, true);

    assertThat(parsed.conversation())
        .containsExactly(new ChatTurn("user", "What is a sieve?"), new ChatTurn("assistant", "A filter."),
            new ChatTurn("user", "Why?"), new ChatTurn("assistant", "Spikes."));
    assertThat(parsed.instruction()).isEqualTo("What is a sieve?");
    assertThat(parsed.output()).isEqualTo("A filter.");
    assertThatThrownBy(
            () -> AnswerParser.parse(
                "{\"conversation\": [{\"role\": \"assistant\", \"content\": \"Hi\"}, {\"role\": \"user\", \"content\": \"?\"}]}", true))
        .hasMessage("turn 1 of the conversation is by \"assistant\", expected \"user\"");
    assertThatThrownBy(() -> AnswerParser.parse(SAMPLE, true))
        .hasMessage("the answer has no \"conversation\" array of at least one user and one assistant turn");
  }

  @Test
  void keepsCodeFencesWrittenInsideTheOutputString() {
    String answer =
        "```json\n{\"instruction\": \"Write the loop.\", \"output\": \"```python\\nfor r in s:\\n    push(r)\\n```\"}\n```";

    ParsedAnswer parsed = AnswerParser.parse(answer);

    assertThat(parsed.output()).isEqualTo("```python\nfor r in s:\n    push(r)\n```");
    assertThat(parsed.input()).as("a missing input is an empty one").isEmpty();
  }

  @Test
  void refusesAnswersThatAreNotTheSampleAskedFor() {
    assertThatThrownBy(() -> AnswerParser.parse("  ")).hasMessage("the answer is empty");
    assertThatThrownBy(() -> AnswerParser.parse("The running median is robust to spikes."))
        .hasMessage("the answer holds no JSON object; it begins: \"The running median is robust to spikes.\"");
    assertThatThrownBy(() -> AnswerParser.parse("{\"instruction\": \"Explain\", \"output\": "))
        .isInstanceOf(UnparseableAnswerException.class)
        .hasMessageStartingWith("the answer is not valid JSON at line 1, column");
    assertThatThrownBy(() -> AnswerParser.parse("[" + SAMPLE + "]"))
        .hasMessage("the answer is a JSON array, not an object with instruction, input and output");
    assertThatThrownBy(() -> AnswerParser.parse("{\"instruction\": \"Explain it.\"}"))
        .hasMessage("the answer has no \"output\" field");
    assertThatThrownBy(() -> AnswerParser.parse("{\"instruction\": \"Explain it.\", \"output\": [\"a\", \"b\"]}"))
        .hasMessage("the answer's \"output\" is an array, expected a string");
    assertThatThrownBy(() -> AnswerParser.parse("{\"instruction\": \" \", \"output\": \"An answer.\"}"))
        .hasMessage("the answer's \"instruction\" is empty");
  }
}
