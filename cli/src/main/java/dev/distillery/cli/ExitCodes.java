package dev.distillery.cli;

/** What the {@code distillery} command returns to the shell. */
public final class ExitCodes {
  public static final int OK = 0;
  /** The run did not finish: a part of the stack failed, a service refused, or the timeout passed. */
  public static final int FAILED = 1;
  /** The command line or its input (a folder, a value) is wrong; nothing was started. */
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}
}
