// tests/search/beam_search_test.cc
//
// The beam search driven by the real run loop, proposer and in-process
// evaluation engine, on the synthetic backend (instant, deterministic
// scores): beams hold only correct candidates, best first; the best score
// never gets worse; a resumed search proposes and measures nothing twice; a
// broken baseline fails its problem with the reason.
#include <cstdio>
#include <set>

#include <gtest/gtest.h>

#include "common/backend_registry.h"
#include "common/run_store.h"
#include "master/proposer/offline_proposer.h"
#include "master/run_loop.h"
#include "master/scheduler/in_process_scheduler.h"

namespace autocomp {
namespace {

class BeamSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto sandbox = Sandbox::Create();
    ASSERT_TRUE(sandbox.ok());
    sandbox_ = *sandbox;
    BackendContext context;
    context.home = AUTOCOMP_SOURCE_DIR;
    context.sandbox = sandbox_;
    context.cache_dir = std::filesystem::temp_directory_path() / "autocomp-search-test";
    auto backend = CreateBackend("synthetic", context);
    ASSERT_TRUE(backend.ok()) << backend.status().ToString();
    backend_ = std::move(*backend);
    search_.iterations = 3;
    search_.beam_size = 3;
    search_.plans_per_candidate = 3;
    search_.impls_per_plan = 2;
    search_.menu_keep_probability = 0.8;
    search_.seed = 17;
  }

  // Runs the loop over `problems` against `store` until done; returns how it ended.
  std::string RunSearch(RunStore& store, const std::vector<int>& problems, size_t* evaluations = nullptr) {
    EvalEngine::Options options;
    options.scratch_root = std::filesystem::temp_directory_path() / "autocomp-search-test";
    auto engine = std::make_unique<EvalEngine>(*backend_, sandbox_, options);
    InProcessScheduler scheduler(std::move(engine), HelloMsg{});
    OfflineProposer proposer(backend_->offline_tuner());
    std::FILE* sink = std::tmpfile();
    ProgressReporter progress(sink, false);
    std::vector<Problem> loaded;
    for (int i : problems) loaded.push_back(*backend_->LoadProblem({"synthetic", "bench", i}));
    const int session = store.state().info.sessions;
    EXPECT_TRUE(store.Record(SessionStartedEvent{session, "t", "test", {}, "offline (no LLM)", true}).ok());
    RunLoop::Options o{search_, "offline", backend_->version()};
    RunLoop loop(store, proposer, scheduler, progress, loaded, o);
    auto ended = loop.Run(nullptr);
    std::fclose(sink);
    EXPECT_TRUE(ended.ok()) << ended.status().ToString();
    if (evaluations) {
      *evaluations = 0;
      for (const auto& [id, p] : store.state().problems) {
        for (const auto& c : p.candidates) {
          if (c.session == session && !c.reused && c.result && c.result->status != EvalStatus::kNoCode) ++*evaluations;
        }
      }
    }
    if (!ended.ok()) return ended.status().ToString();
    return *ended == RunLoop::RunEnd::kFinished ? "finished" : "stopped";
  }

  std::shared_ptr<Sandbox> sandbox_;
  std::unique_ptr<Backend> backend_;
  SearchOptions search_;
};

TEST_F(BeamSearchTest, BeamsHoldOnlyCorrectCandidatesBestFirst) {
  MemoryRunStore store;
  ASSERT_EQ(RunSearch(store, {0, 1, 2}), "finished");
  for (const auto& [id, p] : store.state().problems) {
    EXPECT_EQ(p.summary.state, ProblemPhase::kDone) << id.ToString();
    ASSERT_EQ(p.beams.size(), 3u) << id.ToString();
    double previous_best = *p.candidates[0].result->score;
    for (const Beam& beam : p.beams) {
      ASSERT_FALSE(beam.ids.empty());
      EXPECT_LE(beam.ids.size(), 3u);
      std::set<std::string> codes;
      double last = -1;
      for (uint64_t member : beam.ids) {
        const CandidateRecord& c = p.candidates[member];
        ASSERT_TRUE(c.correct()) << "candidate " << member << " is " << c.status_name();
        EXPECT_GE(*c.result->score, last) << "beam is not best first";
        last = *c.result->score;
        EXPECT_TRUE(codes.insert(NormalizeCode(c.candidate.code)).second) << "identical code twice in a beam";
        EXPECT_LE(c.candidate.iteration, beam.iteration);
      }
      const double best = *p.candidates[beam.ids.front()].result->score;
      EXPECT_LE(best, previous_best) << "the best score got worse at iteration " << beam.iteration;
      previous_best = best;
    }
    // The synthetic backend fails some candidates; they exist but never reach a beam.
    std::set<uint64_t> in_beams;
    for (const Beam& beam : p.beams) in_beams.insert(beam.ids.begin(), beam.ids.end());
    for (const auto& c : p.candidates) {
      if (!c.correct()) EXPECT_FALSE(in_beams.count(c.candidate.id));
      EXPECT_FALSE(c.pending());
    }
  }
}

TEST_F(BeamSearchTest, IterationsAskTheConfiguredNumberOfProposals) {
  search_.menu_keep_probability = 1.0;  // every plan request finds a move
  search_.iterations = 1;
  MemoryRunStore store;
  ASSERT_EQ(RunSearch(store, {3}), "finished");
  const ProblemState* p = store.state().Find({"synthetic", "bench", 3});
  // baseline + 1 beam member x 3 plans x 2 implementations
  EXPECT_EQ(p->candidates.size(), 1u + 3 * 2);
}

TEST_F(BeamSearchTest, ResumedSearchRedoesNothing) {
  MemoryRunStore store;
  search_.iterations = 1;
  size_t first = 0, second = 0;
  ASSERT_EQ(RunSearch(store, {4}, &first), "finished");
  const size_t after_first = store.state().Find({"synthetic", "bench", 4})->candidates.size();
  // Mark the problem as not finished so the search continues with more iterations.
  ProblemSummary s = store.state().Find({"synthetic", "bench", 4})->summary;
  s.state = ProblemPhase::kSearching;
  ASSERT_TRUE(store.Record(ProblemEvent{s}).ok());
  search_.iterations = 3;
  ASSERT_EQ(RunSearch(store, {4}, &second), "finished");
  const ProblemState* p = store.state().Find({"synthetic", "bench", 4});
  EXPECT_GT(p->candidates.size(), after_first);
  // Every candidate of the first session kept its first-session result.
  for (size_t i = 0; i < after_first; ++i) EXPECT_EQ(p->candidates[i].session, 0) << i;
  // The second session measured only new candidates.
  EXPECT_LE(second, p->candidates.size() - after_first);
  EXPECT_EQ(p->beams.size(), 3u);
  EXPECT_EQ(p->beams[0].iteration, 1);
}

TEST_F(BeamSearchTest, SameSeedSameSearch) {
  MemoryRunStore a, b;
  ASSERT_EQ(RunSearch(a, {5}), "finished");
  ASSERT_EQ(RunSearch(b, {5}), "finished");
  const auto& pa = a.state().Find({"synthetic", "bench", 5})->candidates;
  const auto& pb = b.state().Find({"synthetic", "bench", 5})->candidates;
  ASSERT_EQ(pa.size(), pb.size());
  std::multiset<std::string> ca, cb;
  for (const auto& c : pa) ca.insert(c.candidate.lineage_key + c.code_key);
  for (const auto& c : pb) cb.insert(c.candidate.lineage_key + c.code_key);
  EXPECT_EQ(ca, cb);
  EXPECT_EQ(a.state().Find({"synthetic", "bench", 5})->beams.back().ids.size(),
            b.state().Find({"synthetic", "bench", 5})->beams.back().ids.size());
}

TEST_F(BeamSearchTest, ScheduleReuseSeedsTheOthersWithTheLeadersChain) {
  search_.schedule_reuse = true;
  search_.iterations = 2;
  search_.menu_keep_probability = 1.0;
  MemoryRunStore store;
  ASSERT_EQ(RunSearch(store, {6, 7}), "finished");
  const ProblemState* leader = store.state().Find({"synthetic", "bench", 6});
  const ProblemState* seeded = store.state().Find({"synthetic", "bench", 7});
  ASSERT_TRUE(leader && seeded);
  EXPECT_EQ(leader->summary.seeded_from, "");
  // The leader's winning chain, baseline excluded.
  std::vector<std::string> chain;
  std::string ids;
  for (std::optional<uint64_t> at = leader->Best()->candidate.id; at && *at != 0;
       at = leader->candidates[*at].candidate.parent) {
    chain.insert(chain.begin(), leader->candidates[*at].candidate.plan);
    ids = std::to_string(*at) + (ids.empty() ? "" : ", " + ids);
  }
  ASSERT_FALSE(chain.empty());
  EXPECT_EQ(seeded->summary.seeded_from, "synthetic/bench/6: candidates " + ids);
  // Iteration i of the seeded search implements the chain's i-th plan in plan slot 0.
  for (size_t i = 0; i < chain.size(); ++i) {
    bool found = false;
    for (const auto& c : seeded->candidates) {
      found |= c.candidate.iteration == static_cast<int>(i + 1) && c.candidate.plan_slot == 0 &&
               c.candidate.plan == chain[i] && c.candidate.plan_seconds == 0;
    }
    EXPECT_TRUE(found) << "iteration " << i + 1 << " does not use the chain's plan";
  }
  // Without the option nothing is seeded.
  search_.schedule_reuse = false;
  MemoryRunStore plain;
  ASSERT_EQ(RunSearch(plain, {6, 7}), "finished");
  EXPECT_EQ(plain.state().Find({"synthetic", "bench", 7})->summary.seeded_from, "");
}

}  // namespace
}  // namespace autocomp
