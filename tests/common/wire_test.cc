// tests/common/wire_test.cc — every message survives a round trip; garbage is DataLoss.
#include "common/wire.h"

#include <gtest/gtest.h>

namespace autocomp {
namespace {

TEST(WireTest, HelloRoundTrip) {
  HelloMsg m;
  m.rank = 3;
  m.host = "node17";
  m.local_rank = 1;
  m.resource = {"gpu", 1, {4, 5, 6}, "cores 4-6", "GPU-8f3c2a1b-0d4e"};
  m.slots = 4;
  m.build_threads = 2;
  m.backend_version = "cpu-1+abc";
  m.isolation = "pid+net+mount namespaces";
  m.healthy = false;
  m.error = "no compiler";
  HelloMsg out;
  ASSERT_TRUE(Decode(Encode(m), &out).ok());
  EXPECT_EQ(out.rank, 3);
  EXPECT_EQ(out.host, "node17");
  EXPECT_EQ(out.resource.cpus, (std::vector<int>{4, 5, 6}));
  EXPECT_EQ(out.resource.description, "cores 4-6");
  EXPECT_EQ(out.resource.device_id, "GPU-8f3c2a1b-0d4e");
  EXPECT_FALSE(out.healthy);
  EXPECT_EQ(out.error, "no compiler");
}

TEST(WireTest, BatchAndResultRoundTrip) {
  EvalBatchMsg batch;
  batch.tasks.push_back({7, {"cpu", "gemm", 0}, "void gemm() {}\n"});
  batch.tasks.push_back({8, {"cpu", "softmax", 2}, std::string(100000, 'x')});
  EvalBatchMsg b2;
  ASSERT_TRUE(Decode(Encode(batch), &b2).ok());
  ASSERT_EQ(b2.tasks.size(), 2u);
  EXPECT_EQ(b2.tasks[1].problem.ToString(), "cpu/softmax/2");
  EXPECT_EQ(b2.tasks[1].code.size(), 100000u);

  ResultMsg r;
  r.task_id = 8;
  r.result.status = EvalStatus::kOk;
  r.result.score = 0.00123;
  r.result.metrics = {{"cv", 0.01}, {"times_s", {1, 2, 3}}};
  r.result.trace = "ok";
  r.result.worker = 2;
  ResultMsg r2;
  ASSERT_TRUE(Decode(Encode(r), &r2).ok());
  EXPECT_EQ(r2.task_id, 8u);
  EXPECT_EQ(r2.result.status, EvalStatus::kOk);
  ASSERT_TRUE(r2.result.score.has_value());
  EXPECT_DOUBLE_EQ(*r2.result.score, 0.00123);
  EXPECT_EQ(r2.result.metrics["times_s"][2], 3);

  ResultMsg wrong;
  wrong.result.status = EvalStatus::kWrongAnswer;
  ResultMsg w2;
  ASSERT_TRUE(Decode(Encode(wrong), &w2).ok());
  EXPECT_FALSE(w2.result.score.has_value());

  // Every status crosses the wire, the newest included.
  for (int s = 0; s <= static_cast<int>(kLastEvalStatus); ++s) {
    ResultMsg any;
    any.result.status = static_cast<EvalStatus>(s);
    ResultMsg back;
    ASSERT_TRUE(Decode(Encode(any), &back).ok()) << EvalStatusName(any.result.status);
    EXPECT_EQ(back.result.status, any.result.status);
  }

  // The re-check threshold and the purpose of a task travel with it.
  EvalTask t{3, {"cpu", "gemm", 4}, "code", 1, 3, 0.25, EvalPurpose::kFinal};
  EvalBatchMsg one{{t}}, one_back;
  ASSERT_TRUE(Decode(Encode(one), &one_back).ok());
  EXPECT_EQ(one_back.tasks[0].rounds, 3);
  EXPECT_DOUBLE_EQ(one_back.tasks[0].recheck_below, 0.25);
  EXPECT_EQ(one_back.tasks[0].purpose, EvalPurpose::kFinal);
}

TEST(WireTest, GarbageIsDataLoss) {
  ResultMsg r;
  Status s = Decode(std::string("\x01\x02garbage"), &r);
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("malformed RESULT message"), std::string::npos);
  std::string truncated = Encode(EvalBatchMsg{{{1, {"cpu", "gemm", 0}, "code"}}});
  truncated.resize(truncated.size() / 2);
  EvalBatchMsg b;
  EXPECT_EQ(Decode(truncated, &b).code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace autocomp
