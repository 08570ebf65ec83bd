// src/master/cli/run_command.cc — `autocomp run`: MPI start-up, master and worker roles.
//
// Every rank runs this. Rank 0 resolves the config (a file, or the one
// stored in the run file with --resume) and broadcasts it, so every rank
// works from the same settings; then all ranks learn their node placement;
// then rank 0 runs the master and the others the worker loop. With one
// rank the master evaluates in-process.
#include <mpi.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <spdlog/spdlog.h>

#include "common/exit_codes.h"
#include "common/logging.h"
#include "common/run_store.h"
#include "common/utc_time.h"
#include "master/cli/commands.h"
#include "master/component_options.h"
#include "master/llm/api_keys.h"
#include "master/problem_selection.h"
#include "master/progress/progress_reporter.h"
#include "master/prompt/prompt_material.h"
#include "master/proposer/delayed_proposer.h"
#include "master/proposer/llm_proposer.h"
#include "master/proposer/offline_proposer.h"
#include "master/report/report.h"
#include "master/run_loop.h"
#include "master/scheduler/in_process_scheduler.h"
#include "master/scheduler/mpi_scheduler.h"
#include "worker/evaluator_setup.h"
#include "worker/worker_loop.h"

#ifndef AUTOCOMP_VERSION
#define AUTOCOMP_VERSION "0.0.0"
#endif

namespace autocomp {

namespace fs = std::filesystem;

namespace {

volatile std::sig_atomic_t g_stop = 0;
bool g_workers_lost = false;  // a lost rank may never reach MPI_Finalize: end the job with MPI_Abort
void OnStopSignal(int) { g_stop = 1; }

// Whether a person is watching stdout. Open MPI gives each rank a pty even
// when mpirun's own output goes to a file, so under Open MPI the answer is
// taken from the launching process's stdout (our parent: mpirun or orted).
bool StdoutIsTerminal() {
  if (!isatty(STDOUT_FILENO)) return false;
  if (!std::getenv("OMPI_COMM_WORLD_SIZE")) return true;
  char target[256] = {0};
  const std::string link = "/proc/" + std::to_string(getppid()) + "/fd/1";
  ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
  if (n <= 0) return true;  // cannot tell: trust our own stdout
  const std::string where(target, static_cast<size_t>(n));
  return where.rfind("/dev/pts/", 0) == 0 || where.rfind("/dev/tty", 0) == 0;
}

double ProcessCpuSeconds() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

struct Resolved {
  Config config;
  std::string run_file;
  bool resume = false;
  std::string replay_from;                          // --replay: the run whose responses answer
  std::map<std::string, std::string> replay_cache;  // its recorded completions
};

// Rank 0: which config, which run file.
Result<Resolved> Resolve(const RunArgs& args) {
  Resolved r;
  if (!args.resume.empty()) {
    r.resume = true;
    r.run_file = args.resume;
    if (!args.out.empty() && args.out != args.resume) {
      return InvalidArgumentError("--out and --resume name different files; a resumed run stays in " + args.resume);
    }
    AUTOCOMP_ASSIGN_OR_RETURN(RunState stored, LoadRun(args.resume));
    AUTOCOMP_ASSIGN_OR_RETURN(r.config, ParseConfig(stored.info.config, args.resume + " (stored config)"));
    if (!args.config.empty()) {
      AUTOCOMP_ASSIGN_OR_RETURN(Config given, LoadConfigFile(args.config));
      nlohmann::json a = given.raw, b = stored.info.config;
      a.erase("output");
      b.erase("output");
      if (a != b) {
        return InvalidArgumentError(args.config + " differs from the config stored in " + args.resume +
                                    "; a resumed run keeps its config (omit CONFIG, or start a new run)");
      }
    }
    return r;
  }
  if (!args.replay.empty()) {
    if (args.out.empty()) return InvalidArgumentError("--replay needs --out NEW.h5 for the new run");
    AUTOCOMP_ASSIGN_OR_RETURN(RunState old, LoadRun(args.replay));
    if (args.config.empty()) {
      AUTOCOMP_ASSIGN_OR_RETURN(r.config, ParseConfig(old.info.config, args.replay + " (stored config)"));
    } else {
      AUTOCOMP_ASSIGN_OR_RETURN(r.config, LoadConfigFile(args.config));
    }
    if (r.config.offline()) return InvalidArgumentError(args.replay + " was not an LLM run; there is nothing to replay");
    r.replay_from = args.replay;
    r.replay_cache = old.llm_cache;
    r.run_file = args.out;
    return r;
  }
  if (args.config.empty()) return InvalidArgumentError("run needs a CONFIG file (or --resume RUN.h5)");
  AUTOCOMP_ASSIGN_OR_RETURN(r.config, LoadConfigFile(args.config));
  r.run_file = !args.out.empty() ? args.out
               : !r.config.output.path.empty()
                   ? r.config.output.path
                   : "runs/" + fs::path(args.config).stem().string() + ".h5";
  return r;
}

int Fail(const Status& s) {
  spdlog::error("{}", s.ToString());
  return ExitCodeFor(s);
}

int RunMaster(const Resolved& resolved, const Placement& placement, int size, bool json_progress) {
  const Config& config = resolved.config;
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);

  // Workers first: whatever fails below, the scheduler's destructor releases them.
  auto built = ComponentOptionsFrom(config);
  std::unique_ptr<Scheduler> scheduler;
  MpiScheduler* mpi = nullptr;
  if (size > 1) {
    auto s = std::make_unique<MpiScheduler>(MPI_COMM_WORLD, built.ok() ? built->scheduler : MpiScheduler::Options{});
    mpi = s.get();
    scheduler = std::move(s);
  }

  // Every setting is checked (LLM ones included) before anything is written.
  if (!built.ok()) return Fail(built.status());
  ComponentOptions& options = *built;
  auto sandbox = Sandbox::Create();
  if (!sandbox.ok()) return Fail(sandbox.status());
  auto created = CreateBackendFor(options.evaluator, *sandbox);
  if (!created.ok()) {
    // Errors in backend_options already name the file and the key.
    const bool named = created.status().message().rfind(config.source + ": ", 0) == 0;
    return Fail(named ? created.status() : created.status().WithContext(config.source + ": backend"));
  }
  std::unique_ptr<Backend> backend = std::move(*created);
  options.run_loop.backend_version = backend->version();
  auto problems = ResolveProblems(options.problems, config.source, *backend);
  if (!problems.ok()) return Fail(problems.status());
  std::optional<PromptMaterial> material;
  if (!options.offline) {
    if (!resolved.replay_from.empty()) {
      options.llm.replay_only = true;  // no network, no keys
    } else {
      Status keys = CheckKeys(options.llm.models, options.llm);
      if (!keys.ok()) return Fail(FailedPreconditionError(config.source + ": models: " + keys.message()));
    }
    auto loaded = LoadPromptMaterial(options.prompts_dir);
    if (!loaded.ok()) return Fail(loaded.status());
    material = std::move(*loaded);
  }

  if (mpi) {
    Status started = mpi->Start(backend->version(), backend->version_details());
    if (!started.ok()) return Fail(started);
  } else {
    Evaluator self = SetUpEvaluator(options.evaluator, placement, 0);
    if (!self.hello.healthy) return Fail(FailedPreconditionError("cannot evaluate: " + self.hello.error));
    // The engine keeps references to the backend: the scheduler owns both.
    scheduler = std::make_unique<InProcessScheduler>(std::move(self.engine), self.hello, std::move(self.backend));
  }

  Result<std::unique_ptr<Hdf5RunStore>> store =
      resolved.resume ? Hdf5RunStore::Resume(resolved.run_file, options.flush_seconds)
                      : Hdf5RunStore::Create(resolved.run_file, options.flush_seconds);
  if (!store.ok()) return Fail(store.status());
  RunStore& record = **store;
  const int session = record.state().info.sessions;

  std::unique_ptr<Proposer> proposer_owner;
  std::unique_ptr<RunFileLlmCache> llm_cache;
  if (options.offline) {
    proposer_owner = std::make_unique<OfflineProposer>(backend->offline_tuner());
  } else {
    llm_cache = std::make_unique<RunFileLlmCache>(record.state(), resolved.replay_cache);
    auto client = LlmClient::Create(options.llm, llm_cache.get());
    if (!client.ok()) return Fail(client.status());
    LlmProposer::Options o = options.proposer;
    if (!resolved.replay_from.empty()) o.label = "replay of " + resolved.replay_from + ", no network";
    proposer_owner = std::make_unique<LlmProposer>(std::move(*client), std::move(*material), record, o);
  }
  if (options.bench.delayed()) {
    proposer_owner = std::make_unique<DelayedProposer>(std::move(proposer_owner), options.bench.proposal_latency_min_s,
                                                       options.bench.proposal_latency_max_s);
  }
  Proposer& proposer = *proposer_owner;
  Status s = record.Record(SessionStartedEvent{session, UtcTimestamp(), AUTOCOMP_VERSION, config.raw,
                                               proposer.description(), backend->synthetic()});
  for (const HelloMsg& h : scheduler->workers()) {
    if (!s.ok()) break;
    s = record.Record(WorkerEvent{{session, h.rank, h.host, h.local_rank, h.resource.description, h.isolation, h.slots}});
  }
  if (!s.ok()) return Fail(s);

  const bool terminal = StdoutIsTerminal() && !json_progress;
  ProgressReporter progress(stdout, terminal);
  std::string workers_text;
  for (const HelloMsg& h : scheduler->workers()) {
    workers_text += "\n  worker rank " + std::to_string(h.rank) + " on " + h.host + ": " + h.resource.description;
  }
  progress.Event("start", {{"pid", getpid()}, {"run_file", resolved.run_file}, {"session", session},
                           {"problems", problems->size()}, {"workers", scheduler->workers().size()},
                           {"proposer", proposer.description()},
                           {"text", "autocomp " + std::string(AUTOCOMP_VERSION) + ": " +
                                        std::to_string(problems->size()) + " problem(s), " +
                                        std::to_string(scheduler->workers().size()) + " worker(s), proposer: " +
                                        proposer.description() + ", run file " + resolved.run_file +
                                        (session > 0 ? " (resumed, session " + std::to_string(session) + ")" : "") +
                                        workers_text}});
  (void)record.Sync(true);

  RunLoop loop(record, proposer, *scheduler, progress, std::move(*problems), options.run_loop);
  const auto loop_start = std::chrono::steady_clock::now();
  const double cpu_start = ProcessCpuSeconds();
  Result<RunLoop::RunEnd> ended = loop.Run(&g_stop);
  const double loop_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - loop_start).count();
  const double loop_cpu = ProcessCpuSeconds() - cpu_start;
  progress.Finish();
  scheduler->Shutdown(!ended.ok() ? "error" : *ended == RunLoop::RunEnd::kFinished ? "finished" : "stopped");
  if (mpi && !mpi->lost().empty()) g_workers_lost = true;

  SessionEndedEvent end;
  end.time = UtcTimestamp();
  int code = kExitOk;
  if (!ended.ok()) {
    end.status = RunStatus::kFailed;
    end.reason = ended.status().ToString();
    code = Fail(ended.status());
  } else if (*ended == RunLoop::RunEnd::kStopped) {
    end.status = RunStatus::kStopped;
    end.reason = "stopped by a signal; continue with --resume " + resolved.run_file;
    code = kExitStopped;
  } else if (*ended == RunLoop::RunEnd::kProposerStopped) {
    end.status = RunStatus::kStopped;
    end.reason = proposer.stop_reason() + "; continue with --resume " + resolved.run_file + " after raising it";
    code = kExitStopped;
  } else {
    end.status = RunStatus::kFinished;
    end.reason = "all problems done";
  }
  Status closed = record.Close(end);
  if (!closed.ok()) {
    spdlog::error("{}", closed.ToString());
    code = code == kExitOk ? ExitCodeFor(closed) : code;
  }
  const RunState& state = record.state();
  if (terminal) {
    std::cout << "\n" << ReportText(state, false);
    std::cout << "\nrun file: " << resolved.run_file << "  (autocomp report " << resolved.run_file << ")\n";
  } else {
    progress.Event("end", {{"status", NameOf(end.status)},
                           {"reason", end.reason},
                           {"master", {{"loop_wall_s", loop_seconds},
                                       {"cpu_s", loop_cpu},
                                       {"results", loop.results_handled()},
                                       {"in_process", mpi == nullptr}}},
                           {"report", ReportJson(state)}});
  }
  return code;
}

}  // namespace

int RunCommand(const RunArgs& args) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const bool terminal = rank == 0 && StdoutIsTerminal() && !args.json_progress;
  SetUpLogging(rank, args.log_level, terminal);

  // Rank 0 decides the config; everyone gets the same text (empty = abort).
  std::string text;
  int code = kExitOk;
  Resolved resolved;
  if (rank == 0) {
    auto r = Resolve(args);
    if (r.ok()) {
      resolved = *r;
      text = resolved.config.raw.dump();
    } else {
      code = Fail(r.status());
    }
  }
  long length = static_cast<long>(text.size());
  MPI_Bcast(&length, 1, MPI_LONG, 0, MPI_COMM_WORLD);
  text.resize(static_cast<size_t>(length));
  if (length > 0) MPI_Bcast(text.data(), static_cast<int>(length), MPI_CHAR, 0, MPI_COMM_WORLD);
  if (length == 0) {
    MPI_Finalize();
    return rank == 0 ? code : kExitUsage;
  }
  const Placement placement = size > 1 ? DiscoverPlacement(MPI_COMM_WORLD) : SingleProcessPlacement();
  if (rank == 0) {
    code = RunMaster(resolved, placement, size, args.json_progress);
    if (g_workers_lost) {
      spdlog::error("worker rank(s) were lost; the run file is closed; ending the job with MPI_Abort");
      MPI_Abort(MPI_COMM_WORLD, code);
    }
  } else {
    auto config = ParseConfig(nlohmann::json::parse(text), "config from rank 0");
    code = config.ok() ? RunWorkerRank(MPI_COMM_WORLD, EvaluatorOptionsFrom(*config), placement)
                       : Fail(config.status());
  }
  MPI_Finalize();
  return code;
}

}  // namespace autocomp
