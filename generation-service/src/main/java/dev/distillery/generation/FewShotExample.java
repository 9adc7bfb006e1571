package dev.distillery.generation;

/** A sample a teacher model wrote, shown to a student model as an example of the task. */
public record FewShotExample(String instruction, String input, String output) {}
