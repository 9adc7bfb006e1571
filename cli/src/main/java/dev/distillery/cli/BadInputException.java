package dev.distillery.cli;

/** The user's input cannot work (no such folder, no papers in it); the message names the input and the reason. */
final class BadInputException extends RuntimeException {

  BadInputException(String message) {
    super(message);
  }
}
