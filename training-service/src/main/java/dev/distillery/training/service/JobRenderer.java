package dev.distillery.training.service;

import dev.distillery.training.Manifests;
import dev.distillery.training.Training;
import dev.distillery.training.config.TrainingConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the Kubernetes objects of a training job: a ConfigMap with the axolotl config and a {@code batch/v1}
 * Job that mounts it and the datasets volume and trains on one GPU node. Nothing is submitted here.
 *
 * <p>A startup bean, so that a toleration the service cannot read stops it at boot, not at the first request.
 */
@Startup
@ApplicationScoped
public class JobRenderer {
  static final String CONTAINER = "axolotl";
  static final String CONFIG_KEY = "axolotl.yaml";
  static final String CONFIG_DIR = "/config";
  static final String PART_OF = "distillery";

  @Inject TrainingConfig config;

  private List<Toleration> tolerations;

  @PostConstruct
  void readTolerations() {
    tolerations = TolerationParser.parse(config.job().tolerations());
  }

  public Manifests render(Training training, String axolotlConfig) {
    ConfigMap configMap = configMap(training, axolotlConfig);
    Job job = job(training, configMap.getMetadata().getName());
    return new Manifests(Serialization.asYaml(job), Serialization.asYaml(configMap), axolotlConfig);
  }

  ConfigMap configMap(Training training, String axolotlConfig) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(training.jobName() + "-config")
        .withNamespace(training.namespace())
        .withLabels(labels(training))
        .endMetadata()
        .addToData(CONFIG_KEY, axolotlConfig)
        .build();
  }

  Job job(Training training, String configMapName) {
    TrainingConfig.Job settings = config.job();
    String mountPath = TrainingPlanner.withoutTrailingSlash(config.storage().mountPath());
    Map<String, String> labels = labels(training);
    Quantity gpus = new Quantity(String.valueOf(settings.gpuCount()));
    Quantity memory = new Quantity(settings.memoryRequest());
    return new JobBuilder()
        .withNewMetadata()
        .withName(training.jobName())
        .withNamespace(training.namespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(settings.backoffLimit())
        .withTtlSecondsAfterFinished(Math.toIntExact(settings.ttlAfterFinished().toSeconds()))
        .withActiveDeadlineSeconds(settings.activeDeadline().toSeconds())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withNodeSelector(new LinkedHashMap<>(settings.nodeSelector()))
        .withTolerations(tolerations)
        .addNewContainer()
        .withName(CONTAINER)
        .withImage(settings.image())
        .withCommand("axolotl", "train", CONFIG_DIR + "/" + CONFIG_KEY)
        .withEnv(env(mountPath))
        .withNewResources()
        .addToRequests("cpu", new Quantity(settings.cpuRequest()))
        .addToRequests("memory", memory)
        .addToRequests(settings.gpuResource(), gpus)
        .addToLimits("memory", memory)
        .addToLimits(settings.gpuResource(), gpus)
        .endResources()
        .addNewVolumeMount()
        .withName("config")
        .withMountPath(CONFIG_DIR)
        .withReadOnly(true)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("data")
        .withMountPath(mountPath)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("dshm")
        .withMountPath("/dev/shm")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("config")
        .withNewConfigMap()
        .withName(configMapName)
        .endConfigMap()
        .endVolume()
        .addNewVolume()
        .withName("data")
        .withNewPersistentVolumeClaim()
        .withClaimName(config.storage().pvcName())
        .endPersistentVolumeClaim()
        .endVolume()
        .addNewVolume()
        .withName("dshm")
        .withNewEmptyDir()
        .withMedium("Memory")
        .withSizeLimit(new Quantity(settings.shmSize()))
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** Base models download once to the volume, and a token for gated ones comes from a Secret, never inline. */
  private List<EnvVar> env(String mountPath) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVarBuilder().withName("HF_HOME").withValue(mountPath + "/hf-cache").build());
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

  private static Map<String, String> labels(Training training) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", CONTAINER);
    labels.put("app.kubernetes.io/component", "training");
    labels.put("app.kubernetes.io/part-of", PART_OF);
    labels.put("app.kubernetes.io/managed-by", "training-service");
    labels.put("distillery.dev/run-id", training.runId());
    labels.put("distillery.dev/training-id", training.id());
    labels.put("distillery.dev/dataset-id", training.datasetId());
    return labels;
  }
}
