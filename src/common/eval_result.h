// src/common/eval_result.h
//
// What evaluating one candidate produced. A misbehaving candidate is a
// result, never an exception: its EvalStatus says what happened and its
// trace holds the tail of the output that shows why.
//
// A score is present only when status == kOk, i.e. only after the output
// matched the reference. Lower scores are better.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/enum_names.h"

namespace autocomp {

enum class EvalStatus {
  kOk,             // built, correct, measured
  kCompileError,   // did not build
  kWrongAnswer,    // ran, but the output did not match the reference
  kRuntimeError,   // crashed (signal) or exited with an error
  kTimeout,        // exceeded its wall-clock limit (build or run)
  kResourceLimit,  // exceeded memory, CPU time, file size or output limits
  kInfraError,     // the evaluator itself failed; says nothing about the code
  kRejected,       // broke an evaluation rule (docs/evaluation.md): a forbidden symbol,
                   // section or instruction in its object, or a call it may not make
  kImplausible,    // correct, but faster than the device can physically be; never in a beam
  kNoCode,         // the proposal held no code: nothing was built (recorded by the master)
  // New statuses go here, at the end, and move kLastEvalStatus (the wire format checks the range).
};
constexpr EvalStatus kLastEvalStatus = EvalStatus::kNoCode;

// "ok", "compile_error", ... — the spelling used in the run file and JSON.
const char* EvalStatusName(EvalStatus status);
// Inverse of EvalStatusName; nullopt for an unknown name.
std::optional<EvalStatus> ParseEvalStatus(const std::string& name);

template <>
struct EnumNames<EvalStatus> {
  static constexpr std::array kNames = {
      "ok", "compile_error", "wrong_answer", "runtime_error", "timeout", "resource_limit", "infra_error",
      "rejected", "implausible", "no_code"};
};

// Why a candidate is measured: in the search, again because its result is
// suspiciously good (re-check, contract item 7), or at the end of the run
// (final re-verification). The names appear in metrics["verification"].
enum class EvalPurpose { kSearch, kRecheck, kFinal };

template <>
struct EnumNames<EvalPurpose> {
  static constexpr std::array kNames = {"search", "recheck", "final"};
};

struct EvalResult {
  EvalStatus status = EvalStatus::kInfraError;
  std::optional<double> score;   // only when status == kOk
  std::string message;           // one line: why, for humans
  std::string trace;             // bounded tail of build/run output
  nlohmann::json metrics = nlohmann::json::object();  // e.g. min_s, cv, instructions
  double build_seconds = 0;
  double run_seconds = 0;
  int worker = -1;               // MPI rank that evaluated it; 0 = in-process
  std::string host;

  bool correct() const { return status == EvalStatus::kOk; }
};

// The outcome of Backend::Prepare: an artifact inside the scratch dir, or
// the reason there is none.
struct BuildResult {
  bool ok = false;
  EvalStatus status = EvalStatus::kCompileError;  // meaningful when !ok
  std::string message;
  std::string log;        // bounded compiler output
  double seconds = 0;
};

// Marks `build` failed with `status` and `message`; returns it.
BuildResult& FailBuild(BuildResult& build, EvalStatus status, std::string message);

// The evaluator's own failure (status infra_error) with `message`.
EvalResult InfraErrorResult(std::string message);

}  // namespace autocomp
