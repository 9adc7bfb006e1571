package dev.distillery.generation.service.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnswerParserTest {
  private static final String SAMPLE =
      "{\"instruction\": \"Explain the running median.\", \"input\": \"\", \"output\": \"It is the median of a window.\"}";

  @Test
  void readsRawJson() {
    assertThat(AnswerParser.parse(SAMPLE))
        .isEqualTo(new ParsedAnswer("Explain the running median.", "", "It is the median of a window."));
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
  void skipsReasoningInThinkTags() {
    assertThat(AnswerParser.parse("<think>The user wants {json}.</think>\n" + SAMPLE).instruction())
        .isEqualTo("Explain the running median.");
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
