// backends/gemmini/admm_codegen.cc — the admm-multifunction kernel generator (see admm_codegen.h).
#include "admm_codegen.h"

#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace autocomp::gemmini {
namespace {

constexpr int kDim = 4;
constexpr unsigned kVecSlot = 1024;     // scratchpad row of the first vector block
constexpr unsigned kResidentBase = 2048;  // scratchpad row of the first resident matrix tile

// One product a * M x of an operation.
struct Term {
  std::string mat;      // C expression of &M[0][0]
  int rows = 0, cols = 0;
  std::string vec;      // C expression of the vector's first element
  std::string vec_name; // the array it lives in (dependencies are tracked per array)
  float scale = 1.0f;
};

// y = out_scale * (sum of terms + bias).
struct Op {
  std::string out, out_name;
  int rows = 0;
  float out_scale = 1.0f;
  std::string bias, bias_name;  // empty: no bias
  std::vector<Term> terms;
};

struct Problem {
  std::string loop;            // the time-step loop header, empty for one step
  std::string prelude;         // declarations before the loop
  std::vector<Op> ops;         // one step
};

Problem Describe(int problem, int steps) {
  Problem p;
  const std::string K = "&Kinf[0][0]";
  if (problem == 0) {
    p.ops.push_back({"&u[0][0]", "u", 4, -1.0f, "&d[0][0]", "d", {{K, 4, 12, "&x[0][0]", "x", 1.0f}}});
  } else if (problem == 1) {
    p.loop = "for (int i = 0; i < " + std::to_string(steps) + "; i++)";
    p.ops.push_back({"&u[i][0][0]", "u", 4, -1.0f, "&d[i][0][0]", "d", {{K, 4, 12, "&x[i][0][0]", "x", 1.0f}}});
    p.ops.push_back({"&x[i + 1][0][0]", "x", 12, 1.0f, "", "",
                     {{"&Adyn[0][0]", 12, 12, "&x[i][0][0]", "x", 1.0f}, {"&Bdyn[0][0]", 12, 4, "&u[i][0][0]", "u", 1.0f}}});
  } else {
    p.loop = "for (int i = " + std::to_string(steps - 2) + "; i >= 0; i--)";
    p.prelude = "  static float t[4] __attribute__((aligned(16)));\n";
    p.ops.push_back({"t", "t", 4, 1.0f, "&r[i][0][0]", "r", {{"&BdynT[0][0]", 4, 12, "&p[i + 1][0][0]", "p", 1.0f}}});
    p.ops.push_back({"&d[i][0][0]", "d", 4, 1.0f, "", "", {{"&Quu_inv[0][0]", 4, 4, "t", "t", 1.0f}}});
    p.ops.push_back({"&p[i][0][0]", "p", 12, 1.0f, "&q[i][0][0]", "q",
                     {{"&AmBKt[0][0]", 12, 12, "&p[i + 1][0][0]", "p", 1.0f},
                      {"&KinfT[0][0]", 12, 4, "&r[i][0][0]", "r", -1.0f}}});
  }
  return p;
}

std::string Fl(float f) { return f == -1.0f ? "-1.0f" : f == 1.0f ? "1.0f" : std::to_string(f) + "f"; }
std::string Hex(unsigned v) {
  char b[16];
  std::snprintf(b, sizeof(b), "0x%08Xu", v);
  return b;
}
std::string Plus(const std::string& base, int off) { return off ? base + " + " + std::to_string(off) : base; }

// What the generator knows at a point of the code: the configuration
// registers, arrays written by mvouts not yet fenced, and DRAM locations
// read by mvins not yet fenced.
struct State {
  std::map<std::string, std::string> cfg;  // register -> the statement that set it
  std::set<std::string> dirty;             // array names with outstanding mvouts
  std::set<std::string> pending_reads;     // exact vector expressions with outstanding mvins
  bool operator==(const State&) const = default;
};

// The join of two states at a loop head: registers known only where both agree; hazards of either.
State Join(const State& a, const State& b) {
  State j;
  for (const auto& [reg, stmt] : a.cfg) {
    auto it = b.cfg.find(reg);
    if (it != b.cfg.end() && it->second == stmt) j.cfg[reg] = stmt;
  }
  j.dirty = a.dirty;
  j.dirty.insert(b.dirty.begin(), b.dirty.end());
  j.pending_reads = a.pending_reads;
  j.pending_reads.insert(b.pending_reads.begin(), b.pending_reads.end());
  return j;
}

class Emitter {
 public:
  Emitter(const Problem& p, const AdmmKnobs& k) : p_(p), k_(k) {
    unsigned tile = 0;
    for (const Op& op : p.ops) {
      for (const Term& t : op.terms) {
        if (!resident_base_.count(t.mat)) {
          resident_base_[t.mat] = kResidentBase + kDim * tile;
          tile += unsigned(t.rows / kDim) * unsigned(t.cols / kDim);
          shapes_[t.mat] = {t.rows, t.cols};
          order_.push_back(t.mat);
        }
      }
    }
  }

  // Matrices into the scratchpad once (resident).
  void Prologue(std::ostringstream& o, State& s) {
    for (const std::string& m : order_) {
      const auto [rows, cols] = shapes_[m];
      Cfg(o, s, "ld0", "config_ld(" + std::to_string(cols * 4) + ", 1.0f, 4, 0);");
      for (int rb = 0; rb < rows / kDim; ++rb)
        for (int cb = 0; cb < cols / kDim; ++cb)
          o << ind_ << "mvin(" << Plus(m, kDim * rb * cols + kDim * cb) << ", " << MatAddr(m, rb, cb) << ", 4, 4);\n";
    }
  }

  void Step(std::ostringstream& o, State& s) {
    const size_t n = p_.ops.size();
    std::vector<std::vector<bool>> done(n), init(n);
    std::vector<char> bias_in(n, 0);
    for (size_t j = 0; j < n; ++j) {
      done[j].assign(p_.ops[j].terms.size(), false);
      init[j].assign(size_t(p_.ops[j].rows / kDim), false);
    }
    for (size_t j = 0; j < n; ++j) {
      const Op& op = p_.ops[j];
      if (!k_.hoist) {  // the baseline's per-operation configuration
        Cfg(o, s, "ex", "config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);");
        Cfg(o, s, "st", "config_st(4, " + Fl(k_.ew_cpu ? 1.0f : op.out_scale) + ");");
        Cfg(o, s, "ld2", "config_ld(4, 1.0f, 4, 2);");
      } else {
        Cfg(o, s, "ex", "config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);");
      }
      if (!op.bias.empty() && !k_.ew_cpu && !bias_in[j]) Bias(o, s, j, &init[j], &bias_in[j]);
      for (size_t t = 0; t < op.terms.size(); ++t) {
        if (done[j][t]) continue;
        std::vector<std::pair<size_t, size_t>> group = {{j, t}};
        done[j][t] = true;
        if (k_.merge) {
          for (size_t j2 = j + 1; j2 < n; ++j2)
            for (size_t t2 = 0; t2 < p_.ops[j2].terms.size(); ++t2) {
              const Term& a = op.terms[t];
              const Term& b = p_.ops[j2].terms[t2];
              if (done[j2][t2] || a.vec != b.vec || a.scale != b.scale) continue;
              if (!p_.ops[j2].bias.empty() && !k_.ew_cpu && !bias_in[j2]) Bias(o, s, j2, &init[j2], &bias_in[j2]);
              group.push_back({j2, t2});
              done[j2][t2] = true;
            }
        }
        Group(o, s, group, &init);
      }
      Mvout(o, s, j);
    }
  }

 private:
  void Cfg(std::ostringstream& o, State& s, const std::string& reg, const std::string& stmt) {
    if (k_.hoist && s.cfg.count(reg) && s.cfg[reg] == stmt) return;
    o << ind_ << stmt << "\n";
    s.cfg[reg] = stmt;
  }
  void Fence(std::ostringstream& o, State& s) {
    o << ind_ << "fence();\n";
    s.dirty.clear();
    s.pending_reads.clear();
  }
  // A read of DRAM array `name` by Gemmini or the CPU: wait for outstanding mvouts into it.
  void Read(std::ostringstream& o, State& s, const std::string& name) {
    if (s.dirty.count(name)) Fence(o, s);
  }
  std::string MatAddr(const std::string& m, int rb, int cb) const {
    if (!k_.resident) return "0";
    const int cols = shapes_.at(m).second;
    return std::to_string(resident_base_.at(m) + unsigned(kDim * (rb * (cols / kDim) + cb)));
  }
  static unsigned Acc(size_t op, int rb) { return (1u << 31) + unsigned(16 * op) + unsigned(kDim * rb); }

  void Bias(std::ostringstream& o, State& s, size_t j, std::vector<bool>* init, char* bias_in) {
    const Op& op = p_.ops[j];
    Read(o, s, op.bias_name);
    if (k_.hoist) Cfg(o, s, "ld2", "config_ld(4, 1.0f, 4, 2);");
    for (int rb = 0; rb < op.rows / kDim; ++rb) {
      o << ind_ << "mvin3(" << Plus(op.bias, kDim * rb) << ", " << Hex(Acc(j, rb)) << ", 1, 4);\n";
      (*init)[size_t(rb)] = true;
    }
    *bias_in = 1;
    s.pending_reads.insert(op.bias);
  }

  void Group(std::ostringstream& o, State& s, const std::vector<std::pair<size_t, size_t>>& group,
             std::vector<std::vector<bool>>* init) {
    const Term& lead = p_.ops[group[0].first].terms[group[0].second];
    const int cbs = lead.cols / kDim;
    Read(o, s, lead.vec_name);
    s.pending_reads.insert(lead.vec);
    Cfg(o, s, "ld1", "config_ld(4, " + Fl(lead.scale) + ", 4, 1);");
    if (!k_.resident) Cfg(o, s, "ld0", "config_ld(" + std::to_string(lead.cols * 4) + ", 1.0f, 4, 0);");
    auto acc_arg = [&](size_t j, int rb) {
      const bool acc = (*init)[j][size_t(rb)];
      (*init)[j][size_t(rb)] = true;
      return Hex(Acc(j, rb) | (acc ? (1u << 30) : 0u));
    };
    auto a_tile = [&](const Term& t, int rb, int cb) {
      if (!k_.resident) o << ind_ << "mvin(" << Plus(t.mat, kDim * rb * t.cols + kDim * cb) << ", 0, 4, 4);\n";
      return MatAddr(t.mat, rb, cb);
    };
    if (!k_.xreuse) {  // the baseline's order: the vector block moved in and preloaded for every tile
      for (const auto& [j, ti] : group) {
        const Term& t = p_.ops[j].terms[ti];
        for (int rb = 0; rb < t.rows / kDim; ++rb)
          for (int cb = 0; cb < cbs; ++cb) {
            const std::string a = a_tile(t, rb, cb);
            o << ind_ << "mvin2(" << Plus(t.vec, kDim * cb) << ", " << kVecSlot << ", 1, 4);\n";
            o << ind_ << "preload(" << kVecSlot << ", " << acc_arg(j, rb) << ", 1, 4, 1, 4);\n";
            o << ind_ << "compute_preloaded(" << a << ", GARBAGE_ADDR, 4, 4, 4, 4);\n";
          }
      }
      return;
    }
    for (int cb = 0; cb < cbs; ++cb)
      o << ind_ << "mvin2(" << Plus(lead.vec, kDim * cb) << ", " << kVecSlot + kDim * cb << ", 1, 4);\n";
    for (int cb = 0; cb < cbs; ++cb) {
      bool first = true;
      for (const auto& [j, ti] : group) {
        const Term& t = p_.ops[j].terms[ti];
        for (int rb = 0; rb < t.rows / kDim; ++rb) {
          const std::string a = a_tile(t, rb, cb);
          if (first) {
            o << ind_ << "preload(" << kVecSlot + kDim * cb << ", " << acc_arg(j, rb) << ", 1, 4, 1, 4);\n";
            o << ind_ << "compute_preloaded(" << a << ", GARBAGE_ADDR, 4, 4, 4, 4);\n";
          } else {
            o << ind_ << "preload(GARBAGE_ADDR, " << acc_arg(j, rb) << ", 1, 4, 1, 4);\n";
            o << ind_ << "compute_accumulated(" << a << ", GARBAGE_ADDR, 4, 4, 4, 4);\n";
          }
          first = false;
        }
      }
    }
  }

  void Mvout(std::ostringstream& o, State& s, size_t j) {
    const Op& op = p_.ops[j];
    if (s.pending_reads.count(op.out)) Fence(o, s);  // an earlier mvin of this location must finish first
    Cfg(o, s, "st", "config_st(4, " + Fl(k_.ew_cpu ? 1.0f : op.out_scale) + ");");
    for (int rb = 0; rb < op.rows / kDim; ++rb)
      o << ind_ << "mvout(" << Plus(op.out, kDim * rb) << ", " << Hex(Acc(j, rb)) << ", 1, 4);\n";
    s.dirty.insert(op.out_name);
    const bool cpu_loop = k_.ew_cpu && (!op.bias.empty() || op.out_scale != 1.0f);
    if (k_.fences == 0 || cpu_loop) Fence(o, s);
    if (cpu_loop) {
      o << ind_ << "for (int k = 0; k < " << op.rows << "; k++) (" << op.out << ")[k] = " << Fl(op.out_scale)
        << " * ((" << op.out << ")[k]";
      if (!op.bias.empty()) o << " + (" << op.bias << ")[k]";
      o << ");\n";
    }
  }

  const Problem& p_;
  const AdmmKnobs& k_;
  std::map<std::string, unsigned> resident_base_;
  std::map<std::string, std::pair<int, int>> shapes_;
  std::vector<std::string> order_;

 public:
  std::string ind_ = "  ";
};

}  // namespace

std::string AdmmKnobComment(const AdmmKnobs& k) {
  char buf[200];
  std::snprintf(buf, sizeof(buf),
                "// autocomp-tuner admm: straight=%d resident=%d xreuse=%d merge=%d hoist=%d fences=%d ew_cpu=%d",
                int(k.straight), int(k.resident), int(k.xreuse), int(k.merge), int(k.hoist), k.fences,
                int(k.ew_cpu));
  return buf;
}

std::optional<AdmmKnobs> ParseAdmmKnobs(const std::string& code) {
  const size_t at = code.find("// autocomp-tuner admm:");
  if (at == std::string::npos) return std::nullopt;
  int v[7];
  if (std::sscanf(code.c_str() + at,
                  "// autocomp-tuner admm: straight=%d resident=%d xreuse=%d merge=%d hoist=%d fences=%d ew_cpu=%d",
                  &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6]) != 7) {
    return std::nullopt;
  }
  return AdmmKnobs{v[0] != 0, v[1] != 0, v[2] != 0, v[3] != 0, v[4] != 0, v[5], v[6] != 0};
}

bool AdmmKnobsValid(int problem, int steps, const AdmmKnobs& k) {
  if (problem < 0 || problem > 2 || steps < 1 || (problem == 2 && steps < 2)) return false;
  if (k.fences < 0 || k.fences > 1) return false;
  if (!k.straight) return k == AdmmKnobs{};  // the baseline itself
  if (k.merge && !k.xreuse) return false;
  // Problem 0 is one operation: nothing to merge, and its only fence is the final one.
  if (problem == 0 && (k.merge || k.fences != 0)) return false;
  return true;
}

std::string GenerateAdmm(int problem, int steps, const AdmmKnobs& k, const std::string& signature) {
  const Problem p = Describe(problem, steps);
  Emitter e(p, k);
  std::ostringstream o;
  o << AdmmKnobComment(k) << "\n";
  o << "// Straight-line Gemmini code per time step (DIM 4, fp32): vector blocks are the\n"
       "// stationary operand (preload), matrix tiles stream through; one accumulator\n"
       "// region of 16 rows per operation of a step.\n";
  o << signature << " {\n" << p.prelude;
  State s;
  if (k.resident) e.Prologue(o, s);
  if (p.loop.empty()) {
    e.Step(o, s);
  } else {
    // Configuration and hazards at the loop head: the join of the entry state
    // and the state the body ends in, iterated until it is stable.
    if (k.hoist) {
      // Set before the loop what the body ends with, so that settings the body
      // starts with and does not change are not repeated at every step.
      std::ostringstream scratch;
      State end = s;
      e.Step(scratch, end);
      for (const auto& [reg, stmt] : end.cfg) {
        if (s.cfg.count(reg) && s.cfg[reg] == stmt) continue;
        o << "  " << stmt << "\n";
        s.cfg[reg] = stmt;
      }
    }
    State head = s;
    for (int it = 0; it < 8; ++it) {
      std::ostringstream scratch;
      State end = head;
      e.Step(scratch, end);
      State next = Join(s, end);
      if (next == head) break;
      head = next;
    }
    o << "  " << p.loop << " {\n";
    e.ind_ = "    ";
    State body = head;
    e.Step(o, body);
    o << "  }\n";
    e.ind_ = "  ";
    s = body;
  }
  if (k.fences != 0) o << "  fence();\n";
  o << "}\n";
  return o.str();
}

}  // namespace autocomp::gemmini
