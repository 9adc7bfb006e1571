package dev.distillery.training.config;

import dev.distillery.training.DatasetFormat;
import dev.distillery.training.Engine;
import dev.distillery.training.WorkloadKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a QLoRA fine-tune of an exported dataset looks like, which trainer runs it, and where. */
@ConfigMapping(prefix = "training")
public interface TrainingConfig {

  /**
   * Submit the rendered workloads to the cluster. When false, or when the service finds no cluster (no API server
   * URL, no kubeconfig, not in a pod), jobs are rendered and stored only and say so in their status (dry run).
   */
  @WithDefault("true")
  boolean submit();

  /** The trainer: {@code AXOLOTL} or {@code LLAMA_FACTORY}. */
  @WithDefault("AXOLOTL")
  Engine engine();

  /** How the job runs on Kubernetes: a plain {@code JOB} or a Kubeflow Trainer {@code TRAIN_JOB}. */
  @WithDefault("JOB")
  WorkloadKind workload();

  /** Which exported files are trained on: {@code OPENAI_CHAT} (the messages JSONL) or {@code ALPACA}. */
  @WithDefault("OPENAI_CHAT")
  DatasetFormat datasetFormat();

  /** The axolotl trainer. */
  Axolotl axolotl();

  /** The LLaMA-Factory trainer. */
  LlamaFactory llamaFactory();

  /** The Kubeflow Trainer TrainJob, when {@link #workload()} is {@code TRAIN_JOB}. */
  TrainJob trainJob();

  /** What a node offers, to refuse jobs that cannot fit before they hold a GPU. */
  Resources resources();

  /** How running jobs are followed. */
  Follow follow();

  /** Hugging Face id (or path on the datasets volume) of the model the adapter is trained on. */
  @WithDefault("Qwen/Qwen2.5-0.5B-Instruct")
  String baseModel();

  /**
   * Chat template axolotl renders the OpenAI {@code messages} with: {@code tokenizer_default} uses the base
   * model's own, or name one of axolotl's (chatml, llama3, ...).
   */
  @WithDefault("tokenizer_default")
  String chatTemplate();

  /** The LoRA adapter. */
  Lora lora();

  /** How the frozen base model is quantised (bitsandbytes). */
  Quantization quantization();

  /** Passes over the training file. */
  @WithDefault("3")
  int epochs();

  /** Peak learning rate of the adapter. */
  @WithDefault("2e-4")
  double learningRate();

  /** Examples per GPU per forward pass. */
  @WithDefault("2")
  int microBatchSize();

  /** Micro-batches summed before each optimiser step: effective batch = micro batch × this × GPUs. */
  @WithDefault("4")
  int gradientAccumulationSteps();

  /** Longest tokenised example, in tokens; longer ones are truncated. */
  @WithDefault("2048")
  int sequenceLen();

  /** Optimiser name as axolotl (transformers) knows it; an 8-bit one keeps optimiser state small. */
  @WithDefault("paged_adamw_8bit")
  String optimizer();

  /** Learning-rate schedule. */
  @WithDefault("cosine")
  String lrScheduler();

  /** Pack several short examples into one sequence (axolotl), so short samples do not train on padding. */
  @WithDefault("true")
  boolean samplePacking();

  /**
   * Share of the training file held out for evaluation when the dataset has no validation split; 0 evaluates
   * nothing.
   */
  @WithDefault("0")
  double valSetSize();

  /** The Kubernetes Job that runs axolotl. */
  Job job();

  /** The volume holding the exported datasets and receiving the trained adapters. */
  Storage storage();

  /** LoRA adapter settings. */
  interface Lora {
    /** Rank of the low-rank update matrices. */
    @WithDefault("16")
    int r();

    /** Scaling of the update (effective scale alpha / r). */
    @WithDefault("32")
    int alpha();

    /** Dropout on the adapter's input during training. */
    @WithDefault("0.05")
    double dropout();

    /** Adapt every linear layer whatever the model calls them; {@link #targetModules()} is then not used. */
    @WithDefault("false")
    boolean targetLinear();

    /** Linear layers that get an adapter (names as in the base model; these are Qwen's and Llama's). */
    @WithDefault("q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj")
    List<String> targetModules();
  }

  /** 4-bit loading of the base model, the "Q" of QLoRA. */
  interface Quantization {
    /** 4-bit data type: {@code nf4} (NormalFloat, what QLoRA uses) or {@code fp4}. */
    @WithDefault("nf4")
    String quantType();

    /** Quantise the quantisation constants too, saving about 0.4 bit per parameter. */
    @WithDefault("true")
    boolean doubleQuant();

    /** Data type the 4-bit weights are de-quantised to for matrix multiplications. */
    @WithDefault("bfloat16")
    String computeDtype();
  }

  /** axolotl settings. */
  interface Axolotl {
    /** Image with axolotl installed, pinned by tag (a moving tag like {@code latest} is refused). */
    @WithDefault("axolotlai/axolotl:0.12.2")
    String image();
  }

  /** LLaMA-Factory settings. */
  interface LlamaFactory {
    /** Image with LLaMA-Factory installed, pinned by tag (a moving tag like {@code latest} is refused). */
    @WithDefault("hiyouga/llamafactory:0.9.3")
    String image();

    /** LLaMA-Factory's chat template for the base model ({@code qwen} for Qwen2.5, {@code llama3}, ...). */
    @WithDefault("qwen")
    String template();
  }

  /** The Kubeflow Trainer TrainJob. */
  interface TrainJob {
    /** The {@code ClusterTrainingRuntime} the TrainJob runs on; its {@code node} container runs the trainer. */
    @WithDefault("torch-distributed")
    String runtime();
  }

  /** GPU capacity of the training nodes. */
  interface Resources {
    /** Memory of one GPU of the training nodes, in GB (24 for an L4, A10 or RTX 4090; 80 for an A100 80GB or H100). */
    @WithDefault("24")
    double gpuMemoryGb();

    /**
     * Parameters of the base model in billions, when its name does not say (e.g. a local path); otherwise read
     * from the name ({@code Qwen2.5-7B-Instruct} → 7).
     */
    Optional<Double> modelParamsBillions();
  }

  /** Following submitted jobs. */
  interface Follow {
    /** How often every open job's workload and trainer log are read. */
    @WithDefault("PT10S")
    Duration interval();

    /** Log lines read from the end of the training pod's log for progress and for {@code GET /trainings/{id}/logs}. */
    @WithDefault("200")
    int logLines();
  }

  /** The workload's placement, resources and lifetime. */
  interface Job {
    /** Namespace the workload and its ConfigMap are created in. */
    @WithDefault("distillery")
    String namespace();

    /** Extended resource name under which the nodes offer GPUs. */
    @WithDefault("nvidia.com/gpu")
    String gpuResource();

    /** GPUs the training pod asks for (limit = request for extended resources). */
    @WithDefault("1")
    int gpuCount();

    /** CPU the pod requests, as a Kubernetes quantity. */
    @WithDefault("4")
    String cpuRequest();

    /** Memory the pod requests, as a Kubernetes quantity; also its limit. */
    @WithDefault("16Gi")
    String memoryRequest();

    /** Size of the in-memory {@code /dev/shm} the data loader workers share tensors through. */
    @WithDefault("8Gi")
    String shmSize();

    /** Labels a node must carry to run the pod, e.g. {@code training.job.node-selector."nvidia.com/gpu.present"=true}. */
    Map<String, String> nodeSelector();

    /**
     * Taints the pod tolerates, each as {@code key[=value]:Effect} (the {@code kubectl taint} notation); a
     * toleration without a value matches the key whatever its value.
     */
    @WithDefault("nvidia.com/gpu:NoSchedule")
    List<String> tolerations();

    /** Retries of a failed pod before the Job counts as failed (a GPU hour is dear: few). */
    @WithDefault("1")
    int backoffLimit();

    /**
     * Trainer exit codes that fail the Job at once, without retries: Python exits 1 on an uncaught exception
     * (an invalid config, a missing file, CUDA out of memory) and 2 on bad arguments; running again gives the same.
     * Pods evicted by preemption or node drain never count as failures.
     */
    @WithDefault("1,2")
    List<Integer> failFastExitCodes();

    /** How long a finished Job (and its pod's logs) stays before Kubernetes deletes it. */
    @WithDefault("P1D")
    Duration ttlAfterFinished();

    /** Longest a Job may run before Kubernetes stops it, so a hung run does not hold a GPU forever. */
    @WithDefault("PT24H")
    Duration activeDeadline();

    /** Secret holding a Hugging Face token, for gated base models; none when unset. */
    Optional<String> hfTokenSecret();

    /** Key of the token inside {@link #hfTokenSecret()}. */
    @WithDefault("token")
    String hfTokenSecretKey();
  }

  /** The shared PersistentVolumeClaim the export-service writes datasets to. */
  interface Storage {
    /** Name of the PersistentVolumeClaim. */
    @WithDefault("distillery-data")
    String pvcName();

    /** Where the claim is mounted in the training pod. */
    @WithDefault("/data")
    String mountPath();

    /**
     * The directory the export-service writes datasets under, as it sees it. Dataset paths below it are
     * rebased onto {@link #mountPath()}; when unset, paths are used as they come (both mount the claim at
     * the same path).
     */
    Optional<String> exportRoot();
  }
}
