package dev.distillery.cli;

import dev.distillery.cli.client.IngestException;
import dev.distillery.cli.stack.StackException;
import picocli.CommandLine;

/** Entry point of the {@code distillery} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with Distillery's error handling: expected failures print one message, not a stack trace. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new DistilleryCommand());
    commandLine.setParameterExceptionHandler((exception, args) -> {
      CommandLine cmd = exception.getCommandLine();
      cmd.getErr().println("distillery: " + exception.getMessage());
      cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      return ExitCodes.BAD_INPUT;
    });
    commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
      if (exception instanceof BadInputException) {
        cmd.getErr().println("distillery: " + exception.getMessage());
        return ExitCodes.BAD_INPUT;
      }
      if (exception instanceof StackException
          || exception instanceof IngestException
          || exception instanceof RunFailedException) {
        cmd.getErr().println("distillery: " + exception.getMessage());
        return ExitCodes.FAILED;
      }
      throw exception;
    });
    return commandLine;
  }
}
