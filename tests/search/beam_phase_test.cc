// tests/search/beam_phase_test.cc
//
// The order in which one problem's beam search asks for work, driven by
// hand through a recording SearchContext: pipelined, a plan's
// implementations are asked the moment the plan arrives and code is
// evaluated the moment it arrives; phase-synchronous, nothing of the next
// phase starts before the whole previous phase is back.
#include <algorithm>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/run_store.h"
#include "master/search/beam_search.h"

namespace autocomp {
namespace {

class RecordingContext final : public SearchContext {
 public:
  const RunState& state() const override { return store.state(); }
  Status Record(const RunEvent& e) override { return store.Record(e); }
  void Propose(ProposalTask task) override {
    task.id = next_id++;
    log.push_back(std::string(PhaseName(task.phase)));
    proposals.push_back(task);
  }
  void Evaluate(const ProblemId&, uint64_t id) override {
    log.push_back("evaluate");
    evaluations.push_back(id);
  }
  std::string CodeKeyFor(const ProblemId& p, const std::string& code) const override { return CodeKey(p, "v", code); }
  void IterationEnded(const ProblemId&, int) override { log.push_back("selected"); }

  // Records an ok result with the given score for candidate `id`.
  Status Score(uint64_t id, double score) {
    EvalResult r;
    r.status = EvalStatus::kOk;
    r.score = score;
    return store.Record(ResultEvent{{"synthetic", "bench", 0}, id, r, 0, false});
  }

  MemoryRunStore store;
  std::vector<std::string> log;
  std::deque<ProposalTask> proposals;
  std::vector<uint64_t> evaluations;
  uint64_t next_id = 1;
};

// Answers `task`: plans become "plan <id>", code "code <id>".
void Answer(BeamSearch& search, const ProposalTask& task) {
  ProposalResult r;
  r.task_id = task.id;
  r.ok = true;
  r.origin = "test";
  r.text = std::string(task.phase == ProposalPhase::kPlan ? "plan " : "code ") + std::to_string(task.id);
  ASSERT_TRUE(search.OnProposal(task, r).ok());
}

class BeamPhaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    problem_.id = {"synthetic", "bench", 0};
    problem_.baseline_code = "base\n";
    options_.iterations = 1;
    options_.beam_size = 2;
    options_.plans_per_candidate = 3;
    options_.impls_per_plan = 2;
    options_.mode = GetParam();
    ASSERT_TRUE(ctx_.store.Record(SessionStartedEvent{0, "t", "test", {}, "test"}).ok());
  }

  // Answers the oldest proposal.
  void AnswerNext(BeamSearch& search) {
    ProposalTask task = ctx_.proposals.front();
    ctx_.proposals.pop_front();
    Answer(search, task);
  }

  Problem problem_;
  SearchOptions options_;
  RecordingContext ctx_;
};

TEST_P(BeamPhaseTest, PhasesAreOrderedAsConfigured) {
  BeamSearch search(problem_, options_, "test", ctx_);
  ASSERT_TRUE(search.Start().ok());
  ASSERT_EQ(ctx_.evaluations, std::vector<uint64_t>{0});
  ASSERT_TRUE(ctx_.Score(0, 10.0).ok());
  ASSERT_TRUE(search.OnEvaluated(0).ok());
  ASSERT_EQ(ctx_.proposals.size(), 3u);  // one beam member x 3 plans

  AnswerNext(search);  // the first plan
  if (GetParam() == "pipelined") {
    EXPECT_EQ(ctx_.log.back(), "implement") << "its implementations start at once";
  } else {
    EXPECT_EQ(ctx_.log.back(), "plan") << "nothing starts before every plan is back";
  }
  while (!ctx_.proposals.empty() && ctx_.proposals.front().phase == ProposalPhase::kPlan) AnswerNext(search);
  AnswerNext(search);  // the first implementation
  if (GetParam() == "pipelined") {
    EXPECT_EQ(ctx_.log.back(), "evaluate") << "code is evaluated the moment it arrives";
  } else {
    EXPECT_EQ(ctx_.log.back(), "implement");
  }
  while (!ctx_.proposals.empty()) AnswerNext(search);
  EXPECT_EQ(ctx_.evaluations.size(), 1u + 3 * 2);

  if (GetParam() == "phase_synchronous") {
    // Every "evaluate" of the iteration comes after the last "implement".
    size_t last_implement = 0, first_evaluate = ctx_.log.size();
    for (size_t i = 1; i < ctx_.log.size(); ++i) {
      if (ctx_.log[i] == "implement") last_implement = i;
      if (ctx_.log[i] == "evaluate" && i < first_evaluate) first_evaluate = i;
    }
    EXPECT_LT(last_implement, first_evaluate);
  }
  // Results arrive; the last one triggers the selection: the two best correct,
  // but 5 and 6 implement the same plan of the same parent, so 4 comes second.
  for (uint64_t id = 1; id < 7; ++id) {
    ASSERT_TRUE(ctx_.Score(id, 10.0 - static_cast<double>(id)).ok());
    ASSERT_TRUE(search.OnEvaluated(id).ok());
    EXPECT_EQ(search.done(), id == 6);
  }
  const ProblemState& p = *ctx_.store.state().Find(problem_.id);
  ASSERT_EQ(p.beams.size(), 1u);
  EXPECT_EQ(p.beams[0].ids, (std::vector<uint64_t>{6, 4}));
  EXPECT_EQ(p.summary.state, ProblemPhase::kDone);
}

TEST_P(BeamPhaseTest, FailedBaselineFailsTheProblemWithTheReason) {
  BeamSearch search(problem_, options_, "test", ctx_);
  ASSERT_TRUE(search.Start().ok());
  EvalResult wrong;
  wrong.status = EvalStatus::kWrongAnswer;
  wrong.message = "wrong answer: output C[0][0] is 1";
  ASSERT_TRUE(ctx_.store.Record(ResultEvent{problem_.id, 0, wrong, 0, false}).ok());
  ASSERT_TRUE(search.OnEvaluated(0).ok());
  EXPECT_TRUE(search.done());
  EXPECT_TRUE(ctx_.proposals.empty()) << "no proposals for a problem whose baseline is wrong";
  const ProblemSummary& s = ctx_.store.state().Find(problem_.id)->summary;
  EXPECT_EQ(s.state, ProblemPhase::kFailed);
  EXPECT_EQ(s.message, "the baseline failed its check: wrong_answer: wrong answer: output C[0][0] is 1");
}

TEST_P(BeamPhaseTest, AnswerWithoutCodeIsRecordedAsNoCode) {
  BeamSearch search(problem_, options_, "test", ctx_);
  ASSERT_TRUE(search.Start().ok());
  ASSERT_TRUE(ctx_.Score(0, 10.0).ok());
  ASSERT_TRUE(search.OnEvaluated(0).ok());
  while (!ctx_.proposals.empty() && ctx_.proposals.front().phase == ProposalPhase::kPlan) AnswerNext(search);
  ProposalTask task = ctx_.proposals.front();
  ctx_.proposals.pop_front();
  ProposalResult empty;
  empty.task_id = task.id;
  empty.origin = "test";
  empty.error = "the reply had no code block";
  ASSERT_TRUE(search.OnProposal(task, empty).ok());
  const CandidateRecord& c = ctx_.store.state().Find(problem_.id)->candidates.back();
  EXPECT_STREQ(c.status_name(), "no_code");
  EXPECT_EQ(c.result->status, EvalStatus::kNoCode);
  EXPECT_FALSE(c.correct());
  EXPECT_EQ(c.result->message, "no code: the reply had no code block");
}

// Answers every proposal and scores every evaluation until nothing is asked.
// score(id) gives a score, or a negative number for a compile error.
void Settle(RecordingContext& ctx, BeamSearch& search, const std::function<double(uint64_t)>& score) {
  size_t scored = 0;
  while (!ctx.proposals.empty() || scored < ctx.evaluations.size()) {
    if (!ctx.proposals.empty()) {
      ProposalTask task = ctx.proposals.front();
      ctx.proposals.pop_front();
      Answer(search, task);
      continue;
    }
    const uint64_t id = ctx.evaluations[scored++];
    const double value = score(id);
    EvalResult result;
    if (value >= 0) {
      result.status = EvalStatus::kOk;
      result.score = value;
    } else {
      result.status = EvalStatus::kCompileError;
      result.message = "did not compile";
      result.trace = "candidate.c:3: error: expected ';'";
    }
    ASSERT_TRUE(ctx.store.Record(ResultEvent{{"synthetic", "bench", 0}, id, result, 0,
                                             false}).ok());
    ASSERT_TRUE(search.OnEvaluated(id).ok());
  }
}

TEST_P(BeamPhaseTest, FailedImplementationIsReimplementedOnceWithItsError) {
  options_.reimplement_failed = true;
  options_.plans_per_candidate = 1;
  BeamSearch search(problem_, options_, "test", ctx_);
  ASSERT_TRUE(search.Start().ok());
  // Candidate 1 fails to compile; everything else scores 5.
  Settle(ctx_, search, [](uint64_t id) { return id == 1 ? -1.0 : (id == 0 ? 10.0 : 5.0); });
  const auto& candidates = ctx_.store.state().Find(problem_.id)->candidates;
  int reimplementations = 0;
  for (const auto& c : candidates) {
    if (c.candidate.impl_slot < kReimplementSlot) continue;
    ++reimplementations;
    EXPECT_EQ(c.candidate.parent, candidates[1].candidate.parent) << "it implements the same plan of the same parent";
    EXPECT_EQ(c.candidate.plan, candidates[1].candidate.plan);
    EXPECT_EQ(c.candidate.impl_slot, candidates[1].candidate.impl_slot + kReimplementSlot);
  }
  EXPECT_EQ(reimplementations, 1);
  EXPECT_NE(std::find(ctx_.log.begin(), ctx_.log.end(), "reimplement"), ctx_.log.end());
  EXPECT_TRUE(search.done());
}

TEST_P(BeamPhaseTest, ReimplementationIsOffByDefault) {
  options_.plans_per_candidate = 1;
  BeamSearch search(problem_, options_, "test", ctx_);
  ASSERT_TRUE(search.Start().ok());
  Settle(ctx_, search, [](uint64_t id) { return id == 1 ? -1.0 : 5.0; });
  EXPECT_EQ(std::find(ctx_.log.begin(), ctx_.log.end(), "reimplement"), ctx_.log.end());
}

TEST_P(BeamPhaseTest, EarlyStopEndsAStalledSearch) {
  options_.iterations = 6;
  options_.early_stop_window = 2;
  options_.early_stop_threshold = 0.99;
  BeamSearch search(problem_, options_, "test", ctx_);
  ASSERT_TRUE(search.Start().ok());
  // The first iteration improves 10 -> 8; nothing improves after that.
  Settle(ctx_, search, [&](uint64_t id) {
    return id == 0 ? 10.0 : ctx_.store.state().Find(problem_.id)->candidates[id].candidate.iteration == 1 ? 8.0 : 9.0;
  });
  ASSERT_TRUE(search.done());
  const ProblemState& p = *ctx_.store.state().Find(problem_.id);
  EXPECT_EQ(p.beams.size(), 3u) << "stops after iteration 3: best(3) / best(1) = 1";
  EXPECT_NE(p.summary.message.find("stopped early after iteration 3"), std::string::npos) << p.summary.message;
}

INSTANTIATE_TEST_SUITE_P(Modes, BeamPhaseTest, ::testing::Values("pipelined", "phase_synchronous"));

}  // namespace
}  // namespace autocomp
