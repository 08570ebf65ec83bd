// tests/common/enum_names_test.cc — every recorded state has the name the run file spells.
#include <gtest/gtest.h>

#include "common/eval_result.h"
#include "common/record_states.h"

namespace autocomp {
namespace {

template <class E>
void ExpectRoundTrip(E last) {
  for (int i = 0; i <= static_cast<int>(last); ++i) {
    const E e = static_cast<E>(i);
    EXPECT_STRNE(NameOf(e), "?") << i;
    EXPECT_EQ(FromName<E>(NameOf(e)), e) << NameOf(e);
  }
  EXPECT_EQ(EnumNames<E>::kNames.size(), static_cast<size_t>(last) + 1) << "one name per value";
}

TEST(EnumNamesTest, NamesAreTheRunFileSpelling) {
  EXPECT_STREQ(NameOf(EvalStatus::kOk), "ok");
  EXPECT_STREQ(NameOf(EvalStatus::kResourceLimit), "resource_limit");
  EXPECT_STREQ(NameOf(EvalStatus::kImplausible), "implausible");
  EXPECT_STREQ(NameOf(EvalStatus::kNoCode), "no_code");
  EXPECT_STREQ(NameOf(ProblemPhase::kSearching), "searching");
  EXPECT_STREQ(NameOf(RunStatus::kStopped), "stopped");
  EXPECT_STREQ(NameOf(LlmCallStatus::kUncached), "uncached");
  EXPECT_STREQ(NameOf(LlmCallStatus::kRejected), "rejected");
  EXPECT_STREQ(NameOf(EvalPurpose::kFinal), "final");
}

TEST(EnumNamesTest, EveryValueRoundTrips) {
  ExpectRoundTrip(kLastEvalStatus);
  ExpectRoundTrip(ProblemPhase::kFailed);
  ExpectRoundTrip(RunStatus::kFailed);
  ExpectRoundTrip(LlmCallStatus::kUncached);
  ExpectRoundTrip(EvalPurpose::kFinal);
}

TEST(EnumNamesTest, AnUnknownNameIsNotGuessed) {
  EXPECT_FALSE(FromName<EvalStatus>("pending"));
  EXPECT_FALSE(FromName<ProblemPhase>(""));
  EXPECT_FALSE(FromName<RunStatus>("Finished"));
}

}  // namespace
}  // namespace autocomp
