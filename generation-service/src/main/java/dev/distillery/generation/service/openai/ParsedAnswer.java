package dev.distillery.generation.service.openai;

import dev.distillery.contracts.ChatTurn;
import java.util.List;

/**
 * A sample as the model wrote it; {@code input} is empty when the model gave none.
 *
 * @param conversation every turn of a multi-turn answer; empty for single-turn ones
 * @param reasoning what the model wrote inside {@code <think>} tags, null when nothing
 */
public record ParsedAnswer(
    String instruction, String input, String output, List<ChatTurn> conversation, String reasoning) {}
