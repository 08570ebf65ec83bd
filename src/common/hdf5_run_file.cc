// src/common/hdf5_run_file.cc — HDF5 (C API) mirror of a RunState.
#include "common/hdf5_run_file.h"

#include <hdf5.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <deque>
#include <functional>

#include "common/run_event.h"

namespace autocomp {

namespace {

// Owns one HDF5 identifier and closes it with the right function.
class H5Id {
 public:
  H5Id() = default;
  H5Id(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  H5Id(H5Id&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
  H5Id& operator=(H5Id&& o) noexcept {
    Reset();
    id_ = o.id_;
    close_ = o.close_;
    o.id_ = -1;
    return *this;
  }
  ~H5Id() { Reset(); }
  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  void Reset() {
    if (id_ >= 0 && close_) close_(id_);
    id_ = -1;
  }

 private:
  hid_t id_ = -1;
  herr_t (*close_)(hid_t) = nullptr;
};

H5Id VlenString() {
  hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, H5T_VARIABLE);
  H5Tset_cset(t, H5T_CSET_UTF8);
  return H5Id(t, H5Tclose);
}

// One row of problems/<backend>/<set>/<index>/candidates.
struct CandidateRow {
  uint64_t id;
  int64_t parent;  // -1 for the baseline
  int32_t iteration, plan_slot, impl_slot;
  const char* origin;
  double plan_s, code_s;
  const char* status;
  uint8_t correct;
  double score;  // NaN unless correct
  double build_s, run_s;
  int32_t worker;
  const char* host;
  int32_t session;
  uint8_t reused;
  const char* code_key;
  const char* lineage_key;
  const char* message;
  const char* metrics;
  const char* plan;
  const char* code;
  const char* trace;
};

// The columns that change when a result arrives.
struct ResultRow {
  const char* status;
  uint8_t correct;
  double score;
  double build_s, run_s;
  int32_t worker;
  const char* host;
  int32_t session;
  uint8_t reused;
  const char* message;
  const char* metrics;
  const char* trace;
};

struct BeamRow {
  int32_t iteration;
  hvl_t ids;
};

struct WorkerRow {
  int32_t session, rank;
  const char* host;
  int32_t local_rank;
  const char* resource;
  const char* isolation;
  int32_t slots;
};

#define MEMBER(type, T, field, h5type) H5Tinsert(type, #field, HOFFSET(T, field), h5type)

H5Id CandidateType() {
  H5Id s = VlenString();
  hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(CandidateRow));
  MEMBER(t, CandidateRow, id, H5T_NATIVE_UINT64);
  MEMBER(t, CandidateRow, parent, H5T_NATIVE_INT64);
  MEMBER(t, CandidateRow, iteration, H5T_NATIVE_INT32);
  MEMBER(t, CandidateRow, plan_slot, H5T_NATIVE_INT32);
  MEMBER(t, CandidateRow, impl_slot, H5T_NATIVE_INT32);
  MEMBER(t, CandidateRow, origin, s.get());
  MEMBER(t, CandidateRow, plan_s, H5T_NATIVE_DOUBLE);
  MEMBER(t, CandidateRow, code_s, H5T_NATIVE_DOUBLE);
  MEMBER(t, CandidateRow, status, s.get());
  MEMBER(t, CandidateRow, correct, H5T_NATIVE_UINT8);
  MEMBER(t, CandidateRow, score, H5T_NATIVE_DOUBLE);
  MEMBER(t, CandidateRow, build_s, H5T_NATIVE_DOUBLE);
  MEMBER(t, CandidateRow, run_s, H5T_NATIVE_DOUBLE);
  MEMBER(t, CandidateRow, worker, H5T_NATIVE_INT32);
  MEMBER(t, CandidateRow, host, s.get());
  MEMBER(t, CandidateRow, session, H5T_NATIVE_INT32);
  MEMBER(t, CandidateRow, reused, H5T_NATIVE_UINT8);
  MEMBER(t, CandidateRow, code_key, s.get());
  MEMBER(t, CandidateRow, lineage_key, s.get());
  MEMBER(t, CandidateRow, message, s.get());
  MEMBER(t, CandidateRow, metrics, s.get());
  MEMBER(t, CandidateRow, plan, s.get());
  MEMBER(t, CandidateRow, code, s.get());
  MEMBER(t, CandidateRow, trace, s.get());
  return H5Id(t, H5Tclose);
}

H5Id ResultType() {
  H5Id s = VlenString();
  hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(ResultRow));
  MEMBER(t, ResultRow, status, s.get());
  MEMBER(t, ResultRow, correct, H5T_NATIVE_UINT8);
  MEMBER(t, ResultRow, score, H5T_NATIVE_DOUBLE);
  MEMBER(t, ResultRow, build_s, H5T_NATIVE_DOUBLE);
  MEMBER(t, ResultRow, run_s, H5T_NATIVE_DOUBLE);
  MEMBER(t, ResultRow, worker, H5T_NATIVE_INT32);
  MEMBER(t, ResultRow, host, s.get());
  MEMBER(t, ResultRow, session, H5T_NATIVE_INT32);
  MEMBER(t, ResultRow, reused, H5T_NATIVE_UINT8);
  MEMBER(t, ResultRow, message, s.get());
  MEMBER(t, ResultRow, metrics, s.get());
  MEMBER(t, ResultRow, trace, s.get());
  return H5Id(t, H5Tclose);
}

H5Id BeamType() {
  hid_t ids = H5Tvlen_create(H5T_NATIVE_UINT64);
  hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(BeamRow));
  MEMBER(t, BeamRow, iteration, H5T_NATIVE_INT32);
  MEMBER(t, BeamRow, ids, ids);
  H5Tclose(ids);
  return H5Id(t, H5Tclose);
}

H5Id WorkerType() {
  H5Id s = VlenString();
  hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(WorkerRow));
  MEMBER(t, WorkerRow, session, H5T_NATIVE_INT32);
  MEMBER(t, WorkerRow, rank, H5T_NATIVE_INT32);
  MEMBER(t, WorkerRow, host, s.get());
  MEMBER(t, WorkerRow, local_rank, H5T_NATIVE_INT32);
  MEMBER(t, WorkerRow, resource, s.get());
  MEMBER(t, WorkerRow, isolation, s.get());
  MEMBER(t, WorkerRow, slots, H5T_NATIVE_INT32);
  return H5Id(t, H5Tclose);
}

struct LlmCallRow {
  int32_t session;
  const char* problem;
  double start_time_unix;
  const char *provider, *model, *phase;
  int64_t prompt_tokens, completion_tokens;
  double latency_s, cost_usd;
  uint8_t price_known;
  const char* status;
  int32_t http_status, retries;
  const char *request_hash, *prompt_hash, *finish_reason, *dropped_params, *error;
  uint8_t cached;
};

struct CacheRow {
  const char *request_hash, *text;
};

struct PromptRow {
  const char *prompt_hash, *system, *user;
};

H5Id LlmCallType() {
  H5Id s = VlenString();
  hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(LlmCallRow));
  MEMBER(t, LlmCallRow, session, H5T_NATIVE_INT32);
  MEMBER(t, LlmCallRow, problem, s.get());
  MEMBER(t, LlmCallRow, start_time_unix, H5T_NATIVE_DOUBLE);
  MEMBER(t, LlmCallRow, provider, s.get());
  MEMBER(t, LlmCallRow, model, s.get());
  MEMBER(t, LlmCallRow, phase, s.get());
  MEMBER(t, LlmCallRow, prompt_tokens, H5T_NATIVE_INT64);
  MEMBER(t, LlmCallRow, completion_tokens, H5T_NATIVE_INT64);
  MEMBER(t, LlmCallRow, latency_s, H5T_NATIVE_DOUBLE);
  MEMBER(t, LlmCallRow, cost_usd, H5T_NATIVE_DOUBLE);
  MEMBER(t, LlmCallRow, price_known, H5T_NATIVE_UINT8);
  MEMBER(t, LlmCallRow, status, s.get());
  MEMBER(t, LlmCallRow, http_status, H5T_NATIVE_INT32);
  MEMBER(t, LlmCallRow, retries, H5T_NATIVE_INT32);
  MEMBER(t, LlmCallRow, request_hash, s.get());
  MEMBER(t, LlmCallRow, prompt_hash, s.get());
  MEMBER(t, LlmCallRow, finish_reason, s.get());
  MEMBER(t, LlmCallRow, dropped_params, s.get());
  MEMBER(t, LlmCallRow, error, s.get());
  MEMBER(t, LlmCallRow, cached, H5T_NATIVE_UINT8);
  return H5Id(t, H5Tclose);
}

H5Id CacheType() {
  H5Id s = VlenString();
  hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(CacheRow));
  MEMBER(t, CacheRow, request_hash, s.get());
  MEMBER(t, CacheRow, text, s.get());
  return H5Id(t, H5Tclose);
}

H5Id PromptType() {
  H5Id s = VlenString();
  hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(PromptRow));
  MEMBER(t, PromptRow, prompt_hash, s.get());
  MEMBER(t, PromptRow, system, s.get());
  MEMBER(t, PromptRow, user, s.get());
  return H5Id(t, H5Tclose);
}

#undef MEMBER

// Silences HDF5's own error printing while a scope runs.
class QuietErrors {
 public:
  QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

bool Exists(hid_t loc, const std::string& path) {
  // Checks each component, as H5Lexists requires.
  size_t pos = 0;
  while (true) {
    size_t next = path.find('/', pos);
    std::string prefix = path.substr(0, next);
    if (!prefix.empty() && H5Lexists(loc, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    if (next == std::string::npos) return true;
    pos = next + 1;
  }
}

H5Id OpenOrCreateGroup(hid_t loc, const std::string& path) {
  if (Exists(loc, path)) return H5Id(H5Gopen2(loc, path.c_str(), H5P_DEFAULT), H5Gclose);
  H5Id lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
  H5Pset_create_intermediate_group(lcpl.get(), 1);
  return H5Id(H5Gcreate2(loc, path.c_str(), lcpl.get(), H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
}

Status SetAttr(hid_t obj, const char* name, const std::string& value) {
  if (H5Aexists(obj, name) > 0) H5Adelete(obj, name);
  H5Id type = VlenString();
  H5Id space(H5Screate(H5S_SCALAR), H5Sclose);
  H5Id attr(H5Acreate2(obj, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  const char* p = value.c_str();
  if (!attr.valid() || H5Awrite(attr.get(), type.get(), &p) < 0) {
    return FailedPreconditionError(std::string("cannot write attribute ") + name);
  }
  return Status::Ok();
}

template <typename T>
Status SetNumberAttr(hid_t obj, const char* name, T value, hid_t type) {
  if (H5Aexists(obj, name) > 0) H5Adelete(obj, name);
  H5Id space(H5Screate(H5S_SCALAR), H5Sclose);
  H5Id attr(H5Acreate2(obj, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (!attr.valid() || H5Awrite(attr.get(), type, &value) < 0) {
    return FailedPreconditionError(std::string("cannot write attribute ") + name);
  }
  return Status::Ok();
}

std::string GetAttr(hid_t obj, const char* name) {
  if (H5Aexists(obj, name) <= 0) return "";
  H5Id attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  H5Id type = VlenString();
  char* p = nullptr;
  if (H5Aread(attr.get(), type.get(), &p) < 0 || !p) return "";
  std::string value(p);
  H5free_memory(p);
  return value;
}

template <typename T>
T GetNumberAttr(hid_t obj, const char* name, hid_t type, T fallback) {
  if (H5Aexists(obj, name) <= 0) return fallback;
  H5Id attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  T value = fallback;
  if (H5Aread(attr.get(), type, &value) < 0) return fallback;
  return value;
}

// Opens or creates an extensible 1-D dataset of `type`.
H5Id OpenOrCreateTable(hid_t group, const char* name, hid_t type) {
  if (H5Lexists(group, name, H5P_DEFAULT) > 0) return H5Id(H5Dopen2(group, name, H5P_DEFAULT), H5Dclose);
  hsize_t dims[1] = {0}, max[1] = {H5S_UNLIMITED}, chunk[1] = {64};
  H5Id space(H5Screate_simple(1, dims, max), H5Sclose);
  H5Id props(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  H5Pset_chunk(props.get(), 1, chunk);
  return H5Id(H5Dcreate2(group, name, type, space.get(), H5P_DEFAULT, props.get(), H5P_DEFAULT), H5Dclose);
}

// Appends rows [0, n) of `data` at the end of `dataset`.
Status AppendRows(hid_t dataset, hid_t type, const void* data, size_t n, size_t at) {
  if (n == 0) return Status::Ok();
  hsize_t size[1] = {at + n};
  if (H5Dset_extent(dataset, size) < 0) return FailedPreconditionError("cannot extend table");
  H5Id file_space(H5Dget_space(dataset), H5Sclose);
  hsize_t start[1] = {at}, count[1] = {n};
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr);
  H5Id mem_space(H5Screate_simple(1, count, nullptr), H5Sclose);
  if (H5Dwrite(dataset, type, mem_space.get(), file_space.get(), H5P_DEFAULT, data) < 0) {
    return FailedPreconditionError("cannot write table rows");
  }
  return Status::Ok();
}

std::string ProblemPath(const ProblemId& id) {
  return "problems/" + id.backend + "/" + id.set + "/" + std::to_string(id.index);
}

// Strings kept alive while rows point into them.
struct RowStrings {
  std::deque<std::string> keep;  // a deque: pointers into it stay valid as it grows
  const char* Hold(std::string s) {
    keep.push_back(std::move(s));
    return keep.back().c_str();
  }
};

// What a written row reflects: a row is rewritten when its candidate's result changed.
std::string WrittenKey(const CandidateRecord& c) { return c.status + "#" + std::to_string(c.revision); }

void FillResult(const CandidateRecord& c, RowStrings& strings, ResultRow& r) {
  r.status = c.status.c_str();
  r.correct = c.correct() ? 1 : 0;
  r.score = c.correct() && c.result->score ? *c.result->score : std::nan("");
  r.build_s = c.result ? c.result->build_seconds : 0;
  r.run_s = c.result ? c.result->run_seconds : 0;
  r.worker = c.result ? c.result->worker : -1;
  r.host = c.result ? c.result->host.c_str() : "";
  r.session = c.session;
  r.reused = c.reused ? 1 : 0;
  r.message = c.result ? c.result->message.c_str() : "";
  r.metrics = strings.Hold(c.result ? c.result->metrics.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                                    : "{}");
  r.trace = c.result ? c.result->trace.c_str() : "";
}

Status WriteProblem(hid_t file, const ProblemState& p, Hdf5WriteMark::PerProblem& mark) {
  H5Id group = OpenOrCreateGroup(file, ProblemPath(p.summary.id));
  if (!group.valid()) return FailedPreconditionError("cannot create group " + ProblemPath(p.summary.id));
  hid_t g = group.get();
  const ProblemSummary& s = p.summary;
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(g, "problem", s.id.ToString()));
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(g, "description", s.description));
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(g, "score_unit", s.score_unit));
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(g, "state", s.state));
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(g, "message", s.message));
  AUTOCOMP_RETURN_IF_ERROR(SetNumberAttr<int32_t>(g, "iterations_done", s.iterations_done, H5T_NATIVE_INT32));
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(g, "seeded_from", s.seeded_from));
  std::optional<double> baseline = p.BaselineScore();
  const CandidateRecord* best = p.Best();
  AUTOCOMP_RETURN_IF_ERROR(SetNumberAttr<double>(g, "baseline_score", baseline.value_or(std::nan("")), H5T_NATIVE_DOUBLE));
  AUTOCOMP_RETURN_IF_ERROR(SetNumberAttr<int64_t>(g, "best_candidate", best ? int64_t(best->candidate.id) : -1, H5T_NATIVE_INT64));
  AUTOCOMP_RETURN_IF_ERROR(SetNumberAttr<double>(g, "best_score", best ? *best->result->score : std::nan(""), H5T_NATIVE_DOUBLE));

  H5Id ctype = CandidateType();
  H5Id table = OpenOrCreateTable(g, "candidates", ctype.get());
  if (!table.valid()) return FailedPreconditionError("cannot open candidates table");
  const size_t written = mark.written_status.size();
  RowStrings strings;
  std::vector<CandidateRow> rows;
  for (size_t i = written; i < p.candidates.size(); ++i) {
    const CandidateRecord& c = p.candidates[i];
    CandidateRow row{};
    row.id = c.candidate.id;
    row.parent = c.candidate.parent ? static_cast<int64_t>(*c.candidate.parent) : -1;
    row.iteration = c.candidate.iteration;
    row.plan_slot = c.candidate.plan_slot;
    row.impl_slot = c.candidate.impl_slot;
    row.origin = c.candidate.origin.c_str();
    row.plan_s = c.candidate.plan_seconds;
    row.code_s = c.candidate.code_seconds;
    row.code_key = c.code_key.c_str();
    row.lineage_key = c.candidate.lineage_key.c_str();
    row.plan = c.candidate.plan.c_str();
    row.code = c.candidate.code.c_str();
    ResultRow r{};
    FillResult(c, strings, r);
    row.status = r.status;
    row.correct = r.correct;
    row.score = r.score;
    row.build_s = r.build_s;
    row.run_s = r.run_s;
    row.worker = r.worker;
    row.host = r.host;
    row.session = r.session;
    row.reused = r.reused;
    row.message = r.message;
    row.metrics = r.metrics;
    row.trace = r.trace;
    rows.push_back(row);
  }
  AUTOCOMP_RETURN_IF_ERROR(AppendRows(table.get(), ctype.get(), rows.data(), rows.size(), written));

  // Rows written earlier whose status changed since: rewrite only the result columns.
  std::vector<hsize_t> coords;
  std::vector<ResultRow> updates;
  for (size_t i = 0; i < written; ++i) {
    if (mark.written_status[i] == WrittenKey(p.candidates[i])) continue;
    ResultRow r{};
    FillResult(p.candidates[i], strings, r);
    updates.push_back(r);
    coords.push_back(i);
  }
  if (!updates.empty()) {
    H5Id rtype = ResultType();
    H5Id file_space(H5Dget_space(table.get()), H5Sclose);
    H5Sselect_elements(file_space.get(), H5S_SELECT_SET, coords.size(), coords.data());
    hsize_t count[1] = {updates.size()};
    H5Id mem_space(H5Screate_simple(1, count, nullptr), H5Sclose);
    if (H5Dwrite(table.get(), rtype.get(), mem_space.get(), file_space.get(), H5P_DEFAULT, updates.data()) < 0) {
      return FailedPreconditionError("cannot update candidate results");
    }
  }

  H5Id btype = BeamType();
  H5Id beams = OpenOrCreateTable(g, "beams", btype.get());
  std::vector<BeamRow> beam_rows;
  for (size_t i = mark.beams; i < p.beams.size(); ++i) {
    BeamRow b{};
    b.iteration = p.beams[i].iteration;
    b.ids.len = p.beams[i].ids.size();
    b.ids.p = const_cast<uint64_t*>(p.beams[i].ids.data());
    beam_rows.push_back(b);
  }
  AUTOCOMP_RETURN_IF_ERROR(AppendRows(beams.get(), btype.get(), beam_rows.data(), beam_rows.size(), mark.beams));
  return Status::Ok();
}

Status WriteLlmTables(hid_t f, const RunState& state, Hdf5WriteMark& mark) {
  H5Id group = OpenOrCreateGroup(f, "llm");
  if (!group.valid()) return FailedPreconditionError("cannot create group llm");
  RowStrings strings;
  H5Id ctype = LlmCallType();
  H5Id calls = OpenOrCreateTable(group.get(), "calls", ctype.get());
  std::vector<LlmCallRow> rows;
  for (size_t i = mark.llm_calls; i < state.llm_calls.size(); ++i) {
    const LlmCallInfo& c = state.llm_calls[i];
    rows.push_back({c.session, strings.Hold(c.problem.ToString()), c.start_time_unix, c.provider.c_str(),
                    c.model.c_str(), c.phase.c_str(), c.prompt_tokens, c.completion_tokens, c.latency_s,
                    c.cost_usd, static_cast<uint8_t>(c.price_known), c.status.c_str(), c.http_status, c.retries,
                    c.request_hash.c_str(), c.prompt_hash.c_str(), c.finish_reason.c_str(),
                    c.dropped_params.c_str(), c.error.c_str(), static_cast<uint8_t>(c.cached)});
  }
  AUTOCOMP_RETURN_IF_ERROR(AppendRows(calls.get(), ctype.get(), rows.data(), rows.size(), mark.llm_calls));
  mark.llm_calls = state.llm_calls.size();

  H5Id ktype = CacheType();
  H5Id cache = OpenOrCreateTable(group.get(), "cache", ktype.get());
  std::vector<CacheRow> entries;
  for (size_t i = mark.llm_cache; i < state.llm_cache_order.size(); ++i) {
    const std::string& hash = state.llm_cache_order[i];
    entries.push_back({hash.c_str(), state.llm_cache.at(hash).c_str()});
  }
  AUTOCOMP_RETURN_IF_ERROR(AppendRows(cache.get(), ktype.get(), entries.data(), entries.size(), mark.llm_cache));
  mark.llm_cache = state.llm_cache_order.size();

  H5Id ptype = PromptType();
  H5Id prompts = OpenOrCreateTable(group.get(), "prompts", ptype.get());
  std::vector<PromptRow> prows;
  for (size_t i = mark.prompts; i < state.prompt_order.size(); ++i) {
    const std::string& hash = state.prompt_order[i];
    const PromptText& p = state.prompts.at(hash);
    prows.push_back({hash.c_str(), p.system.c_str(), p.user.c_str()});
  }
  AUTOCOMP_RETURN_IF_ERROR(AppendRows(prompts.get(), ptype.get(), prows.data(), prows.size(), mark.prompts));
  mark.prompts = state.prompt_order.size();
  return Status::Ok();
}

}  // namespace

Status WriteRunFile(const std::string& path, const RunState& state, Hdf5WriteMark& mark) {
  QuietErrors quiet;
  Hdf5WriteMark next = mark;
  H5Id file;
  if (!mark.created) {
    file = H5Id(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    next = Hdf5WriteMark{};
    next.created = true;
  } else {
    file = H5Id(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
  }
  if (!file.valid()) {
    return FailedPreconditionError("cannot open run file " + path +
                                   " for writing (is it open in another program, e.g. h5py?)");
  }
  hid_t f = file.get();
  const RunInfo& info = state.info;
  AUTOCOMP_RETURN_IF_ERROR(SetNumberAttr<int32_t>(f, "format_version", info.format_version, H5T_NATIVE_INT32));
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(f, "program_version", info.program_version));
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(f, "config_json", info.config.dump(2)));
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(f, "start_time", info.start_time));
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(f, "hosts", state.Hosts()));
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(f, "proposer", info.proposer));
  AUTOCOMP_RETURN_IF_ERROR(SetNumberAttr<uint8_t>(f, "synthetic", info.synthetic ? 1 : 0, H5T_NATIVE_UINT8));
  AUTOCOMP_RETURN_IF_ERROR(SetNumberAttr<int32_t>(f, "sessions", info.sessions, H5T_NATIVE_INT32));
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(f, "status", info.status));
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(f, "stop_reason", info.stop_reason));
  AUTOCOMP_RETURN_IF_ERROR(SetAttr(f, "end_time", info.end_time));

  H5Id wtype = WorkerType();
  H5Id workers = OpenOrCreateTable(f, "workers", wtype.get());
  std::vector<WorkerRow> wrows;
  for (size_t i = next.workers; i < state.workers.size(); ++i) {
    const WorkerInfo& w = state.workers[i];
    wrows.push_back({w.session, w.rank, w.host.c_str(), w.local_rank, w.resource.c_str(), w.isolation.c_str(), w.slots});
  }
  AUTOCOMP_RETURN_IF_ERROR(AppendRows(workers.get(), wtype.get(), wrows.data(), wrows.size(), next.workers));
  next.workers = state.workers.size();

  AUTOCOMP_RETURN_IF_ERROR(WriteLlmTables(f, state, next));

  for (const auto& [id, p] : state.problems) {
    Hdf5WriteMark::PerProblem& pm = next.problems[id];
    AUTOCOMP_RETURN_IF_ERROR(WriteProblem(f, p, pm).WithContext(id.ToString()));
    pm.written_status.clear();
    for (const auto& c : p.candidates) pm.written_status.push_back(WrittenKey(c));
    pm.beams = p.beams.size();
  }
  if (H5Fflush(f, H5F_SCOPE_GLOBAL) < 0) return FailedPreconditionError("cannot flush run file " + path);
  file.Reset();
  mark = std::move(next);
  return Status::Ok();
}

namespace {

Status ReadProblem(hid_t group, const std::string& name, RunState& state) {
  ProblemState p;
  auto id = ProblemId::Parse(GetAttr(group, "problem"));
  if (!id.ok()) return DataLossError("problem group " + name + " has no valid 'problem' attribute");
  p.summary.id = *id;
  p.summary.description = GetAttr(group, "description");
  p.summary.score_unit = GetAttr(group, "score_unit");
  p.summary.state = GetAttr(group, "state");
  p.summary.message = GetAttr(group, "message");
  p.summary.iterations_done = GetNumberAttr<int32_t>(group, "iterations_done", H5T_NATIVE_INT32, 0);
  p.summary.seeded_from = GetAttr(group, "seeded_from");

  H5Id table(H5Dopen2(group, "candidates", H5P_DEFAULT), H5Dclose);
  if (!table.valid()) return DataLossError(name + ": no candidates table");
  H5Id space(H5Dget_space(table.get()), H5Sclose);
  hssize_t n = H5Sget_simple_extent_npoints(space.get());
  std::vector<CandidateRow> rows(static_cast<size_t>(std::max<hssize_t>(n, 0)));
  H5Id ctype = CandidateType();
  if (n > 0 && H5Dread(table.get(), ctype.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()) < 0) {
    return DataLossError(name + ": cannot read candidates");
  }
  auto str = [](const char* s) { return std::string(s ? s : ""); };
  for (const CandidateRow& row : rows) {
    CandidateRecord c;
    c.candidate.id = row.id;
    if (row.parent >= 0) c.candidate.parent = static_cast<uint64_t>(row.parent);
    c.candidate.problem = *id;
    c.candidate.iteration = row.iteration;
    c.candidate.plan_slot = row.plan_slot;
    c.candidate.impl_slot = row.impl_slot;
    c.candidate.origin = str(row.origin);
    c.candidate.plan_seconds = row.plan_s;
    c.candidate.code_seconds = row.code_s;
    c.candidate.plan = str(row.plan);
    c.candidate.code = str(row.code);
    c.candidate.lineage_key = str(row.lineage_key);
    c.code_key = str(row.code_key);
    c.status = str(row.status);
    c.session = row.session;
    c.reused = row.reused != 0;
    if (c.status != "pending") {
      EvalResult r;
      r.status = ParseEvalStatus(c.status).value_or(EvalStatus::kInfraError);
      if (row.correct && !std::isnan(row.score)) r.score = row.score;
      r.build_seconds = row.build_s;
      r.run_seconds = row.run_s;
      r.worker = row.worker;
      r.host = str(row.host);
      r.message = str(row.message);
      r.trace = str(row.trace);
      r.metrics = nlohmann::json::parse(str(row.metrics), nullptr, false);
      if (r.metrics.is_discarded()) r.metrics = nlohmann::json::object();
      c.result = r;
    }
    if (c.candidate.id != p.candidates.size()) return DataLossError(name + ": candidate ids out of order");
    p.by_lineage[c.candidate.lineage_key] = c.candidate.id;
    p.candidates.push_back(std::move(c));
  }
  if (n > 0) H5Dvlen_reclaim(ctype.get(), space.get(), H5P_DEFAULT, rows.data());

  if (H5Lexists(group, "beams", H5P_DEFAULT) > 0) {
    H5Id beams(H5Dopen2(group, "beams", H5P_DEFAULT), H5Dclose);
    H5Id bspace(H5Dget_space(beams.get()), H5Sclose);
    hssize_t nb = H5Sget_simple_extent_npoints(bspace.get());
    std::vector<BeamRow> brows(static_cast<size_t>(std::max<hssize_t>(nb, 0)));
    H5Id btype = BeamType();
    if (nb > 0 && H5Dread(beams.get(), btype.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, brows.data()) < 0) {
      return DataLossError(name + ": cannot read beams");
    }
    for (const BeamRow& b : brows) {
      Beam beam;
      beam.iteration = b.iteration;
      const uint64_t* ids = static_cast<const uint64_t*>(b.ids.p);
      beam.ids.assign(ids, ids + b.ids.len);
      p.beams.push_back(beam);
    }
    if (nb > 0) H5Dvlen_reclaim(btype.get(), bspace.get(), H5P_DEFAULT, brows.data());
  }
  state.problems[*id] = std::move(p);
  return Status::Ok();
}

// Calls `fn(name)` for every member of `group`, in index order.
Status ForEachMember(hid_t group, const std::function<Status(const std::string&)>& fn) {
  H5G_info_t info;
  if (H5Gget_info(group, &info) < 0) return DataLossError("cannot list group");
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    char name[256];
    if (H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name, sizeof name, H5P_DEFAULT) < 0) {
      return DataLossError("cannot read a group member name");
    }
    AUTOCOMP_RETURN_IF_ERROR(fn(name));
  }
  return Status::Ok();
}

// Reads a whole 1-D table of `Row` into a vector (vlen memory reclaimed by the caller via reclaim).
template <typename Row>
Status ReadTable(hid_t group, const char* name, hid_t type, std::vector<Row>& rows, H5Id& space, H5Id& table) {
  if (H5Lexists(group, name, H5P_DEFAULT) <= 0) return Status::Ok();
  table = H5Id(H5Dopen2(group, name, H5P_DEFAULT), H5Dclose);
  space = H5Id(H5Dget_space(table.get()), H5Sclose);
  hssize_t n = H5Sget_simple_extent_npoints(space.get());
  rows.resize(static_cast<size_t>(std::max<hssize_t>(n, 0)));
  if (n > 0 && H5Dread(table.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()) < 0) {
    return DataLossError(std::string("cannot read llm/") + name);
  }
  return Status::Ok();
}

Status ReadLlmTables(hid_t f, RunState& state) {
  H5Id group(H5Gopen2(f, "llm", H5P_DEFAULT), H5Gclose);
  auto str = [](const char* s) { return std::string(s ? s : ""); };
  {
    H5Id type = LlmCallType(), space, table;
    std::vector<LlmCallRow> rows;
    AUTOCOMP_RETURN_IF_ERROR(ReadTable(group.get(), "calls", type.get(), rows, space, table));
    for (const auto& r : rows) {
      LlmCallInfo c;
      c.session = r.session;
      auto id = ProblemId::Parse(str(r.problem));
      if (id.ok()) c.problem = *id;
      c.start_time_unix = r.start_time_unix;
      c.provider = str(r.provider);
      c.model = str(r.model);
      c.phase = str(r.phase);
      c.prompt_tokens = r.prompt_tokens;
      c.completion_tokens = r.completion_tokens;
      c.latency_s = r.latency_s;
      c.cost_usd = r.cost_usd;
      c.price_known = r.price_known != 0;
      c.status = str(r.status);
      c.http_status = r.http_status;
      c.retries = r.retries;
      c.request_hash = str(r.request_hash);
      c.prompt_hash = str(r.prompt_hash);
      c.finish_reason = str(r.finish_reason);
      c.dropped_params = str(r.dropped_params);
      c.error = str(r.error);
      c.cached = r.cached != 0;
      state.llm_calls.push_back(std::move(c));
    }
    if (!rows.empty()) H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, rows.data());
  }
  {
    H5Id type = CacheType(), space, table;
    std::vector<CacheRow> rows;
    AUTOCOMP_RETURN_IF_ERROR(ReadTable(group.get(), "cache", type.get(), rows, space, table));
    for (const auto& r : rows) {
      if (state.llm_cache.emplace(str(r.request_hash), str(r.text)).second) {
        state.llm_cache_order.push_back(str(r.request_hash));
      }
    }
    if (!rows.empty()) H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, rows.data());
  }
  {
    H5Id type = PromptType(), space, table;
    std::vector<PromptRow> rows;
    AUTOCOMP_RETURN_IF_ERROR(ReadTable(group.get(), "prompts", type.get(), rows, space, table));
    for (const auto& r : rows) {
      if (state.prompts.emplace(str(r.prompt_hash), PromptText{str(r.system), str(r.user)}).second) {
        state.prompt_order.push_back(str(r.prompt_hash));
      }
    }
    if (!rows.empty()) H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, rows.data());
  }
  return Status::Ok();
}

}  // namespace

Result<RunState> ReadRunFile(const std::string& path) {
  QuietErrors quiet;
  if (H5Fis_hdf5(path.c_str()) <= 0) return DataLossError(path + " is not an HDF5 file (or cannot be read)");
  H5Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) return DataLossError("cannot open run file " + path);
  hid_t f = file.get();
  RunState state;
  state.info.format_version = GetNumberAttr<int32_t>(f, "format_version", H5T_NATIVE_INT32, 0);
  if (state.info.format_version != kRunFormatVersion) {
    return DataLossError(path + " is not an autocomp run file of format " + std::to_string(kRunFormatVersion) +
                         " (format_version " + std::to_string(state.info.format_version) + ")");
  }
  state.info.program_version = GetAttr(f, "program_version");
  state.info.config = nlohmann::json::parse(GetAttr(f, "config_json"), nullptr, false);
  state.info.start_time = GetAttr(f, "start_time");
  state.info.proposer = GetAttr(f, "proposer");
  state.info.synthetic = GetNumberAttr<uint8_t>(f, "synthetic", H5T_NATIVE_UINT8, 0) != 0;
  state.info.sessions = GetNumberAttr<int32_t>(f, "sessions", H5T_NATIVE_INT32, 0);
  state.info.status = GetAttr(f, "status");
  state.info.stop_reason = GetAttr(f, "stop_reason");
  state.info.end_time = GetAttr(f, "end_time");

  if (H5Lexists(f, "workers", H5P_DEFAULT) > 0) {
    H5Id table(H5Dopen2(f, "workers", H5P_DEFAULT), H5Dclose);
    H5Id space(H5Dget_space(table.get()), H5Sclose);
    hssize_t n = H5Sget_simple_extent_npoints(space.get());
    std::vector<WorkerRow> rows(static_cast<size_t>(std::max<hssize_t>(n, 0)));
    H5Id wtype = WorkerType();
    if (n > 0 && H5Dread(table.get(), wtype.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()) < 0) {
      return DataLossError(path + ": cannot read workers");
    }
    for (const auto& w : rows) {
      state.workers.push_back({w.session, w.rank, w.host ? w.host : "", w.local_rank,
                               w.resource ? w.resource : "", w.isolation ? w.isolation : "", w.slots});
    }
    if (n > 0) H5Dvlen_reclaim(wtype.get(), space.get(), H5P_DEFAULT, rows.data());
  }

  if (H5Lexists(f, "llm", H5P_DEFAULT) > 0) {
    Status s = ReadLlmTables(f, state);
    if (!s.ok()) return s.WithContext(path);
  }

  if (H5Lexists(f, "problems", H5P_DEFAULT) > 0) {
    H5Id problems(H5Gopen2(f, "problems", H5P_DEFAULT), H5Gclose);
    Status s = ForEachMember(problems.get(), [&](const std::string& backend) {
      H5Id b(H5Gopen2(problems.get(), backend.c_str(), H5P_DEFAULT), H5Gclose);
      return ForEachMember(b.get(), [&](const std::string& set) {
        H5Id st(H5Gopen2(b.get(), set.c_str(), H5P_DEFAULT), H5Gclose);
        return ForEachMember(st.get(), [&](const std::string& index) {
          H5Id g(H5Gopen2(st.get(), index.c_str(), H5P_DEFAULT), H5Gclose);
          return ReadProblem(g.get(), backend + "/" + set + "/" + index, state);
        });
      });
    });
    if (!s.ok()) return s.WithContext(path);
  }
  return state;
}

}  // namespace autocomp
