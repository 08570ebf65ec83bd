// backends/gemmini/sim/reference_check.cc — candidate vs reference, both
// run and compared by the simulator (see reference_check.h).
#include "sim/reference_check.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

namespace autocomp::gemmini {
namespace {

using nlohmann::json;

constexpr const char* kSolution = "solution";
constexpr const char* kSeedSymbol = "autocomp_seed_value";

struct Snapshot {
  std::string name;
  std::vector<uint8_t> bytes;
};

struct Run {
  RunResult result;
  std::vector<Snapshot> objects;
  std::string output;
};

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The harness's file-local objects of `image`, keyed by name; a name twice is an error.
Result<std::map<std::string, LocalObject>> HarnessObjects(const ElfImage& image, const std::string& suffix) {
  std::map<std::string, LocalObject> out;
  for (const LocalObject& o : image.local_objects()) {
    if (!EndsWith(o.file, suffix)) continue;
    if (!out.emplace(o.name, o).second) {
      return InvalidArgumentError("two harness objects are named '" + o.name + "'");
    }
  }
  return out;
}

Result<Run> RunOnce(const ElfImage& image, const ReferenceCheckOptions& options, uint64_t seed,
                    const std::vector<std::string>& names, const std::map<std::string, LocalObject>& objects) {
  MachineOptions m = options.machine;
  m.measure_function = kSolution;
  m.pokes = {{kSeedSymbol, seed}};
  Run run;
  auto user_output = options.machine.output;
  m.output = [&run, user_output](const std::string& s) {
    if (run.output.size() < (64u << 10)) run.output += s;
    if (user_output) user_output(s);
  };
  AUTOCOMP_ASSIGN_OR_RETURN(auto machine, Machine::Create(image, m));
  run.result = machine->Run();
  if (run.result.stop == RunResult::Stop::kReturned) {
    for (const std::string& name : names) {
      const LocalObject& o = objects.at(name);
      Snapshot s{name, std::vector<uint8_t>(o.size)};
      if (!machine->memory().Read(o.addr, s.bytes.data(), o.size)) {
        return InvalidArgumentError("harness object '" + name + "' is outside memory");
      }
      run.objects.push_back(std::move(s));
    }
  }
  return run;
}

std::string LastLineWith(const std::string& text, const std::string& what) {
  size_t at = text.rfind(what);
  if (at == std::string::npos) return "";
  size_t start = text.rfind('\n', at);
  start = start == std::string::npos ? 0 : start + 1;
  size_t end = text.find('\n', at);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Why a candidate run that did not return failed, as (status, message).
std::pair<std::string, std::string> NotReturned(const Run& run) {
  const RunResult& r = run.result;
  switch (r.stop) {
    case RunResult::Stop::kInstructionLimit: return {"timeout", r.message};
    case RunResult::Stop::kGemminiError: return {"runtime_error", "gemmini error: " + r.message};
    case RunResult::Stop::kExited: {
      std::string trap = LastLineWith(run.output, "TRAP:");
      if (!trap.empty()) return {"runtime_error", "the program trapped inside solution (" + trap + ")"};
      if (!r.measured.entered) return {"runtime_error", "solution was never called (the program ended first)"};
      return {"runtime_error", "solution did not return: the program exited with code " +
                                   std::to_string(r.exit_code) + " from inside it"};
    }
    default: return {"runtime_error", r.message};
  }
}

// The first difference between the candidate's and the reference's object, or "".
std::string FirstDifference(const Snapshot& got, const Snapshot& want, const ReferenceCheckOptions& options,
                            uint64_t* differing) {
  std::string first;
  *differing = 0;
  if (options.compare_as_float && got.bytes.size() % 4 == 0) {
    for (size_t i = 0; i < got.bytes.size() / 4; ++i) {
      float g, w;
      std::memcpy(&g, &got.bytes[4 * i], 4);
      std::memcpy(&w, &want.bytes[4 * i], 4);
      const double tol = options.relative_tolerance * std::max(1.0, std::fabs(double(w)));
      if (std::fabs(double(g) - double(w)) <= tol || (std::isnan(w) && std::isnan(g))) continue;
      if ((*differing)++ == 0) {
        char text[200];
        std::snprintf(text, sizeof text, "%s element %zu is %.9g, the reference computes %.9g (allowed error %.3g)",
                      got.name.c_str(), i, double(g), double(w), tol);
        first = text;
      }
    }
    return first;
  }
  for (size_t i = 0; i < got.bytes.size(); ++i) {
    if (got.bytes[i] == want.bytes[i]) continue;
    if ((*differing)++ == 0) {
      first = got.name + " byte " + std::to_string(i) + " is " + std::to_string(int8_t(got.bytes[i])) +
              ", the reference computes " + std::to_string(int8_t(want.bytes[i]));
    }
  }
  return first;
}

json Verdict(const std::string& status, const std::string& message) {
  return {{"status", status}, {"message", message}};
}

}  // namespace

json CheckAgainstReference(const ElfImage& candidate, const ElfImage& reference, const ReferenceCheckOptions& options) {
  auto ref_objects = HarnessObjects(reference, options.harness_file_suffix);
  if (!ref_objects.ok() || ref_objects->empty()) {
    return Verdict("infra_error", "the reference program has no harness objects to compare (" +
                                      (ref_objects.ok() ? std::string("none found") : ref_objects.status().message()) + ")");
  }
  auto cand_objects = HarnessObjects(candidate, options.harness_file_suffix);
  if (!cand_objects.ok()) return Verdict("rejected", "the program's symbol table imitates the harness: " + cand_objects.status().message());
  std::vector<std::string> names;
  for (const auto& [name, o] : *ref_objects) {
    auto it = cand_objects->find(name);
    if (it == cand_objects->end() || it->second.size != o.size) {
      return Verdict("infra_error", "the candidate program's harness object '" + name + "' differs from the reference's");
    }
    names.push_back(name);
  }
  json verdict = Verdict("ok", "");
  json seeds = json::array(), counts = json::array();
  uint64_t worst = 0, worst_cycles = 0, compared = 0;
  for (uint64_t seed : options.seeds) {
    auto ref = RunOnce(reference, options, seed, names, *ref_objects);
    if (!ref.ok()) return Verdict("infra_error", "reference run: " + ref.status().message());
    if (ref->result.stop != RunResult::Stop::kReturned) {
      return Verdict("infra_error", "the reference did not return (seed " + std::to_string(seed) + "): " + ref->result.message);
    }
    auto run = RunOnce(candidate, options, seed, names, *cand_objects);
    if (!run.ok()) return Verdict("infra_error", "candidate run: " + run.status().message());
    verdict["run"] = RunReport(run->result, options.machine);
    verdict["output_tail"] = run->output.size() > 4000 ? run->output.substr(run->output.size() - 4000) : run->output;
    seeds.push_back(std::to_string(seed));
    if (run->result.stop != RunResult::Stop::kReturned) {
      auto [status, message] = NotReturned(*run);
      verdict["status"] = status;
      verdict["message"] = message + " (seed " + std::to_string(seed) + ")";
      verdict["seeds"] = seeds;
      return verdict;
    }
    if (!run->result.measured.clobbered.empty()) {
      verdict["status"] = "runtime_error";
      verdict["message"] = "solution returned without restoring callee-saved register " +
                           run->result.measured.clobbered + " (the RISC-V calling convention requires it; seed " +
                           std::to_string(seed) + ")";
      verdict["seeds"] = seeds;
      return verdict;
    }
    for (size_t i = 0; i < names.size(); ++i) {
      uint64_t differing = 0;
      std::string first = FirstDifference(run->objects[i], ref->objects[i], options, &differing);
      compared += run->objects[i].bytes.size();
      if (differing > 0) {
        verdict["status"] = "wrong_answer";
        verdict["message"] = std::to_string(differing) + " elements of " + names[i] +
                             " differ from the reference (seed " + std::to_string(seed) + "); first: " + first;
        verdict["seeds"] = seeds;
        return verdict;
      }
    }
    counts.push_back(run->result.measured.instructions);
    worst = std::max(worst, run->result.measured.instructions);
    worst_cycles = std::max(worst_cycles, run->result.measured.cycle_estimate);
  }
  verdict["message"] = "correct on " + std::to_string(options.seeds.size()) + " seed(s), every harness object compared";
  verdict["seeds"] = seeds;
  verdict["instructions"] = worst;
  verdict["instructions_per_seed"] = counts;
  verdict["cycle_estimate"] = worst_cycles;
  verdict["compared_objects"] = names;
  verdict["compared_bytes"] = compared;
  return verdict;
}

}  // namespace autocomp::gemmini
