// tests/prompt/prompt_builder_test.cc
//
// Golden-file tests of prompt assembly, and the structure of each prompt.
//
// The goldens (tests/prompt/golden/*.txt) hold the plan, implement and
// reimplement prompts for cpu gemm/0 and the plan and implement prompts for
// gemmini exo/0 (plus an fp32 admm plan prompt that selects its ISA with
// "prompt_isa"), built from the real prompts/<backend>/ material, a fixed
// problem fixture and fixed seeds. A change to the wording, the order, the
// material or the draws shows up as a failing comparison that names the
// first differing line and writes the new text to
//   <build>/prompt_golden_actual/<name>
// so that `diff -u tests/prompt/golden/<name> <build>/prompt_golden_actual/<name>`
// shows all of it. When the change is intended, regenerate the goldens with
//   AUTOCOMP_UPDATE_GOLDEN=1 ctest -R PromptGolden     (or run the binary)
// and review the diff of tests/prompt/golden/ before committing it.
#include "master/prompt/prompt_builder.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "master/prompt/code_extraction.h"
#include "master/prompt/menu_dropout.h"
#include "master/prompt/plan_extraction.h"

namespace autocomp {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = AUTOCOMP_SOURCE_DIR;

// --- fixtures: problems as their backends load them (copied, so that a change
// --- to sols/ does not change these goldens).

Problem CpuGemm0() {
  Problem p;
  p.id = {"cpu", "gemm", 0};
  p.description = "gemm M=512 N=512 K=512";
  p.solution = CFunctionForm("void gemm(int M, int N, int K, const float* A, const float* B, float* C)");
  p.score_unit = "s";
  p.spec = {{"kind", "gemm"},
            {"M", 512},
            {"N", 512},
            {"K", 512},
            {"summary", "fp32 matrix multiply C = A·B, row-major"},
            {"contract",
             "A is M×K, B is K×N, C is M×N, all row-major and densely packed. Overwrite C with A·B. Do not "
             "modify A or B; do not touch memory outside C."}};
  p.baseline_code = R"(// Naive fp32 matrix multiply: the starting point of the search.
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; ++j) {
      float sum = 0.0f;
      for (int k = 0; k < K; ++k) {
        sum += A[i * K + k] * B[k * N + j];
      }
      C[i * N + j] = sum;
    }
  }
}
)";
  return p;
}

Problem GemminiExo0() {
  Problem p;
  p.id = {"gemmini", "exo", 0};
  p.description =
      "int8 GEMM C[512][512] = A[512][512] * B[512][512] (I x K x J = 512x512x512), saturated to int8";
  p.solution = CFunctionForm("void solution(int8_t A[512][512], int8_t B[512][512], int8_t C[512][512])");
  p.score_unit = "instructions";
  p.spec = {{"kind", "gemm"},
            {"config", "int8"},
            {"summary", "int8 GEMM layers from the Exo benchmarks (the paper's exo problems 0-5)"},
            {"contract",
             "A, B and C are row-major int8 arrays. Overwrite C with A*B, each element saturated to [-128, 127] "
             "(accumulator scale 1.0, no activation). Do not write outside C. End with fence() so every mvout "
             "has landed."}};
  p.baseline_code = R"(void solution(int8_t A[512][512], int8_t B[512][512], int8_t C[512][512]) {
  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
  config_st(512);
  config_ld(512, 1.0f, 16, 0);
  config_ld(512, 1.0f, 16, 1);
  for (int io = 0; io < 32; io++) {
    for (int jo = 0; jo < 32; jo++) {
      for (int k = 0; k < 32; k++) {
        mvin(&A[16 * io][16 * k], 0, 16, 16);
        mvin2(&B[16 * k][16 * jo], 8192, 16, 16);
        preload(8192, (1u << 31) | (k ? (1u << 30) : 0), 16, 16, 16, 16);
        compute_preloaded(0, GARBAGE_ADDR, 16, 16, 16, 16);
      }
      mvout(&C[16 * io][16 * jo], 1u << 31, 16, 16);
    }
  }
  fence();
}
)";
  return p;
}

Problem GemminiAdmm0() {
  Problem p;
  p.id = {"gemmini", "admm-multifunction", 0};
  p.description = "TinyMPC forward step u = -(Kinf x + d) in fp32 (nx=12, nu=4)";
  p.solution = CFunctionForm("void solution(float Kinf[4][12], float x[12][1], float d[4][1], float u[4][1])");
  p.score_unit = "instructions";
  p.spec = {{"kind", "admm"},
            {"config", "fp32"},
            {"prompt_isa", {"isa.txt", "isa_fp32.txt"}},
            {"contract", "fp32 row-major arrays; outputs must match the reference to a relative 1e-4."}};
  p.baseline_code = R"(void solution(float Kinf[4][12], float x[12][1], float d[4][1], float u[4][1]) {
  for (int i = 0; i < 4; i++) {
    float acc = d[i][0];
    for (int j = 0; j < 12; j++) acc += Kinf[i][j] * x[j][0];
    u[i][0] = -acc;
  }
}
)";
  return p;
}

const nlohmann::json kCpuMetrics = {{"median_s", 0.2632}, {"min_s", 0.2611}, {"cv", 0.0042}, {"gflops", 1.0198}};
const nlohmann::json kGemminiMetrics = {
    {"scratchpad_utilization", 0.5}, {"accumulator_utilization", 0.015625}, {"cycles_estimate", 1754112}};

const char* const kCpuPlan =
    "Optimization 3: register tiling. Compute C in 4x16 blocks held in eight AVX2 accumulators; per k, "
    "load two vectors of B and broadcast four values of A, then issue eight FMAs. Handle N % 16 columns "
    "with a scalar loop.";
const char* const kGemminiPlan =
    "Optimization 1: tiling. Compute a 16x64 block of C per pass so each A tile feeds four computes, and "
    "move the four B tiles of a k step with one wide mvin.";

PromptMaterial Material(const std::string& backend) {
  Result<PromptMaterial> m = LoadPromptMaterial(kSource / "prompts" / backend);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() ? *m : PromptMaterial{};
}

ProblemText TextFor(const Problem& p, const PromptMaterial& m) {
  Result<ProblemText> t = ProblemTextFor(p, m);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : ProblemText{};
}

std::string Render(const Prompt& prompt) {
  std::string s = "=== system ===\n" + prompt.system + "\n=== user ===\n" + prompt.user;
  if (!prompt.offered_menu.empty()) {
    s += "=== offered menu (shown number -> menu index) ===\n";
    for (size_t k = 0; k < prompt.offered_menu.size(); ++k) {
      s += std::to_string(k + 1) + " -> " + std::to_string(prompt.offered_menu[k]) + "\n";
    }
  }
  s += "=== examples ===\n";
  for (const std::string& name : prompt.example_names) s += name + "\n";
  return s;
}

void ExpectGolden(const std::string& name, const std::string& actual) {
  const fs::path golden = kSource / "tests/prompt/golden" / name;
  const char* update = std::getenv("AUTOCOMP_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << actual;
    std::cout << "updated " << golden.string() << "\n";
    return;
  }
  std::ifstream in(golden, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden " << golden.string() << "; create it with AUTOCOMP_UPDATE_GOLDEN=1";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string expected = ss.str();
  if (expected == actual) return;

  const fs::path out_dir = fs::path(AUTOCOMP_BINARY_DIR) / "prompt_golden_actual";
  fs::create_directories(out_dir);
  std::ofstream(out_dir / name, std::ios::binary) << actual;
  std::istringstream e(expected), a(actual);
  std::string el, al;
  int line = 0;
  while (true) {
    ++line;
    const bool more_e = static_cast<bool>(std::getline(e, el));
    const bool more_a = static_cast<bool>(std::getline(a, al));
    if (!more_e && !more_a) break;
    if (!more_e || !more_a || el != al) {
      ADD_FAILURE() << "prompt differs from golden " << golden.string() << " at line " << line << "\n"
                    << "  expected: " << (more_e ? el : "<end of file>") << "\n"
                    << "  actual:   " << (more_a ? al : "<end of file>") << "\n"
                    << "whole diff: diff -u " << golden.string() << " " << (out_dir / name).string() << "\n"
                    << "if intended: AUTOCOMP_UPDATE_GOLDEN=1 and review the diff";
      return;
    }
  }
  ADD_FAILURE() << "prompt differs from golden " << golden.string() << " (line endings?)";
}

PlanPromptInput PlanInput(const Problem& p, const PromptMaterial& m, const nlohmann::json& metrics, double score,
                          double keep, const FeedbackProbabilities& fp, uint64_t seed) {
  PlanPromptInput in;
  in.problem = TextFor(p, m);
  in.parent_code = p.baseline_code;
  in.feedback = DrawFeedback(metrics, score, p.score_unit, m.hardware_metrics, fp, seed);
  in.offered_menu = DropoutMenu(m.menu.size(), keep, seed);
  in.iteration = 2;
  in.iterations = 10;
  return in;
}

// --- goldens

// A Python solution form (cuda): the prompts ask for a python block with the class, not a C function.
TEST(PromptBuilderTest, PythonSolutionsAreAskedForAsFiles) {
  Result<PromptMaterial> material = LoadPromptMaterial(kSource / "prompts" / "cuda");
  ASSERT_TRUE(material.ok()) << material.status().ToString();
  Problem p;
  p.id = {"cuda", "ops", 1};
  p.description = "matmul fp32 (M=128, K=128, N=128)";
  p.solution = {"python", "class", "ModelNew", "class ModelNew(torch.nn.Module) with forward(self, A, B)", "model_new.py"};
  p.score_unit = "s";
  p.baseline_code = "class ModelNew:\n    pass\n";
  Result<ProblemText> text = ProblemTextFor(p, *material);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  ImplementPromptInput input;
  input.problem = *text;
  input.parent_code = p.baseline_code;
  input.plan = "Optimization 2: shared-memory tiling";
  const Prompt prompt = BuildImplementPrompt(*material, input);
  EXPECT_NE(prompt.user.find("Solution class (Python): `class ModelNew(torch.nn.Module) with forward(self, A, B)`"),
            std::string::npos) << prompt.user;
  EXPECT_NE(prompt.user.find("```python\nclass ModelNew:"), std::string::npos);
  EXPECT_NE(prompt.user.find("the class `ModelNew` as declared above, and every import"), std::string::npos);
  EXPECT_EQ(prompt.user.find("every #include, helper function"), std::string::npos) << "no C wording for a Python file";
  EXPECT_NE(prompt.user.find("load_inline"), std::string::npos) << "the cuda rules and target are in it";
}

TEST(PromptGoldenTest, CpuGemmPlan) {
  const PromptMaterial m = Material("cpu");
  PlanPromptInput in = PlanInput(CpuGemm0(), m, kCpuMetrics, 0.2632, 0.5, {1.0, 1.0, 1.0}, 42);
  in.include_examples = true;
  ExpectGolden("cpu_gemm0_plan.txt", Render(BuildPlanPrompt(m, in)));
}

TEST(PromptGoldenTest, CpuGemmImplement) {
  const PromptMaterial m = Material("cpu");
  ImplementPromptInput in;
  in.problem = TextFor(CpuGemm0(), m);
  in.parent_code = CpuGemm0().baseline_code;
  in.plan = kCpuPlan;
  ExpectGolden("cpu_gemm0_implement.txt", Render(BuildImplementPrompt(m, in)));
}

TEST(PromptGoldenTest, CpuGemmReimplement) {
  const PromptMaterial m = Material("cpu");
  ReimplementPromptInput in;
  in.problem = TextFor(CpuGemm0(), m);
  in.parent_code = CpuGemm0().baseline_code;
  in.plan = kCpuPlan;
  in.failed_code =
      "#include <immintrin.h>\nvoid gemm(int M, int N, int K, const float* A, const float* B, float* C) {\n"
      "  __m256 c0 = _mm256_setzero_ps()\n}\n";
  in.failure_status = "compile_error";
  in.failure_message = "did not compile";
  in.error_output =
      "candidate.c: In function 'gemm':\ncandidate.c:3:35: error: expected ';' before '}' token\n"
      "    3 |   __m256 c0 = _mm256_setzero_ps()\n      |                                   ^\n";
  ExpectGolden("cpu_gemm0_reimplement.txt", Render(BuildReimplementPrompt(m, in)));
}

TEST(PromptGoldenTest, GemminiExoPlan) {
  const PromptMaterial m = Material("gemmini");
  const PlanPromptInput in = PlanInput(GemminiExo0(), m, kGemminiMetrics, 1574912, 0.6, {1.0, 1.0, 1.0}, 7);
  ExpectGolden("gemmini_exo0_plan.txt", Render(BuildPlanPrompt(m, in)));
}

TEST(PromptGoldenTest, GemminiExoImplement) {
  const PromptMaterial m = Material("gemmini");
  ImplementPromptInput in;
  in.problem = TextFor(GemminiExo0(), m);
  in.parent_code = GemminiExo0().baseline_code;
  in.plan = kGemminiPlan;
  ExpectGolden("gemmini_exo0_implement.txt", Render(BuildImplementPrompt(m, in)));
}

TEST(PromptGoldenTest, GemminiAdmmPlanSelectsTheFp32Isa) {
  const PromptMaterial m = Material("gemmini");
  const PlanPromptInput in = PlanInput(GemminiAdmm0(), m, nlohmann::json::object(), 912, 0.5, {1.0, 0.5, 0.5}, 3);
  const Prompt prompt = BuildPlanPrompt(m, in);
  EXPECT_NE(prompt.user.find(m.files.at("isa_fp32.txt")), std::string::npos);
  ExpectGolden("gemmini_admm0_plan.txt", Render(prompt));
}

// --- structure

size_t Pos(const std::string& text, const std::string& what) {
  const size_t at = text.find(what);
  EXPECT_NE(at, std::string::npos) << "missing: " << what;
  return at;
}

TEST(PromptBuilderTest, PlanSectionsInOrder) {
  const PromptMaterial m = Material("cpu");
  PlanPromptInput in = PlanInput(CpuGemm0(), m, kCpuMetrics, 0.2632, 0.5, {1.0, 1.0, 1.0}, 42);
  in.include_examples = true;
  const std::string u = BuildPlanPrompt(m, in).user;
  const std::vector<std::string> order = {"## The target",      "## Worked examples", "## The problem",
                                          "## The current code", "Measurements of this code:",
                                          "## Optimization menu", "## Your task",     "## Rules",
                                          "## Progress"};
  for (size_t i = 1; i < order.size(); ++i) EXPECT_LT(Pos(u, order[i - 1]), Pos(u, order[i])) << order[i];
  EXPECT_NE(u.find("This is iteration 2 of 10"), std::string::npos);
  EXPECT_NE(u.find(m.rules), std::string::npos);
  EXPECT_NE(u.find(m.isa), std::string::npos);
  EXPECT_NE(u.find("- Score: 0.2632 s (lower is better)"), std::string::npos);

  in.include_examples = false;
  in.feedback.clear();
  in.iteration = 10;
  const std::string v = BuildPlanPrompt(m, in).user;
  EXPECT_EQ(v.find("## Worked examples"), std::string::npos);
  EXPECT_EQ(v.find("Measurements"), std::string::npos);
  EXPECT_NE(v.find("This is iteration 10 of 10 of the search. It is the last one."), std::string::npos);
}

TEST(PromptBuilderTest, MenuNumberingMapsBackToMenuIndices) {
  const PromptMaterial m = Material("cpu");
  PlanPromptInput in;
  in.problem = TextFor(CpuGemm0(), m);
  in.parent_code = "void gemm() {}";
  in.offered_menu = {9, 2, 14, 99, -1};  // shown in this order; out-of-range indices skipped
  const Prompt prompt = BuildPlanPrompt(m, in);
  EXPECT_EQ(prompt.offered_menu, (std::vector<int>{9, 2, 14}));
  for (int k = 1; k <= 3; ++k) {
    const int index = *MenuIndexOfChoice(prompt.offered_menu, k);
    EXPECT_NE(prompt.user.find(std::to_string(k) + ". " + m.menu[static_cast<size_t>(index)] + "\n"), std::string::npos);
  }
  const size_t menu_at = Pos(prompt.user, "## Optimization menu"), task_at = Pos(prompt.user, "## Your task");
  EXPECT_EQ(prompt.user.substr(menu_at, task_at - menu_at).find("\n4. "), std::string::npos);
  // A reply choosing the second shown entry traces back to menu entry 2.
  EXPECT_EQ(MenuIndexOfChoice(prompt.offered_menu, *ChosenMenuEntry("Optimization 2: " + m.menu[2])), 2);

  in.offered_menu.clear();  // empty: the whole menu
  EXPECT_EQ(BuildPlanPrompt(m, in).offered_menu.size(), m.menu.size());
}

TEST(PromptBuilderTest, ImplementPromptMatchesExamplesToThePlan) {
  const PromptMaterial m = Material("cpu");
  ImplementPromptInput in;
  in.problem = TextFor(CpuGemm0(), m);
  in.parent_code = CpuGemm0().baseline_code;
  in.plan = "Optimization 1: loop reordering to i-k-j.";
  Prompt p = BuildImplementPrompt(m, in);
  EXPECT_EQ(p.example_names, std::vector<std::string>{"loop_reordering"});
  EXPECT_TRUE(p.offered_menu.empty());
  const std::vector<std::string> order = {"## The target", "## The problem", "## The current code", "## The plan",
                                          "## Worked examples", "## Rules", "## Your task"};
  for (size_t i = 1; i < order.size(); ++i) EXPECT_LT(Pos(p.user, order[i - 1]), Pos(p.user, order[i])) << order[i];
  EXPECT_NE(p.user.find("in one ```c fenced block"), std::string::npos);

  in.plan = "register tiling with intrinsics, then fusing passes, then loop reordering";
  EXPECT_EQ(BuildImplementPrompt(m, in).example_names, (std::vector<std::string>{"fusing_passes", "loop_reordering"}));
  in.max_examples = -1;
  EXPECT_EQ(BuildImplementPrompt(m, in).example_names.size(), 3u);
  in.max_examples = 0;
  EXPECT_EQ(BuildImplementPrompt(m, in).user.find("## Worked examples"), std::string::npos);
  in.plan = "something unrelated";
  in.max_examples = 2;
  EXPECT_TRUE(BuildImplementPrompt(m, in).example_names.empty());
}

TEST(PromptBuilderTest, ReimplementCarriesTheFailureAndBoundsTheOutput) {
  const PromptMaterial m = Material("cpu");
  ReimplementPromptInput in;
  in.problem = TextFor(CpuGemm0(), m);
  in.parent_code = "void gemm() { /* parent */ }";
  in.plan = "plan text";
  in.failed_code = "void gemm() { /* failed */ }";
  in.failure_status = "wrong_answer";
  in.failure_message = "wrong answer: output C[0][0] is 1, expected 2";
  in.error_output = std::string(5000, 'a') + std::string(5000, 'b');
  in.max_error_chars = 1000;
  const std::string u = BuildReimplementPrompt(m, in).user;
  EXPECT_LT(Pos(u, "/* parent */"), Pos(u, "plan text"));
  EXPECT_LT(Pos(u, "plan text"), Pos(u, "/* failed */"));
  EXPECT_NE(u.find("Status: wrong_answer (wrong answer: output C[0][0] is 1, expected 2)."), std::string::npos);
  EXPECT_NE(u.find("[... 9000 characters left out ...]"), std::string::npos);
  EXPECT_EQ(u.find(std::string(501, 'a')), std::string::npos);
  EXPECT_NE(u.find(std::string(500, 'a')), std::string::npos);
  in.error_output = "";
  EXPECT_NE(BuildReimplementPrompt(m, in).user.find("The evaluation left no output."), std::string::npos);
}

TEST(PromptBuilderTest, FencedCodeRoundTripsThroughExtraction) {
  const std::string code = "void gemm(int M) {\n  const char* s = \"```\";\n  /* ```` */\n}\n";
  const std::string fenced = FenceCode(code, "c");
  EXPECT_EQ(fenced.rfind("`````c\n", 0), 0u);  // longer than the longest run inside
  ExtractedCode back = ExtractCode("Here:\n" + fenced, "gemm");
  ASSERT_TRUE(back.found);
  EXPECT_EQ(back.code, code);
  EXPECT_EQ(FenceCode("int x;\n\n\n", "cpp"), "```cpp\nint x;\n```\n");
}

TEST(PromptBuilderTest, TheDocumentedCallSequenceWorksEndToEnd) {
  // docs/prompts.md, "How the proposer uses it", with scripted replies.
  Result<PromptMaterial> material = LoadPromptMaterial(kSource / "prompts" / "cpu");
  ASSERT_TRUE(material.ok());
  const Problem problem = CpuGemm0();
  Result<ProblemText> text = ProblemTextFor(problem, *material);
  ASSERT_TRUE(text.ok());
  const uint64_t seed = 99;
  PlanPromptInput plan_in{*text, problem.baseline_code,
                          DrawFeedback(kCpuMetrics, 0.26, problem.score_unit, material->hardware_metrics,
                                       FeedbackProbabilities{}, seed),
                          DropoutMenu(material->menu.size(), 0.5, seed), 1, 5};
  const Prompt plan_prompt = BuildPlanPrompt(*material, plan_in);
  const std::string plan = ExtractPlan("<think>hmm</think>\nOptimization 2: " +
                                       material->menu[static_cast<size_t>(plan_prompt.offered_menu[1])]);
  EXPECT_EQ(MenuIndexOfChoice(plan_prompt.offered_menu, *ChosenMenuEntry(plan)), plan_prompt.offered_menu[1]);
  const Prompt impl_prompt = BuildImplementPrompt(*material, {*text, problem.baseline_code, plan});
  EXPECT_NE(impl_prompt.user.find(plan), std::string::npos);
  const ExtractedCode code = ExtractCode("Done.\n```c\n" + problem.baseline_code + "```\n", text->solution.name);
  ASSERT_TRUE(code.found);
  EXPECT_EQ(code.code, problem.baseline_code);
}

TEST(PromptBuilderTest, ElideMiddle) {
  EXPECT_EQ(ElideMiddle("short", 10), "short");
  EXPECT_EQ(ElideMiddle("0123456789abcdef", 6), "012\n[... 10 characters left out ...]\ndef");
}

TEST(PromptBuilderTest, SameInputSamePrompt) {
  const PromptMaterial m = Material("gemmini");
  const PlanPromptInput in = PlanInput(GemminiExo0(), m, kGemminiMetrics, 1574912, 0.6, {1.0, 1.0, 1.0}, 7);
  EXPECT_EQ(BuildPlanPrompt(m, in).user, BuildPlanPrompt(m, in).user);
  const PlanPromptInput other = PlanInput(GemminiExo0(), m, kGemminiMetrics, 1574912, 0.6, {1.0, 1.0, 1.0}, 8);
  EXPECT_NE(BuildPlanPrompt(m, in).offered_menu, BuildPlanPrompt(m, other).offered_menu);
}

}  // namespace
}  // namespace autocomp
