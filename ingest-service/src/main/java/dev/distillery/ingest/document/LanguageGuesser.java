package dev.distillery.ingest.document;

import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import dev.distillery.ingest.document.DocumentText.Block;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The language of a document's prose, from a sample of at most {@value #SAMPLE_CHARS} characters of its paragraphs:
 * code, tables and math are left out, because identifiers and formulas make any text look English. Cheap: the
 * profiles are loaded once, and a sample costs about a millisecond.
 */
final class LanguageGuesser {
  private static final int SAMPLE_CHARS = 2_000;
  private static final LanguageDetector DETECTOR;
  private static final TextObjectFactory TEXT = CommonTextObjectFactories.forDetectingOnLargeText();

  static {
    try {
      DETECTOR = LanguageDetectorBuilder.create(NgramExtractors.standard())
          .withProfiles(new LanguageProfileReader().readAllBuiltIn())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("the language profiles shipped with language-detector cannot be read", e);
    }
  }

  private LanguageGuesser() {}

  /** ISO 639-1 code, or null when the sample is too short or too mixed to tell. */
  static String guess(DocumentText document) {
    StringBuilder sample = new StringBuilder();
    for (Block block : document.blocks()) {
      if (block.kind() == Block.Kind.PARAGRAPH || block.kind() == Block.Kind.LIST_ITEM
          || block.kind() == Block.Kind.HEADING) {
        sample.append(document.text(), block.start(), Math.min(block.end(), block.start() + SAMPLE_CHARS)).append('\n');
        if (sample.length() >= SAMPLE_CHARS) {
          break;
        }
      }
    }
    if (sample.toString().isBlank()) {
      return null;
    }
    return DETECTOR.detect(TEXT.forText(sample)).transform(LdLocale::getLanguage).orNull();
  }
}
