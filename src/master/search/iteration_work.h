// src/master/search/iteration_work.h
//
// What one iteration of a problem's search still waits for: plan and
// implementation requests in flight, evaluations in flight, plans held back
// (phase-synchronous mode), and holds — scopes during which the iteration
// must not end although nothing is in flight yet (expanding the beam, fanning
// a returned plan out into its implementations). The iteration can end only
// when idle(): every count is zero and no hold is active.
//
// Invariant: no count goes below zero; closing work that was never opened is
// an InternalError (a bookkeeping bug, reported instead of ending early).
//
// Thread-safety: the master's one thread.
#pragma once

#include <array>
#include <cstddef>

#include "common/status.h"

namespace autocomp {

class IterationWork {
 public:
  enum class Kind { kPlan, kImplementation, kEvaluation, kHeldPlan };

  void Open(Kind kind) { ++open_[Index(kind)]; }
  Status Close(Kind kind);
  int open(Kind kind) const { return open_[Index(kind)]; }
  // Everything in flight or held, of every kind.
  int total() const;
  bool holding() const { return holds_ > 0; }
  bool idle() const { return total() == 0 && !holding(); }

  // Keeps the iteration open while it lives.
  class Hold {
   public:
    explicit Hold(IterationWork& work) : work_(&work) { ++work_->holds_; }
    ~Hold() { if (work_) --work_->holds_; }
    Hold(Hold&& other) noexcept : work_(other.work_) { other.work_ = nullptr; }
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;
    Hold& operator=(Hold&&) = delete;

   private:
    IterationWork* work_;
  };
  [[nodiscard]] Hold HoldOpen() { return Hold(*this); }

 private:
  static size_t Index(Kind kind) { return static_cast<size_t>(kind); }
  std::array<int, 4> open_{};
  int holds_ = 0;
};

}  // namespace autocomp
