// tests/gemmini/model_fixture.h — drives the Gemmini model directly with
// RoCC commands against a small DRAM, for instruction-level tests.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "model/gemmini_model.h"
#include "sim/memory.h"

namespace autocomp::gemmini::testing {

inline uint64_t Pack(uint32_t addr, uint64_t cols, uint64_t rows) { return (rows << 48) | (cols << 32) | addr; }
inline uint32_t FloatBits(float f) { uint32_t b; std::memcpy(&b, &f, 4); return b; }

class ModelTest : public ::testing::Test {
 protected:
  static constexpr uint64_t kBase = Memory::kDramBase;

  void SetUpModel(GemminiConfig config = GemminiConfig::Int8()) {
    mem_ = std::move(Memory::Create(64 << 20).value());
    GemminiOptions o;
    o.config = config;
    o.print = [this](const std::string& s) { printed_ += s; };
    model_ = GemminiModel::Create(o, mem_.get());
  }
  void SetUp() override { SetUpModel(); }

  RoccUnit::Outcome Cmd(uint32_t funct, uint64_t rs1, uint64_t rs2, uint64_t* rd = nullptr) {
    RoccCommand c;
    c.insn = (funct << 25) | (3 << 12) | 0x7b;
    c.rs1 = rs1;
    c.rs2 = rs2;
    c.pc = 0x80001234;
    uint64_t value = 0, fault = 0;
    auto out = model_->Execute(c, &value, &fault);
    if (rd) *rd = value;
    last_fault_ = fault;
    return out;
  }
  void Ok(uint32_t funct, uint64_t rs1, uint64_t rs2) {
    ASSERT_EQ(Cmd(funct, rs1, rs2), RoccUnit::Outcome::kDone) << LastMessage();
  }
  // config_ld: stride in bytes, scale, block stride, id, shrunk
  void ConfigLd(uint64_t stride, float scale, uint16_t block_stride, int id, bool shrunk = false) {
    Ok(kConfig, (uint64_t(FloatBits(scale)) << 32) | (uint64_t(block_stride) << 16) | (uint64_t(id) << 3) |
                    (uint64_t(shrunk) << 2) | 1, stride);
  }
  void ConfigSt(uint64_t stride, float scale, int act = 0) {
    Ok(kConfig, (uint64_t(act) << 2) | 2, (uint64_t(FloatBits(scale)) << 32) | stride);
  }
  // config_ex: dataflow 1 = WS
  RoccUnit::Outcome ConfigEx(int dataflow, int act, bool a_t, bool b_t, uint32_t shift = 0, uint16_t a_stride = 1,
                             uint16_t c_stride = 1) {
    return Cmd(kConfig, (uint64_t(a_stride) << 16) | (uint64_t(b_t) << 9) | (uint64_t(a_t) << 8) |
                            (uint64_t(act) << 3) | (uint64_t(dataflow) << 2),
               (uint64_t(c_stride) << 48) | shift);
  }
  template <class T>
  void Put(uint64_t addr, const std::vector<T>& v) { ASSERT_TRUE(mem_->Write(addr, v.data(), v.size() * sizeof(T))); }
  template <class T>
  std::vector<T> Get(uint64_t addr, size_t n) {
    std::vector<T> v(n);
    EXPECT_TRUE(mem_->Read(addr, v.data(), n * sizeof(T)));
    return v;
  }
  std::string LastMessage() const {
    const auto& d = model_->diagnostics();
    return d.empty() ? std::string() : d.back().message;
  }
  bool AnyFatal() const {
    for (const auto& d : model_->diagnostics()) if (d.fatal) return true;
    return false;
  }

  std::unique_ptr<Memory> mem_;
  std::unique_ptr<GemminiModel> model_;
  std::string printed_;
  uint64_t last_fault_ = 0;
};

}  // namespace autocomp::gemmini::testing
