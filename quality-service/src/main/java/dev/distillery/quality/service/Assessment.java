package dev.distillery.quality.service;

import dev.distillery.contracts.Verdict;
import java.util.List;
import java.util.Map;

/** What the rules made of one sample. */
public record Assessment(Verdict verdict, double score, Map<String, Double> scores, List<String> reasons) {}
