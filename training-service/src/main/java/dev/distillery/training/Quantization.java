package dev.distillery.training;

/** How the frozen base model is loaded: 4-bit bitsandbytes for QLoRA. */
public record Quantization(boolean loadIn4bit, String quantType, boolean doubleQuant, String computeDtype) {}
