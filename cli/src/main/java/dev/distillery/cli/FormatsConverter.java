package dev.distillery.cli;

import dev.distillery.contracts.ExportFormat;
import dev.distillery.export.format.FormatNames;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --formats openai,bedrock,hf} or {@code --formats all}: export formats by the names users know them by, as
 * the export-service reads them ({@link FormatNames}).
 */
final class FormatsConverter implements ITypeConverter<List<ExportFormat>> {
  @Override
  public List<ExportFormat> convert(String value) {
    try {
      return FormatNames.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
