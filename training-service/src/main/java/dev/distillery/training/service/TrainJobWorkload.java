package dev.distillery.training.service;

import dev.distillery.contracts.TrainingState;
import dev.distillery.training.Manifests;
import dev.distillery.training.Training;
import dev.distillery.training.WorkloadKind;
import dev.distillery.training.config.TrainingConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A training job as a Kubeflow Trainer {@code TrainJob} on a {@code ClusterTrainingRuntime}: the runtime brings
 * the JobSet template, the TrainJob the trainer's image, command and GPUs, and overrides the {@code node} pods with
 * the config, datasets and {@code /dev/shm} volumes and the GPU node placement. Read without generated classes,
 * through a {@link ResourceDefinitionContext}, so no Trainer client library is needed.
 */
@ApplicationScoped
public class TrainJobWorkload implements TrainingWorkload {
  static final String API_VERSION = "trainer.kubeflow.org/v1alpha1";
  static final ResourceDefinitionContext TRAIN_JOBS =
      new ResourceDefinitionContext.Builder()
          .withGroup("trainer.kubeflow.org")
          .withVersion("v1alpha1")
          .withKind("TrainJob")
          .withPlural("trainjobs")
          .withNamespaced(true)
          .build();
  /** The replicated job and container of Trainer's runtimes that run the training code. */
  static final String NODE = "node";
  /** JobSet labels every pod it creates with the JobSet's name, which is the TrainJob's. */
  static final String JOBSET_NAME_LABEL = "jobset.sigs.k8s.io/jobset-name";

  @Inject TrainingConfig config;
  @Inject PodParts parts;
  @Inject KubernetesClient client;

  @Override
  public WorkloadKind kind() {
    return WorkloadKind.TRAIN_JOB;
  }

  @Override
  public String container() {
    return NODE;
  }

  @Override
  public Manifests render(Training training, TrainerEngine engine) {
    Map<String, String> files = engine.files(training);
    return new Manifests(
        Serialization.asYaml(trainJob(training, engine)),
        Serialization.asYaml(parts.configMap(training, files)),
        files);
  }

  GenericKubernetesResource trainJob(Training training, TrainerEngine engine) {
    Map<String, Object> runtimeRef = new LinkedHashMap<>();
    runtimeRef.put("name", config.trainJob().runtime());
    runtimeRef.put("apiGroup", "trainer.kubeflow.org");
    runtimeRef.put("kind", "ClusterTrainingRuntime");

    Map<String, Object> trainer = new LinkedHashMap<>();
    trainer.put("image", engine.image());
    trainer.put("command", engine.command(PodParts.CONFIG_DIR));
    trainer.put("env", asMaps(parts.env()));
    trainer.put("numNodes", 1);
    trainer.put("resourcesPerNode", asMap(parts.resources()));

    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", NODE);
    container.put("volumeMounts", asMaps(parts.mounts()));
    Map<String, Object> podSpec = new LinkedHashMap<>();
    podSpec.put("nodeSelector", parts.nodeSelector());
    podSpec.put("tolerations", asMaps(parts.tolerations()));
    podSpec.put("volumes", asMaps(parts.volumes(training)));
    podSpec.put("containers", List.of(container));
    Map<String, Object> override = new LinkedHashMap<>();
    override.put("targetJobs", List.of(Map.of("name", NODE)));
    override.put("spec", podSpec);

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("runtimeRef", runtimeRef);
    spec.put("trainer", trainer);
    spec.put("podTemplateOverrides", List.of(override));
    spec.put("activeDeadlineSeconds", config.job().activeDeadline().toSeconds());

    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind("TrainJob")
        .withNewMetadata()
        .withName(training.workloadName())
        .withNamespace(training.namespace())
        .withLabels(PodParts.labels(training))
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }

  @Override
  public void submit(Training training) {
    GenericKubernetesResource trainJob =
        Serialization.unmarshal(training.manifests().workload(), GenericKubernetesResource.class);
    GenericKubernetesResource created;
    try {
      created = client.genericKubernetesResources(TRAIN_JOBS).inNamespace(training.namespace()).resource(trainJob).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      created = trainJobs(training).get();
    }
    ConfigMap configMap = Serialization.unmarshal(training.manifests().configMap(), ConfigMap.class);
    JobWorkload.ownedBy(configMap, created);
    JobWorkload.createOrGet(client, configMap);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<WorkloadObservation> observe(Training training) {
    GenericKubernetesResource trainJob = trainJobs(training).get();
    if (trainJob == null) {
      return Optional.empty();
    }
    String name = "TrainJob " + training.workloadName();
    Map<String, Object> status = (Map<String, Object>) trainJob.getAdditionalProperties().get("status");
    if (status == null) {
      return Optional.of(new WorkloadObservation(TrainingState.QUEUED, name + " submitted, waiting for its runtime"));
    }
    for (Map<String, Object> condition : (List<Map<String, Object>>) status.getOrDefault("conditions", List.of())) {
      if (!"True".equals(condition.get("status"))) {
        continue;
      }
      String detail = describe(condition);
      switch (String.valueOf(condition.get("type"))) {
        case "Failed" -> {
          return Optional.of(new WorkloadObservation(TrainingState.FAILED, name + " failed: " + detail));
        }
        case "Complete" -> {
          return Optional.of(new WorkloadObservation(TrainingState.SUCCEEDED, name + " completed"));
        }
        case "Suspended" -> {
          return Optional.of(new WorkloadObservation(TrainingState.QUEUED, name + " is suspended: " + detail));
        }
        default -> {
          // Created and conditions of later Trainer versions say nothing about running or ending
        }
      }
    }
    for (Map<String, Object> job : (List<Map<String, Object>>) status.getOrDefault("jobsStatus", List.of())) {
      if (job.get("ready") instanceof Number ready && ready.intValue() > 0) {
        return Optional.of(new WorkloadObservation(TrainingState.RUNNING, "training in " + name));
      }
    }
    return Optional.of(new WorkloadObservation(TrainingState.QUEUED, name + " submitted, waiting for its pods to start"));
  }

  private static String describe(Map<String, Object> condition) {
    Object reason = condition.get("reason");
    Object message = condition.get("message");
    return (reason == null ? "" : reason + ": ") + (message == null ? "" : message);
  }

  @Override
  public void cancel(Training training) {
    trainJobs(training).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
  }

  @Override
  public Map<String, String> podSelector(Training training) {
    return Map.of(JOBSET_NAME_LABEL, training.workloadName());
  }

  private io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> trainJobs(Training training) {
    return client.genericKubernetesResources(TRAIN_JOBS).inNamespace(training.namespace()).withName(training.workloadName());
  }

  private static Map<String, Object> asMap(Object value) {
    return Serialization.jsonMapper().convertValue(value, Map.class);
  }

  private static List<Map<String, Object>> asMaps(List<?> values) {
    return values.stream().map(TrainJobWorkload::asMap).toList();
  }
}
