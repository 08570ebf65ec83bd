// tests/search/iteration_work_test.cc — the invariants of one iteration's open work.
#include "master/search/iteration_work.h"

#include <gtest/gtest.h>

namespace autocomp {
namespace {

using Kind = IterationWork::Kind;

TEST(IterationWorkTest, IdleOnlyWhenEverythingIsClosed) {
  IterationWork w;
  EXPECT_TRUE(w.idle());
  w.Open(Kind::kPlan);
  w.Open(Kind::kEvaluation);
  EXPECT_FALSE(w.idle());
  EXPECT_EQ(w.total(), 2);
  ASSERT_TRUE(w.Close(Kind::kPlan).ok());
  EXPECT_FALSE(w.idle());
  ASSERT_TRUE(w.Close(Kind::kEvaluation).ok());
  EXPECT_TRUE(w.idle());
}

TEST(IterationWorkTest, AHoldKeepsAnEmptyIterationOpen) {
  IterationWork w;
  {
    IterationWork::Hold hold = w.HoldOpen();
    EXPECT_FALSE(w.idle());
    EXPECT_TRUE(w.holding());
    EXPECT_EQ(w.total(), 0);
    {
      IterationWork::Hold inner = w.HoldOpen();
      EXPECT_TRUE(w.holding());
    }
    EXPECT_FALSE(w.idle()) << "the outer hold still counts";
  }
  EXPECT_TRUE(w.idle());
}

TEST(IterationWorkTest, ClosingWhatWasNeverOpenedIsAnError) {
  IterationWork w;
  w.Open(Kind::kImplementation);
  Status s = w.Close(Kind::kPlan);
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_NE(s.message().find("plan request"), std::string::npos) << s.message();
  EXPECT_EQ(w.open(Kind::kImplementation), 1) << "a failed close changes nothing";
  EXPECT_EQ(w.open(Kind::kPlan), 0);
}

TEST(IterationWorkTest, KindsAreCountedApart) {
  IterationWork w;
  w.Open(Kind::kHeldPlan);
  w.Open(Kind::kHeldPlan);
  w.Open(Kind::kImplementation);
  EXPECT_EQ(w.open(Kind::kHeldPlan), 2);
  EXPECT_EQ(w.open(Kind::kImplementation), 1);
  EXPECT_EQ(w.open(Kind::kEvaluation), 0);
  EXPECT_EQ(w.total(), 3);
}

}  // namespace
}  // namespace autocomp
