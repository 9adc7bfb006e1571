package dev.distillery.generation.service.openai;

/** A model's answer that is not the JSON sample it was asked for; the message says what is wrong with it. */
public class UnparseableAnswerException extends RuntimeException {
  public UnparseableAnswerException(String message) {
    super(message);
  }
}
