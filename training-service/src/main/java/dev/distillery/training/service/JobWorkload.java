package dev.distillery.training.service;

import dev.distillery.contracts.TrainingState;
import dev.distillery.training.Manifests;
import dev.distillery.training.Training;
import dev.distillery.training.WorkloadKind;
import dev.distillery.training.config.TrainingConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A training job as a plain {@code batch/v1} Job: one pod on one GPU node. */
@ApplicationScoped
public class JobWorkload implements TrainingWorkload {
  static final String CONTAINER = "trainer";

  @Inject TrainingConfig config;
  @Inject PodParts parts;
  @Inject KubernetesClient client;

  @Override
  public WorkloadKind kind() {
    return WorkloadKind.JOB;
  }

  @Override
  public String container() {
    return CONTAINER;
  }

  @Override
  public Manifests render(Training training, TrainerEngine engine) {
    Map<String, String> files = engine.files(training);
    return new Manifests(
        Serialization.asYaml(job(training, engine)), Serialization.asYaml(parts.configMap(training, files)), files);
  }

  Job job(Training training, TrainerEngine engine) {
    TrainingConfig.Job settings = config.job();
    Map<String, String> labels = PodParts.labels(training);
    return new JobBuilder()
        .withNewMetadata()
        .withName(training.workloadName())
        .withNamespace(training.namespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(settings.backoffLimit())
        .withNewPodFailurePolicy()
        .withRules(failurePolicy(settings))
        .endPodFailurePolicy()
        .withTtlSecondsAfterFinished(Math.toIntExact(settings.ttlAfterFinished().toSeconds()))
        .withActiveDeadlineSeconds(settings.activeDeadline().toSeconds())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withNodeSelector(parts.nodeSelector())
        .withTolerations(parts.tolerations())
        .addNewContainer()
        .withName(CONTAINER)
        .withImage(engine.image())
        .withCommand(engine.command(PodParts.CONFIG_DIR))
        .withEnv(parts.env())
        .withResources(parts.resources())
        .withVolumeMounts(parts.mounts())
        .endContainer()
        .withVolumes(parts.volumes(training))
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * A trainer that exits with a config error fails the Job at once (another pod would fail the same way); a pod
   * evicted by preemption or a node drain is replaced without counting against {@code backoffLimit}.
   */
  private static List<PodFailurePolicyRule> failurePolicy(TrainingConfig.Job settings) {
    return List.of(
        new PodFailurePolicyRuleBuilder()
            .withAction("FailJob")
            .withNewOnExitCodes()
            .withContainerName(CONTAINER)
            .withOperator("In")
            .withValues(settings.failFastExitCodes())
            .endOnExitCodes()
            .build(),
        new PodFailurePolicyRuleBuilder()
            .withAction("Ignore")
            .addNewOnPodCondition()
            .withType("DisruptionTarget")
            .withStatus("True")
            .endOnPodCondition()
            .build());
  }

  @Override
  public void submit(Training training) {
    KubernetesClient kubernetes = client;
    Job job = Serialization.unmarshal(training.manifests().workload(), Job.class);
    Job created = createOrGet(kubernetes, job);
    ConfigMap configMap = Serialization.unmarshal(training.manifests().configMap(), ConfigMap.class);
    ownedBy(configMap, created);
    createOrGet(kubernetes, configMap);
  }

  /**
   * The ConfigMap goes when its Job goes; the Job's pod waits for the volume until the ConfigMap exists. No
   * {@code blockOwnerDeletion}: where admission enforces it, setting it needs update rights on the owner's
   * finalizers, and nothing waits on a ConfigMap's deletion.
   */
  static void ownedBy(HasMetadata owned, HasMetadata owner) {
    owned
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion(owner.getApiVersion())
                    .withKind(owner.getKind())
                    .withName(owner.getMetadata().getName())
                    .withUid(owner.getMetadata().getUid())
                    .withController(true)
                    .build()));
  }

  static <T extends HasMetadata> T createOrGet(KubernetesClient kubernetes, T resource) {
    try {
      return kubernetes.resource(resource).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return kubernetes.resource(resource).get();
      }
      throw e;
    }
  }

  @Override
  public Optional<WorkloadObservation> observe(Training training) {
    Job job =
        client.batch().v1().jobs().inNamespace(training.namespace()).withName(training.workloadName()).get();
    if (job == null) {
      return Optional.empty();
    }
    JobStatus status = job.getStatus();
    String name = "Job " + training.workloadName();
    if (status != null && status.getConditions() != null) {
      for (JobCondition condition : status.getConditions()) {
        if (!"True".equals(condition.getStatus())) {
          continue;
        }
        if ("Failed".equals(condition.getType())) {
          return Optional.of(new WorkloadObservation(TrainingState.FAILED, name + " failed: " + describe(condition)));
        }
        if ("Complete".equals(condition.getType())) {
          return Optional.of(new WorkloadObservation(TrainingState.SUCCEEDED, name + " completed"));
        }
      }
    }
    if (status != null && status.getReady() != null && status.getReady() > 0) {
      return Optional.of(new WorkloadObservation(TrainingState.RUNNING, "training in " + name));
    }
    return Optional.of(new WorkloadObservation(TrainingState.QUEUED, waiting(training, name)));
  }

  /** Why the pod has not started, as the scheduler put it (e.g. no node with a free GPU). */
  private String waiting(Training training, String name) {
    List<Pod> pods =
        client.pods().inNamespace(training.namespace()).withLabels(podSelector(training)).list().getItems();
    for (Pod pod : pods) {
      if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
        continue;
      }
      for (PodCondition condition : pod.getStatus().getConditions()) {
        if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
          return name + " waits for a node: " + condition.getMessage();
        }
      }
    }
    return name + " submitted, waiting for its pod to start";
  }

  private static String describe(JobCondition condition) {
    String reason = condition.getReason() == null ? "" : condition.getReason();
    String message = condition.getMessage() == null ? "" : condition.getMessage();
    return reason.isEmpty() ? message : message.isEmpty() ? reason : reason + ": " + message;
  }

  @Override
  public void cancel(Training training) {
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(training.namespace())
        .withName(training.workloadName())
        .withPropagationPolicy(DeletionPropagation.FOREGROUND)
        .delete();
  }

  @Override
  public Map<String, String> podSelector(Training training) {
    // sorted: the same selector text on every call
    return new TreeMap<>(
        Map.of(PodParts.TRAINING_ID_LABEL, training.id(), PodParts.ATTEMPT_LABEL, String.valueOf(training.attempt())));
  }
}
