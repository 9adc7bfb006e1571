package dev.distillery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code distillery} command; each verb is a subcommand class of its own. */
@Command(
    name = "distillery",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Turns research papers into instruction-tuning datasets.",
    subcommands = {RunCommand.class, CheckCommand.class, DatasetCommand.class, HelpCommand.class})
final class DistilleryCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: try 'distillery run [FOLDER]'");
  }
}
