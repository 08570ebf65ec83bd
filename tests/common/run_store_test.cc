// tests/common/run_store_test.cc
//
// The run file and its journal: what is recorded is read back exactly;
// a store dropped without closing (a killed master) resumes with nothing
// lost; a torn journal line is dropped; a closed run resumes from the file.
#include "common/run_store.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace autocomp {
namespace {

namespace fs = std::filesystem;

class RunStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("store-" + std::to_string(getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "run.h5").string();
  }

  static Candidate MakeCandidate(uint64_t id, std::optional<uint64_t> parent, const std::string& code) {
    Candidate c;
    c.id = id;
    c.parent = parent;
    c.problem = {"cpu", "gemm", 0};
    c.iteration = parent ? 1 : 0;
    c.plan_slot = parent ? 0 : -1;
    c.impl_slot = parent ? static_cast<int>(id) : -1;
    c.plan = parent ? "tile the loops" : "";
    c.code = code;
    c.origin = parent ? "offline" : "baseline";
    c.lineage_key = "lk" + std::to_string(id);
    return c;
  }

  static EvalResult Ok(double score) {
    EvalResult r;
    r.status = EvalStatus::kOk;
    r.score = score;
    r.metrics = {{"cv", 0.02}};
    r.worker = 1;
    r.host = "node1";
    r.message = "correct";
    return r;
  }

  void RecordBasics(RunStore& store) {
    ASSERT_TRUE(store.Record(SessionStartedEvent{0, "2026-11-25T00:00:00Z", "0.1.0",
                                                 nlohmann::json{{"backend", "cpu"}}, "offline (no LLM)"}).ok());
    ASSERT_TRUE(store.Record(WorkerEvent{{0, 1, "node1", 1, "cores 0-1", "namespaces", 3}}).ok());
    ProblemSummary s{{"cpu", "gemm", 0}, "gemm M=512", "s", ProblemPhase::kSearching, "", 0};
    ASSERT_TRUE(store.Record(ProblemEvent{s}).ok());
    ASSERT_TRUE(store.Record(CandidateEvent{MakeCandidate(0, std::nullopt, "base()"), "key0"}).ok());
    ASSERT_TRUE(store.Record(ResultEvent{{"cpu", "gemm", 0}, 0, Ok(2.0), 0, false}).ok());
    ASSERT_TRUE(store.Record(CandidateEvent{MakeCandidate(1, 0, "fast() \xe2\x9c\x93"), "key1"}).ok());
    ASSERT_TRUE(store.Record(CandidateEvent{MakeCandidate(2, 0, "broken("), "key2"}).ok());
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(RunStoreTest, WrittenStateReadsBackExactly) {
  auto store = Hdf5RunStore::Create(path_, 0);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  RecordBasics(**store);
  ASSERT_TRUE((*store)->Sync(true).ok());
  // Results arriving after the rows were written update them in place.
  EvalResult wrong;
  wrong.status = EvalStatus::kCompileError;
  wrong.message = "did not compile";
  wrong.trace = "error: expected ';'";
  ASSERT_TRUE((*store)->Record(ResultEvent{{"cpu", "gemm", 0}, 2, wrong, 0, false}).ok());
  ASSERT_TRUE((*store)->Record(ResultEvent{{"cpu", "gemm", 0}, 1, Ok(0.5), 0, false}).ok());
  ASSERT_TRUE((*store)->Record(BeamEvent{{"cpu", "gemm", 0}, {1, {1, 0}}}).ok());
  LlmCallInfo call;
  call.problem = {"cpu", "gemm", 0};
  call.provider = "openai";
  call.model = "openai/o3-mini";
  call.phase = "plan";
  call.prompt_tokens = 1200;
  call.completion_tokens = 300;
  call.cost_usd = 0.0027;
  call.status = LlmCallStatus::kOk;
  call.request_hash = "abc123";
  call.prompt_hash = "p1";
  ASSERT_TRUE((*store)->Record(PromptEvent{"p1", {"you optimize code", "make gemm fast"}}).ok());
  ASSERT_TRUE((*store)->Record(PromptEvent{"p1", {"you optimize code", "make gemm fast"}}).ok());  // deduplicated
  ASSERT_TRUE((*store)->Record(LlmCallEvent{call}).ok());
  ASSERT_TRUE((*store)->Record(LlmCacheEvent{"abc123", "Plan: tile the loops"}).ok());
  ASSERT_TRUE((*store)->Close({RunStatus::kFinished, "all problems done", "2026-11-25T01:00:00Z"}).ok());
  EXPECT_FALSE(fs::exists(Hdf5RunStore::JournalPath(path_))) << "a clean close removes the journal";

  auto read = ReadRunFile(path_);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  const RunState& s = *read;
  EXPECT_EQ(s.info.status, RunStatus::kFinished);
  EXPECT_EQ(s.info.stop_reason, "all problems done");
  EXPECT_EQ(s.info.config["backend"], "cpu");
  EXPECT_EQ(s.Hosts(), "node1");
  ASSERT_EQ(s.workers.size(), 1u);
  const ProblemState* p = s.Find({"cpu", "gemm", 0});
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->candidates.size(), 3u);
  EXPECT_EQ(p->candidates[1].candidate.code, "fast() \xe2\x9c\x93");
  EXPECT_STREQ(p->candidates[1].status_name(), "ok");
  EXPECT_DOUBLE_EQ(*p->candidates[1].result->score, 0.5);
  EXPECT_EQ(p->candidates[1].result->metrics["cv"], 0.02);
  EXPECT_EQ(*p->candidates[1].candidate.parent, 0u);
  EXPECT_STREQ(p->candidates[2].status_name(), "compile_error");
  EXPECT_FALSE(p->candidates[2].result->score.has_value());
  EXPECT_EQ(p->candidates[2].result->trace, "error: expected ';'");
  ASSERT_EQ(p->beams.size(), 1u);
  EXPECT_EQ(p->beams[0].ids, (std::vector<uint64_t>{1, 0}));
  EXPECT_EQ(p->Best()->candidate.id, 1u);
  EXPECT_DOUBLE_EQ(*p->BaselineScore(), 2.0);
  ASSERT_EQ(s.llm_calls.size(), 1u);
  EXPECT_EQ(s.llm_calls[0].model, "openai/o3-mini");
  EXPECT_EQ(s.llm_calls[0].prompt_tokens, 1200);
  EXPECT_DOUBLE_EQ(s.llm_calls[0].cost_usd, 0.0027);
  EXPECT_EQ(s.llm_calls[0].problem.ToString(), "cpu/gemm/0");
  EXPECT_EQ(s.llm_cache.at("abc123"), "Plan: tile the loops");
  ASSERT_EQ(s.prompts.size(), 1u);
  EXPECT_EQ(s.prompts.at("p1").user, "make gemm fast");
}

TEST_F(RunStoreTest, KilledWriterResumesFromTheJournalWithNothingLost) {
  {
    auto store = Hdf5RunStore::Create(path_, 3600);  // the run file is never brought up to date
    ASSERT_TRUE(store.ok());
    RecordBasics(**store);
    ASSERT_TRUE((*store)->Record(ResultEvent{{"cpu", "gemm", 0}, 1, Ok(0.5), 0, false}).ok());
    ASSERT_TRUE((*store)->Sync(false).ok());  // journal reaches the kernel only
    // The store is dropped without Close(): what a SIGKILL leaves.
  }
  ASSERT_TRUE(fs::exists(Hdf5RunStore::JournalPath(path_)));
  // Corrupt the run file as an interrupted write might.
  std::ofstream(path_, std::ios::trunc) << "not hdf5 any more";

  auto loaded = LoadRun(path_);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->Find({"cpu", "gemm", 0})->candidates.size(), 3u);

  auto resumed = Hdf5RunStore::Resume(path_, 0);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  const ProblemState* p = (*resumed)->state().Find({"cpu", "gemm", 0});
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->candidates.size(), 3u);
  EXPECT_STREQ(p->candidates[1].status_name(), "ok");
  EXPECT_STREQ(p->candidates[2].status_name(), "pending");
  // The run file was rebuilt and is readable again.
  auto reread = ReadRunFile(path_);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_EQ(reread->Find({"cpu", "gemm", 0})->candidates.size(), 3u);
}

TEST_F(RunStoreTest, ADeeplyNestedJournalLineIsDataLossNotACrash) {
  {
    auto store = Hdf5RunStore::Create(path_, 3600);
    ASSERT_TRUE(store.ok());
    RecordBasics(**store);
    ASSERT_TRUE((*store)->Sync(false).ok());
  }
  // A complete line in the middle, nested 200,000 deep: refused by name (a
  // copy of such a value would exhaust the stack), the lines before kept.
  {
    std::ofstream out(Hdf5RunStore::JournalPath(path_), std::ios::app);
    out << "{\"e\":\"note\",\"x\":" << std::string(200000, '[') << std::string(200000, ']') << "}\n";
    out << "{\"e\":\"note\"}\n";
  }
  auto events = ReadJournal(Hdf5RunStore::JournalPath(path_));
  ASSERT_FALSE(events.ok());
  EXPECT_EQ(events.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(events.status().message().find("nested deeper than 256 levels"), std::string::npos)
      << events.status().message();
}

TEST_F(RunStoreTest, TornLastJournalLineIsDropped) {
  {
    auto store = Hdf5RunStore::Create(path_, 3600);
    ASSERT_TRUE(store.ok());
    RecordBasics(**store);
    ASSERT_TRUE((*store)->Sync(false).ok());
  }
  std::ofstream(Hdf5RunStore::JournalPath(path_), std::ios::app) << "{\"e\":\"result\",\"probl";
  int dropped = 0;
  auto events = ReadJournal(Hdf5RunStore::JournalPath(path_), &dropped);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(dropped, 1);
  auto resumed = Hdf5RunStore::Resume(path_, 0);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_EQ((*resumed)->state().Find({"cpu", "gemm", 0})->candidates.size(), 3u);
  // Appends after the resume start on a fresh line and stay readable.
  ASSERT_TRUE((*resumed)->Record(ResultEvent{{"cpu", "gemm", 0}, 2, Ok(1.0), 1, false}).ok());
  ASSERT_TRUE((*resumed)->Sync(false).ok());
  auto again = LoadRun(path_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->Find({"cpu", "gemm", 0})->candidates[2].session, 1);
}

TEST_F(RunStoreTest, DamageInTheMiddleOfTheJournalIsDataLoss) {
  {
    auto store = Hdf5RunStore::Create(path_, 3600);
    ASSERT_TRUE(store.ok());
    RecordBasics(**store);
  }
  std::string journal = Hdf5RunStore::JournalPath(path_);
  std::ifstream in(journal);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  all.insert(all.find('\n') + 1, "garbage line\n");
  std::ofstream(journal, std::ios::trunc) << all;
  auto resumed = Hdf5RunStore::Resume(path_, 0);
  ASSERT_FALSE(resumed.ok());
  EXPECT_EQ(resumed.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(resumed.status().message().find(journal + ":2:"), std::string::npos) << resumed.status().message();
}

TEST_F(RunStoreTest, ClosedRunResumesFromTheFile) {
  {
    auto store = Hdf5RunStore::Create(path_, 0);
    ASSERT_TRUE(store.ok());
    RecordBasics(**store);
    ASSERT_TRUE((*store)->Close({RunStatus::kStopped, "interrupted", "t"}).ok());
  }
  auto resumed = Hdf5RunStore::Resume(path_, 0);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_EQ((*resumed)->state().info.sessions, 1);
  EXPECT_TRUE(fs::exists(Hdf5RunStore::JournalPath(path_))) << "a resumed run journals again";
  ASSERT_TRUE((*resumed)->Record(SessionStartedEvent{1, "t2", "0.1.0", {}, "offline (no LLM)"}).ok());
  EXPECT_EQ((*resumed)->state().info.sessions, 2);
  EXPECT_EQ((*resumed)->state().info.start_time, "2026-11-25T00:00:00Z") << "the first start is kept";
}

TEST_F(RunStoreTest, RefusesToOverwriteAnExistingRun) {
  std::ofstream(path_) << "x";
  auto store = Hdf5RunStore::Create(path_, 0);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(), path_ + " already exists; continue it with --resume " + path_ +
                                          " or choose another --out");
}

TEST_F(RunStoreTest, NotARunFileIsDataLoss) {
  std::ofstream(path_) << "hello";
  auto read = ReadRunFile(path_);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(read.status().message(), path_ + " is not an HDF5 file (or cannot be read)");
  auto resume = Hdf5RunStore::Resume((dir_ / "missing.h5").string(), 0);
  ASSERT_FALSE(resume.ok());
  EXPECT_EQ(resume.status().code(), StatusCode::kNotFound);
}

TEST_F(RunStoreTest, ResultForUnknownCandidateIsRejectedAndChangesNothing) {
  MemoryRunStore store;
  RecordBasics(store);
  Status s = store.Record(ResultEvent{{"cpu", "gemm", 0}, 99, Ok(1), 0, false});
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_EQ(store.state().Find({"cpu", "gemm", 0})->candidates.size(), 3u);
}

}  // namespace
}  // namespace autocomp
