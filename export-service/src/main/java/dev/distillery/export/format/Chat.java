package dev.distillery.export.format;

import dev.distillery.contracts.ChatTurn;
import dev.distillery.export.dataset.DatasetSample;
import java.util.ArrayList;
import java.util.List;

/**
 * An example as every chat format sees it: an optional system message and the turns, with the sample it came from.
 *
 * @param system null for none
 */
public record Chat(String system, List<ChatTurn> turns, DatasetSample sample) {

  public Chat {
    turns = List.copyOf(turns);
  }

  public static Chat of(DatasetSample sample, String system) {
    return new Chat(system == null || system.isBlank() ? null : system, sample.turns(), sample);
  }

  public boolean hasSystem() {
    return system != null;
  }

  /** The same example with the last turn's text replaced. */
  public Chat withLastContent(String content) {
    List<ChatTurn> cut = new ArrayList<>(turns);
    ChatTurn last = cut.remove(cut.size() - 1);
    cut.add(new ChatTurn(last.role(), content));
    return new Chat(system, cut, sample);
  }
}
