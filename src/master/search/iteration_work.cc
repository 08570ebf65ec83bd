// src/master/search/iteration_work.cc — the open work of one search iteration.
#include "master/search/iteration_work.h"

#include <numeric>

namespace autocomp {

namespace {
const char* KindName(IterationWork::Kind kind) {
  switch (kind) {
    case IterationWork::Kind::kPlan: return "plan request";
    case IterationWork::Kind::kImplementation: return "implementation request";
    case IterationWork::Kind::kEvaluation: return "evaluation";
    case IterationWork::Kind::kHeldPlan: return "held plan";
  }
  return "work";
}
}  // namespace

Status IterationWork::Close(Kind kind) {
  int& n = open_[Index(kind)];
  if (n == 0) return InternalError(std::string("search bookkeeping: a ") + KindName(kind) + " closed that was never opened");
  --n;
  return Status::Ok();
}

int IterationWork::total() const { return std::accumulate(open_.begin(), open_.end(), 0); }

}  // namespace autocomp
