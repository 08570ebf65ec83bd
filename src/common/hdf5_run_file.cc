// src/common/hdf5_run_file.cc — the RunState mirrored into HDF5 (C API).
//
// Every table and attribute set is laid out from the field lists of
// record_fields.h (through hdf5_columns.h); this file says only where each
// record goes and which rows are new or changed.
#include "common/hdf5_run_file.h"

#include <hdf5.h>

#include <cmath>
#include <functional>

#include "common/hdf5_columns.h"
#include "common/record_fields.h"

namespace autocomp {

namespace {

using hdf5::H5Id;
using hdf5::RowBuffer;
using hdf5::RowLayout;

// The column order of files written since format 1 (readers match columns by name).
const std::vector<std::string> kCandidateColumnOrder = {
    "id",     "parent", "iteration", "plan_slot", "impl_slot", "origin",   "plan_s",      "code_s",
    "status", "correct", "score",    "build_s",   "run_s",     "worker",   "host",        "session",
    "reused", "code_key", "lineage_key", "message", "metrics", "plan",     "code",        "trace"};

// One row per candidate: where it came from, its own fields and its result
// ("status" is "pending" until there is one), plus whether it is correct.
const RowLayout& CandidateLayout() {
  static const RowLayout layout = [] {
    RowLayout l;
    l.AddFields(Candidate{});
    l.AddFields(EvalResult{});
    l.Add("correct", hdf5::ColumnType::kUint8);
    l.AddFields(CandidateRecord{});
    l.Finish(kCandidateColumnOrder);
    return l;
  }();
  return layout;
}

// The columns a new result rewrites in an existing row.
std::vector<std::string> ResultColumns() {
  std::vector<std::string> names = {"correct"};
  auto add = [&](const char* name, const auto&, const char* = nullptr) { names.push_back(name); };
  const EvalResult result;
  const CandidateRecord record;
  Fields(result, add);
  Fields(record, add);
  return names;
}

void PutCandidate(RowBuffer& rows, size_t row, const CandidateRecord& c) {
  rows.PutFields(row, c.candidate);
  rows.PutFields(row, c.result.value_or(EvalResult{}));
  rows.PutFields(row, c);
  rows.Put(row, "status", std::string(c.status_name()));
  rows.Put(row, "correct", c.correct());
}

Status GetCandidate(const RowBuffer& rows, size_t row, const ProblemId& problem, CandidateRecord& c) {
  AUTOCOMP_RETURN_IF_ERROR(rows.GetFields(row, c.candidate));
  AUTOCOMP_RETURN_IF_ERROR(rows.GetFields(row, c));
  c.candidate.problem = problem;
  std::string status;
  rows.Get(row, "status", status);
  if (status != "pending") {
    EvalResult r;
    AUTOCOMP_RETURN_IF_ERROR(rows.GetFields(row, r));
    c.result = std::move(r);
  }
  return Status::Ok();
}

template <class R>
const RowLayout& LayoutOf() {
  static const RowLayout layout = [] {
    RowLayout l;
    const R record{};
    l.AddFields(record);
    l.Finish();
    return l;
  }();
  return layout;
}

// The response cache's rows: a completion under its request hash.
struct CachedCompletion {
  std::string text;
};

template <RecordOf<CachedCompletion> R, class V>
void Fields(R& c, V&& v) {
  v("text", c.text);
}

// A table of records under a hash: the prompts and the response cache. One key per R.
template <class R>
const RowLayout& KeyedLayout(const char* key) {
  static const RowLayout layout = [&] {
    RowLayout l;
    l.Add(key, hdf5::ColumnType::kString);
    l.AddFields(R{});
    l.Finish();
    return l;
  }();
  return layout;
}


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

// Opens or creates an extensible 1-D dataset of `type`.
H5Id OpenOrCreateTable(hid_t group, const char* name, hid_t type) {
  if (H5Lexists(group, name, H5P_DEFAULT) > 0) return H5Id(H5Dopen2(group, name, H5P_DEFAULT), H5Dclose);
  hsize_t dims[1] = {0}, max[1] = {H5S_UNLIMITED}, chunk[1] = {64};
  H5Id space(H5Screate_simple(1, dims, max), H5Sclose);
  H5Id props(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  H5Pset_chunk(props.get(), 1, chunk);
  return H5Id(H5Dcreate2(group, name, type, space.get(), H5P_DEFAULT, props.get(), H5P_DEFAULT), H5Dclose);
}

// Appends the rows of `rows` to table `name` of `group`, which holds `at` rows.
Status AppendRows(hid_t group, const char* name, const RowLayout& layout, const RowBuffer& rows, size_t at) {
  H5Id type = layout.Type();
  H5Id table = OpenOrCreateTable(group, name, type.get());
  if (!table.valid()) return FailedPreconditionError(std::string("cannot open table ") + name);
  if (rows.rows() == 0) return Status::Ok();
  hsize_t size[1] = {at + rows.rows()};
  if (H5Dset_extent(table.get(), size) < 0) return FailedPreconditionError(std::string("cannot extend table ") + name);
  H5Id file_space(H5Dget_space(table.get()), H5Sclose);
  hsize_t start[1] = {at}, count[1] = {rows.rows()};
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr);
  H5Id mem_space(H5Screate_simple(1, count, nullptr), H5Sclose);
  if (H5Dwrite(table.get(), type.get(), mem_space.get(), file_space.get(), H5P_DEFAULT, rows.data()) < 0) {
    return FailedPreconditionError(std::string("cannot write rows of table ") + name);
  }
  return Status::Ok();
}

// Reads all of table `name` (absent: no rows) into `rows`.
Status ReadRows(hid_t group, const char* name, const RowLayout& layout, std::unique_ptr<RowBuffer>& rows) {
  if (H5Lexists(group, name, H5P_DEFAULT) <= 0) {
    rows = std::make_unique<RowBuffer>(layout, 0);
    return Status::Ok();
  }
  H5Id table(H5Dopen2(group, name, H5P_DEFAULT), H5Dclose);
  H5Id space(H5Dget_space(table.get()), H5Sclose);
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  rows = std::make_unique<RowBuffer>(layout, static_cast<size_t>(std::max<hssize_t>(n, 0)));
  H5Id type = layout.Type();
  if (n > 0) {
    if (H5Dread(table.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows->data()) < 0) {
      return DataLossError(std::string("cannot read table ") + name);
    }
    rows->MarkRead(type.get(), space.get());
  }
  return Status::Ok();
}

// Reads all of table `name` as records of R, appended to `out`.
template <class R>
Status ReadRecords(hid_t group, const char* name, std::vector<R>& out) {
  std::unique_ptr<RowBuffer> rows;
  AUTOCOMP_RETURN_IF_ERROR(ReadRows(group, name, LayoutOf<R>(), rows));
  for (size_t i = 0; i < rows->rows(); ++i) {
    R record;
    AUTOCOMP_RETURN_IF_ERROR(rows->GetFields(i, record).WithContext(name));
    out.push_back(std::move(record));
  }
  return Status::Ok();
}

// Reads table `name` of records of R under a `key` column; add(key, record) takes each row.
template <class R, class Add>
Status ReadKeyed(hid_t group, const char* name, const char* key, Add add) {
  std::unique_ptr<RowBuffer> rows;
  AUTOCOMP_RETURN_IF_ERROR(ReadRows(group, name, KeyedLayout<R>(key), rows));
  for (size_t i = 0; i < rows->rows(); ++i) {
    std::string hash;
    R record;
    rows->Get(i, key, hash);
    AUTOCOMP_RETURN_IF_ERROR(rows->GetFields(i, record).WithContext(name));
    add(std::move(hash), std::move(record));
  }
  return Status::Ok();
}

std::string ProblemPath(const ProblemId& id) {
  return "problems/" + id.backend + "/" + id.set + "/" + std::to_string(id.index);
}

// What a written row reflects: a row is rewritten when its candidate's result changed.
std::string WrittenKey(const CandidateRecord& c) { return std::string(c.status_name()) + "#" + std::to_string(c.revision); }

Status WriteProblem(hid_t file, const ProblemState& p, Hdf5WriteMark::PerProblem& mark) {
  H5Id group = OpenOrCreateGroup(file, ProblemPath(p.summary.id));
  if (!group.valid()) return FailedPreconditionError("cannot create group " + ProblemPath(p.summary.id));
  hid_t g = group.get();
  AUTOCOMP_RETURN_IF_ERROR(hdf5::SetFieldAttrs(g, p.summary));
  // Derived, for readers of the file: the baseline's and the best candidate's scores.
  std::optional<double> baseline = p.BaselineScore();
  const CandidateRecord* best = p.Best();
  AUTOCOMP_RETURN_IF_ERROR(hdf5::SetAttr(g, "baseline_score", baseline.value_or(std::nan(""))));
  AUTOCOMP_RETURN_IF_ERROR(hdf5::SetAttr(g, "best_candidate", best ? int64_t(best->candidate.id) : int64_t{-1}));
  AUTOCOMP_RETURN_IF_ERROR(hdf5::SetAttr(g, "best_score", best ? *best->result->score : std::nan("")));

  const RowLayout& layout = CandidateLayout();
  const size_t written = mark.written_status.size();
  RowBuffer rows(layout, p.candidates.size() - written);
  for (size_t i = written; i < p.candidates.size(); ++i) PutCandidate(rows, i - written, p.candidates[i]);
  AUTOCOMP_RETURN_IF_ERROR(AppendRows(g, "candidates", layout, rows, written));

  // Rows written earlier whose result changed since: rewrite only the result columns.
  std::vector<hsize_t> coords;
  for (size_t i = 0; i < written; ++i) {
    if (mark.written_status[i] != WrittenKey(p.candidates[i])) coords.push_back(i);
  }
  if (!coords.empty()) {
    RowBuffer updates(layout, coords.size());
    for (size_t k = 0; k < coords.size(); ++k) PutCandidate(updates, k, p.candidates[coords[k]]);
    H5Id table(H5Dopen2(g, "candidates", H5P_DEFAULT), H5Dclose);
    H5Id rtype = layout.TypeOf(ResultColumns());
    H5Id file_space(H5Dget_space(table.get()), H5Sclose);
    H5Sselect_elements(file_space.get(), H5S_SELECT_SET, coords.size(), coords.data());
    hsize_t count[1] = {coords.size()};
    H5Id mem_space(H5Screate_simple(1, count, nullptr), H5Sclose);
    if (H5Dwrite(table.get(), rtype.get(), mem_space.get(), file_space.get(), H5P_DEFAULT, updates.data()) < 0) {
      return FailedPreconditionError("cannot update candidate results");
    }
  }

  RowBuffer beams(LayoutOf<Beam>(), p.beams.size() - mark.beams);
  for (size_t i = mark.beams; i < p.beams.size(); ++i) beams.PutFields(i - mark.beams, p.beams[i]);
  return AppendRows(g, "beams", LayoutOf<Beam>(), beams, mark.beams);
}

Status WriteLlmTables(hid_t f, const RunState& state, Hdf5WriteMark& mark) {
  H5Id group = OpenOrCreateGroup(f, "llm");
  if (!group.valid()) return FailedPreconditionError("cannot create group llm");
  hid_t g = group.get();

  RowBuffer calls(LayoutOf<LlmCallInfo>(), state.llm_calls.size() - mark.llm_calls);
  for (size_t i = mark.llm_calls; i < state.llm_calls.size(); ++i) calls.PutFields(i - mark.llm_calls, state.llm_calls[i]);
  AUTOCOMP_RETURN_IF_ERROR(AppendRows(g, "calls", LayoutOf<LlmCallInfo>(), calls, mark.llm_calls));
  mark.llm_calls = state.llm_calls.size();

  RowBuffer cache(KeyedLayout<CachedCompletion>("request_hash"), state.llm_cache_order.size() - mark.llm_cache);
  for (size_t i = mark.llm_cache; i < state.llm_cache_order.size(); ++i) {
    const std::string& hash = state.llm_cache_order[i];
    cache.Put(i - mark.llm_cache, "request_hash", hash);
    cache.PutFields(i - mark.llm_cache, CachedCompletion{state.llm_cache.at(hash)});
  }
  AUTOCOMP_RETURN_IF_ERROR(AppendRows(g, "cache", KeyedLayout<CachedCompletion>("request_hash"), cache, mark.llm_cache));
  mark.llm_cache = state.llm_cache_order.size();

  RowBuffer prompts(KeyedLayout<PromptText>("prompt_hash"), state.prompt_order.size() - mark.prompts);
  for (size_t i = mark.prompts; i < state.prompt_order.size(); ++i) {
    const std::string& hash = state.prompt_order[i];
    prompts.Put(i - mark.prompts, "prompt_hash", hash);
    prompts.PutFields(i - mark.prompts, state.prompts.at(hash));
  }
  AUTOCOMP_RETURN_IF_ERROR(AppendRows(g, "prompts", KeyedLayout<PromptText>("prompt_hash"), prompts, mark.prompts));
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
  AUTOCOMP_RETURN_IF_ERROR(hdf5::SetFieldAttrs(f, state.info));
  AUTOCOMP_RETURN_IF_ERROR(hdf5::SetAttr(f, "hosts", state.Hosts()));

  RowBuffer workers(LayoutOf<WorkerInfo>(), state.workers.size() - next.workers);
  for (size_t i = next.workers; i < state.workers.size(); ++i) workers.PutFields(i - next.workers, state.workers[i]);
  AUTOCOMP_RETURN_IF_ERROR(AppendRows(f, "workers", LayoutOf<WorkerInfo>(), workers, next.workers));
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
  if (H5Aexists(group, "problem") <= 0) return DataLossError("problem group " + name + " has no 'problem' attribute");
  Status attrs = hdf5::GetFieldAttrs(group, p.summary);
  if (!attrs.ok()) return DataLossError("problem group " + name + ": " + attrs.message());
  const ProblemId id = p.summary.id;

  if (H5Lexists(group, "candidates", H5P_DEFAULT) <= 0) return DataLossError(name + ": no candidates table");
  std::unique_ptr<RowBuffer> rows;
  AUTOCOMP_RETURN_IF_ERROR(ReadRows(group, "candidates", CandidateLayout(), rows).WithContext(name));
  for (size_t i = 0; i < rows->rows(); ++i) {
    CandidateRecord c;
    AUTOCOMP_RETURN_IF_ERROR(GetCandidate(*rows, i, id, c).WithContext(name + " candidates"));
    if (c.candidate.id != p.candidates.size()) return DataLossError(name + ": candidate ids out of order");
    p.by_lineage[c.candidate.lineage_key] = c.candidate.id;
    p.candidates.push_back(std::move(c));
  }

  AUTOCOMP_RETURN_IF_ERROR(ReadRecords(group, "beams", p.beams).WithContext(name));
  state.problems[id] = std::move(p);
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

Status ReadLlmTables(hid_t f, RunState& state) {
  H5Id group(H5Gopen2(f, "llm", H5P_DEFAULT), H5Gclose);
  hid_t g = group.get();
  AUTOCOMP_RETURN_IF_ERROR(ReadRecords(g, "calls", state.llm_calls).WithContext("llm"));
  AUTOCOMP_RETURN_IF_ERROR(ReadKeyed<CachedCompletion>(g, "cache", "request_hash", [&](std::string hash, CachedCompletion c) {
    if (state.llm_cache.emplace(hash, std::move(c.text)).second) state.llm_cache_order.push_back(hash);
  }));
  AUTOCOMP_RETURN_IF_ERROR(ReadKeyed<PromptText>(g, "prompts", "prompt_hash", [&](std::string hash, PromptText p) {
    if (state.prompts.emplace(hash, std::move(p)).second) state.prompt_order.push_back(hash);
  }));
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
  state.info.format_version = 0;
  hdf5::GetAttr(f, "format_version", state.info.format_version);
  if (state.info.format_version != kRunFormatVersion) {
    return DataLossError(path + " is not an autocomp run file of format " + std::to_string(kRunFormatVersion) +
                         " (format_version " + std::to_string(state.info.format_version) + ")");
  }
  AUTOCOMP_RETURN_IF_ERROR(hdf5::GetFieldAttrs(f, state.info).WithContext(path));

  AUTOCOMP_RETURN_IF_ERROR(ReadRecords(f, "workers", state.workers).WithContext(path));

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
