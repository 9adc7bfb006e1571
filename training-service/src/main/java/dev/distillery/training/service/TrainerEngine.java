package dev.distillery.training.service;

import dev.distillery.training.Engine;
import dev.distillery.training.Training;
import java.util.List;
import java.util.Map;

/** A trainer: the files that configure it and the command that runs them, from a mounted config directory. */
public interface TrainerEngine {
  Engine engine();

  /** The trainer's image, pinned by tag. */
  String image();

  /** The files of the config directory, by name; the first is the main config. */
  Map<String, String> files(Training training);

  List<String> command(String configDir);
}
