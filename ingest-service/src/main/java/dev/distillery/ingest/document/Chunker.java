package dev.distillery.ingest.document;

import com.knuddels.jtokkit.api.Encoding;
import dev.distillery.ingest.document.DocumentText.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a run of blocks into chunks of at most {@code maxTokens} tokens. Whole blocks first; a block too long for one
 * chunk is cut between sentences (between lines for code, tables and math), a sentence too long between words, and a
 * word too long — a base64 blob, a minified line — at the last character that still fits. Every chunk after the first
 * starts with up to {@code overlapTokens} tokens of the text before it, from a word start, so no idea is cut in two
 * without context. Token counts are exact (the chunk's own text counted), never estimates.
 */
final class Chunker {
  private final Encoding encoding;
  private final int maxTokens;
  private final int overlapTokens;

  /** A piece of text the chunker keeps whole; {@code anchor} marks where the chunk's new text begins. */
  record Span(int start, int end, int anchor, int tokens) {}

  Chunker(Encoding encoding, int maxTokens, int overlapTokens) {
    if (maxTokens < 16) {
      throw new IllegalArgumentException("maxTokens must be at least 16, was " + maxTokens);
    }
    if (overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
      throw new IllegalArgumentException(
          "overlapTokens must be between 0 and half of maxTokens (" + maxTokens / 2 + "), was " + overlapTokens);
    }
    this.encoding = encoding;
    this.maxTokens = maxTokens;
    this.overlapTokens = overlapTokens;
  }

  int count(String text, int start, int end) {
    return encoding.countTokensOrdinary(text.substring(start, end));
  }

  List<Span> chunk(String text, List<Block> blocks) {
    List<Span> units = new ArrayList<>();
    for (Block block : blocks) {
      split(text, block.start(), block.end(), block.kind().lineOriented() ? Level.LINES : Level.SENTENCES, units);
    }
    List<Span> chunks = new ArrayList<>();
    int i = 0;
    int chunkStart = units.isEmpty() ? 0 : units.get(0).start();
    while (i < units.size()) {
      Span first = units.get(i);
      int last = i;
      long estimate = count(text, chunkStart, first.start()) + first.tokens();
      while (last + 1 < units.size() && estimate + units.get(last + 1).tokens() + 1 <= maxTokens) {
        last++;
        estimate += units.get(last).tokens() + 1;
      }
      int tokens = count(text, chunkStart, units.get(last).end());
      while (tokens > maxTokens && last > i) {
        last--;
        tokens = count(text, chunkStart, units.get(last).end());
      }
      if (tokens > maxTokens) {
        chunkStart = first.start();
        tokens = first.tokens();
      }
      int end = units.get(last).end();
      chunks.add(new Span(chunkStart, end, first.start(), tokens));
      i = last + 1;
      if (i < units.size()) {
        chunkStart = overlapStart(text, chunkStart, end, units.get(i).start());
      }
    }
    return chunks;
  }

  /** The earliest word start in the previous chunk from which its tail is at most overlapTokens long. */
  private int overlapStart(String text, int previousStart, int previousEnd, int next) {
    if (overlapTokens == 0) {
      return next;
    }
    int windowStart = Math.max(previousStart, previousEnd - overlapTokens * 12);
    List<Integer> starts = new ArrayList<>();
    for (int p = windowStart; p < previousEnd; p++) {
      if (p > previousStart && !Character.isWhitespace(text.charAt(p)) && Character.isWhitespace(text.charAt(p - 1))) {
        starts.add(p);
      }
    }
    int low = 0;
    int high = starts.size() - 1;
    int best = next;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (count(text, starts.get(mid), previousEnd) <= overlapTokens) {
        best = starts.get(mid);
        high = mid - 1;
      } else {
        low = mid + 1;
      }
    }
    return best;
  }

  private enum Level {
    LINES,
    SENTENCES,
    WORDS,
    CHARACTERS
  }

  private void split(String text, int start, int end, Level level, List<Span> out) {
    int tokens = count(text, start, end);
    if (tokens <= maxTokens) {
      out.add(new Span(start, end, start, tokens));
      return;
    }
    if (level == Level.CHARACTERS) {
      hardSplit(text, start, end, out);
      return;
    }
    List<int[]> pieces = switch (level) {
      case LINES -> Boundaries.lines(text, start, end);
      case SENTENCES -> Boundaries.sentences(text, start, end);
      default -> Boundaries.words(text, start, end);
    };
    Level finer = level == Level.WORDS ? Level.CHARACTERS : Level.WORDS;
    if (pieces.size() <= 1) {
      split(text, start, end, finer, out);
      return;
    }
    for (int[] piece : pieces) {
      split(text, piece[0], piece[1], finer, out);
    }
  }

  /** Longest prefixes that fit, found by bisection on the character count. */
  private void hardSplit(String text, int start, int end, List<Span> out) {
    int s = start;
    while (s < end) {
      int low = s + 1;
      int high = end;
      int fit = s + 1;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        if (count(text, s, mid) <= maxTokens) {
          fit = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      if (fit < end && Character.isLowSurrogate(text.charAt(fit)) && fit - 1 > s) {
        fit--;
      }
      out.add(new Span(s, fit, s, count(text, s, fit)));
      s = fit;
    }
  }
}
