package dev.distillery.export.rest;

import dev.distillery.contracts.SampleOrigin;
import dev.distillery.contracts.TaskType;
import dev.distillery.export.dataset.Manifest;
import dev.distillery.export.dataset.Split;
import dev.distillery.export.dataset.SplitOptions;
import dev.distillery.export.format.FormatNames;
import dev.distillery.export.service.DatasetToolsService;
import dev.distillery.export.tools.Analysis;
import dev.distillery.export.tools.DatasetTools;
import dev.distillery.export.tools.SampleFilter;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dataset tools over a run's last export (see {@code distillery dataset} for the same on any folder). Filter,
 * convert and merge write a new dataset folder and answer where it is and what it holds. Blocking: these run on
 * worker threads.
 */
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetToolsResource {
  static final int MAX_PREVIEW = 1_000;

  @Inject DatasetToolsService tools;

  /** What a derived dataset holds. */
  public record DerivedDataset(
      String datasetId, String location, int removed, Manifest.Derivation derivedFrom, Manifest.Counts counts,
      List<Manifest.FileEntry> files, List<Manifest.LeftOut> leftOut, List<String> warnings) {

    static DerivedDataset of(DatasetTools.Derived derived) {
      Manifest m = derived.manifest();
      return new DerivedDataset(m.datasetId(), derived.location().toString(), derived.removed(), m.derivedFrom(),
          m.counts(), m.files(), m.leftOut(), m.warnings());
    }
  }

  @GET
  @Path("{runId}/analyze")
  public Analysis analyze(@PathParam("runId") UUID runId) throws IOException {
    return tools.analyze(runId.toString());
  }

  /** The first {@code n} examples (at most 1,000), of one split when {@code split} is given. */
  @GET
  @Path("{runId}/preview")
  public List<DatasetTools.Preview> preview(
      @PathParam("runId") UUID runId, @QueryParam("n") @DefaultValue("5") int n, @QueryParam("split") String split)
      throws IOException {
    if (n < 0 || n > MAX_PREVIEW) {
      throw new IllegalArgumentException("n must be between 0 and " + MAX_PREVIEW + ", was " + n);
    }
    return tools.preview(runId.toString(), n, split == null ? null : Split.ofLabel(split));
  }

  @POST
  @Path("{runId}/filter")
  public DerivedDataset filter(
      @PathParam("runId") UUID runId,
      @QueryParam("minScore") Double minScore,
      @QueryParam("maxScore") Double maxScore,
      @QueryParam("minTokens") Integer minTokens,
      @QueryParam("maxTokens") Integer maxTokens,
      @QueryParam("minOutputChars") Integer minOutputChars,
      @QueryParam("maxOutputChars") Integer maxOutputChars,
      @QueryParam("taskType") List<String> taskTypes,
      @QueryParam("source") List<String> sources,
      @QueryParam("origin") List<String> origins,
      @QueryParam("formats") String formats) throws IOException {
    SampleFilter filter = new SampleFilter(minScore, maxScore, minTokens, maxTokens, minOutputChars, maxOutputChars,
        enums(taskTypes, TaskType::valueOf, "task type", TaskType.values()), Set.copyOf(sources),
        enums(origins, SampleOrigin::valueOf, "origin", SampleOrigin.values()));
    return DerivedDataset.of(tools.filter(runId.toString(), filter, formats == null ? null : FormatNames.parse(formats)));
  }

  /** The run's dataset in other formats, same examples and splits. */
  @POST
  @Path("{runId}/convert")
  public DerivedDataset convert(@PathParam("runId") UUID runId, @QueryParam("formats") String formats)
      throws IOException {
    if (formats == null) {
      throw new IllegalArgumentException("formats is required, e.g. formats=bedrock,vertex");
    }
    return DerivedDataset.of(tools.convert(runId.toString(), FormatNames.parse(formats)));
  }

  /** Several runs' datasets as one, duplicates left out, split afresh. */
  @POST
  @Path("merge")
  public DerivedDataset merge(
      @QueryParam("runId") List<UUID> runIds,
      @QueryParam("validationShare") @DefaultValue("0.1") double validationShare,
      @QueryParam("testShare") @DefaultValue("0") double testShare,
      @QueryParam("seed") @DefaultValue("42") long seed,
      @QueryParam("strategy") @DefaultValue("PAPER") String strategy,
      @QueryParam("formats") String formats) throws IOException {
    SplitOptions split = new SplitOptions(
        enums(List.of(strategy), SplitOptions.Strategy::valueOf, "strategy", SplitOptions.Strategy.values())
            .iterator().next(), seed, validationShare, testShare);
    return DerivedDataset.of(tools.merge(runIds.stream().map(UUID::toString).toList(), split,
        formats == null ? null : FormatNames.parse(formats)));
  }

  private static <E extends Enum<E>> Set<E> enums(
      List<String> names, Function<String, E> parse, String what, E[] known) {
    return names.stream().map(name -> {
      try {
        return parse.apply(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; known: "
            + Arrays.stream(known).map(Enum::name).collect(Collectors.joining(", ")), e);
      }
    }).collect(Collectors.toSet());
  }
}
