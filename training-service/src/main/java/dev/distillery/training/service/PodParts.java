package dev.distillery.training.service;

import dev.distillery.training.Training;
import dev.distillery.training.config.TrainingConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every training pod has, whichever workload runs it: the trainer files from a ConfigMap at {@code /config},
 * the datasets volume, a memory-backed {@code /dev/shm}, one node's GPUs, placement on GPU nodes, and labels that
 * find it again.
 *
 * <p>A startup bean, so that a toleration or an image the service cannot use stops it at boot, not at the first
 * request.
 */
@Startup
@ApplicationScoped
public class PodParts {
  static final String CONFIG_DIR = "/config";
  static final String PART_OF = "distillery";
  static final String TRAINING_ID_LABEL = "distillery.dev/training-id";
  static final String ATTEMPT_LABEL = "distillery.dev/attempt";

  @Inject TrainingConfig config;

  private List<Toleration> tolerations;

  @PostConstruct
  void validate() {
    tolerations = TolerationParser.parse(config.job().tolerations());
    ImageTags.requirePinned("training.axolotl.image", config.axolotl().image());
    ImageTags.requirePinned("training.llama-factory.image", config.llamaFactory().image());
  }

  ConfigMap configMap(Training training, Map<String, String> files) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(training.configMapName())
        .withNamespace(training.namespace())
        .withLabels(labels(training))
        .endMetadata()
        // sorted: the rendered ConfigMap is the same text for the same files
        .withData(new TreeMap<>(files))
        .build();
  }

  ResourceRequirements resources() {
    TrainingConfig.Job settings = config.job();
    Quantity gpus = new Quantity(String.valueOf(settings.gpuCount()));
    Quantity memory = new Quantity(settings.memoryRequest());
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(settings.cpuRequest()))
        .addToRequests("memory", memory)
        .addToRequests(settings.gpuResource(), gpus)
        .addToLimits("memory", memory)
        .addToLimits(settings.gpuResource(), gpus)
        .build();
  }

  List<VolumeMount> mounts() {
    return List.of(
        new VolumeMountBuilder().withName("config").withMountPath(CONFIG_DIR).withReadOnly(true).build(),
        new VolumeMountBuilder().withName("data").withMountPath(mountPath()).build(),
        new VolumeMountBuilder().withName("dshm").withMountPath("/dev/shm").build());
  }

  List<Volume> volumes(Training training) {
    return List.of(
        new VolumeBuilder().withName("config").withNewConfigMap().withName(training.configMapName()).endConfigMap().build(),
        new VolumeBuilder()
            .withName("data")
            .withNewPersistentVolumeClaim()
            .withClaimName(config.storage().pvcName())
            .endPersistentVolumeClaim()
            .build(),
        // the default 64 MB /dev/shm of a container is too small for PyTorch's data loader workers
        new VolumeBuilder()
            .withName("dshm")
            .withNewEmptyDir()
            .withMedium("Memory")
            .withSizeLimit(new Quantity(config.job().shmSize()))
            .endEmptyDir()
            .build());
  }

  List<Toleration> tolerations() {
    return tolerations;
  }

  Map<String, String> nodeSelector() {
    return new TreeMap<>(config.job().nodeSelector());
  }

  /** Base models download once to the volume, and a token for gated ones comes from a Secret, never inline. */
  List<EnvVar> env() {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVarBuilder().withName("HF_HOME").withValue(mountPath() + "/hf-cache").build());
    config.job().hfTokenSecret().ifPresent(
        secret ->
            env.add(
                new EnvVarBuilder()
                    .withName("HF_TOKEN")
                    .withNewValueFrom()
                    .withNewSecretKeyRef()
                    .withName(secret)
                    .withKey(config.job().hfTokenSecretKey())
                    .endSecretKeyRef()
                    .endValueFrom()
                    .build()));
    return env;
  }

  static Map<String, String> labels(Training training) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", training.engine().name().toLowerCase().replace('_', '-'));
    labels.put("app.kubernetes.io/component", "training");
    labels.put("app.kubernetes.io/part-of", PART_OF);
    labels.put("app.kubernetes.io/managed-by", "training-service");
    labels.put("distillery.dev/run-id", training.runId());
    labels.put(TRAINING_ID_LABEL, training.id());
    labels.put("distillery.dev/dataset-id", training.datasetId());
    labels.put(ATTEMPT_LABEL, String.valueOf(training.attempt()));
    return labels;
  }

  private String mountPath() {
    return TrainingPlanner.withoutTrailingSlash(config.storage().mountPath());
  }
}
