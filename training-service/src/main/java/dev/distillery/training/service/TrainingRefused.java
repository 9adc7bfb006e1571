package dev.distillery.training.service;

/** A request about a training job that cannot be done, with the HTTP status that says why. */
public class TrainingRefused extends RuntimeException {
  private final int status;

  public TrainingRefused(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
