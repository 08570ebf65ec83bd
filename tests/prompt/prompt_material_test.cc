// tests/prompt/prompt_material_test.cc
//
// LoadPromptMaterial on the real prompts/cpu and prompts/gemmini folders and
// on broken folders (each error names the file), example tags and matching,
// ISA selection by the problem spec key "prompt_isa", and ProblemTextFor.
#include "master/prompt/prompt_material.h"

#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "master/prompt/problem_text.h"

namespace autocomp {
namespace {

namespace fs = std::filesystem;

const fs::path kPrompts = fs::path(AUTOCOMP_SOURCE_DIR) / "prompts";

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("autocomp-prompt-test-" + std::to_string(::getpid()) + "-" +
                                         std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void Write(const std::string& name, const std::string& text) const {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name) << text;
  }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

void WriteMinimal(const TempDir& dir) {
  dir.Write("isa.txt", "the target\r\n\n");
  dir.Write("rules.txt", "1. be correct\n");
  dir.Write("menu.txt", "first entry\n\n  second entry  \n");
}

TEST(PromptMaterialTest, LoadsTheCpuFolder) {
  Result<PromptMaterial> m = LoadPromptMaterial(kPrompts / "cpu");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_GE(m->menu.size(), 15u);
  EXPECT_FALSE(m->isa.empty());
  EXPECT_FALSE(m->rules.empty());
  ASSERT_EQ(m->examples.size(), 3u);
  EXPECT_EQ(m->examples[0].name, "fusing_passes");
  EXPECT_EQ(m->examples[1].name, "loop_reordering");
  EXPECT_EQ(m->examples[2].name, "register_tiling");
  ASSERT_EQ(m->hardware_metrics.size(), 3u);
  EXPECT_EQ(m->hardware_metrics[0].key, "gflops");
  EXPECT_TRUE(m->files.count("isa.txt"));
  for (const PromptExample& ex : m->examples) {
    EXPECT_EQ(ex.title.rfind("Example: ", 0), 0u) << ex.name;
    EXPECT_NE(ex.body.find("After:"), std::string::npos) << ex.name;
    EXPECT_EQ(ex.body.find("Tags:"), std::string::npos) << ex.name;
  }
}

TEST(PromptMaterialTest, LoadsTheGemminiFolder) {
  Result<PromptMaterial> m = LoadPromptMaterial(kPrompts / "gemmini");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->menu.size(), 16u);
  ASSERT_EQ(m->examples.size(), 2u);
  EXPECT_EQ(m->examples[0].name, "loop_ws");
  EXPECT_EQ(m->examples[0].keywords, std::vector<std::string>{"loop ws"});  // no Tags line: the file name
  EXPECT_TRUE(m->files.count("isa_fp32.txt"));
}

TEST(PromptMaterialTest, MinimalFolderAndNormalization) {
  TempDir dir;
  WriteMinimal(dir);
  Result<PromptMaterial> m = LoadPromptMaterial(dir.path());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->isa, "the target");
  EXPECT_EQ(m->menu, (std::vector<std::string>{"first entry", "second entry"}));
  EXPECT_TRUE(m->examples.empty());
  EXPECT_TRUE(m->hardware_metrics.empty());
}

TEST(PromptMaterialTest, ErrorsNameTheFile) {
  {
    Result<PromptMaterial> m = LoadPromptMaterial("/nonexistent/prompts/x");
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.status().code(), StatusCode::kNotFound);
    EXPECT_EQ(m.status().message(), "/nonexistent/prompts/x: no such prompt folder");
  }
  for (const char* missing : {"isa.txt", "rules.txt", "menu.txt"}) {
    TempDir dir;
    WriteMinimal(dir);
    fs::remove(dir.path() / missing);
    Result<PromptMaterial> m = LoadPromptMaterial(dir.path());
    ASSERT_FALSE(m.ok()) << missing;
    EXPECT_EQ(m.status().code(), StatusCode::kNotFound);
    EXPECT_EQ(m.status().message(), (dir.path() / missing).string() +
                                        ": missing (a backend's prompt folder needs isa.txt, rules.txt and menu.txt)");
  }
  {
    TempDir dir;
    WriteMinimal(dir);
    dir.Write("menu.txt", "\n  \n");
    Result<PromptMaterial> m = LoadPromptMaterial(dir.path());
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(m.status().message(), (dir.path() / "menu.txt").string() + ": is empty");
  }
  {
    TempDir dir;
    WriteMinimal(dir);
    dir.Write("feedback.txt", "# comment\ngflops: GFLOP/s\nno colon here\n");
    Result<PromptMaterial> m = LoadPromptMaterial(dir.path());
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.status().message(),
              (dir.path() / "feedback.txt").string() + ":3: expected \"metric_key: label\", got \"no colon here\"");
  }
  {
    TempDir dir;
    WriteMinimal(dir);
    dir.Write("examples/empty.txt", "Example: a title only\nTags: x\n\n");
    Result<PromptMaterial> m = LoadPromptMaterial(dir.path());
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.status().message(), (dir.path() / "examples/empty.txt").string() + ": the example has a title but no body");
  }
  {
    TempDir dir;
    WriteMinimal(dir);
    dir.Write("examples/untitled.txt", "\nbody\n");
    Result<PromptMaterial> m = LoadPromptMaterial(dir.path());
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.status().message(), (dir.path() / "examples/untitled.txt").string() + ": an example needs a title on its first line");
  }
}

TEST(PromptMaterialTest, ExampleTagsAndMatching) {
  TempDir dir;
  WriteMinimal(dir);
  dir.Write("examples/loop_ws.txt", "Example: hardware loops\nbody one\n");
  dir.Write("examples/tiling.txt", "Example: tiles\nTags: Cache Blocking, register-tile ,, tiling\n\nbody two\n");
  dir.Write("examples/notes.md", "not an example\n");
  Result<PromptMaterial> m = LoadPromptMaterial(dir.path());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->examples.size(), 2u);
  const PromptExample& tiling = m->examples[1];
  EXPECT_EQ(tiling.title, "Example: tiles");
  EXPECT_EQ(tiling.keywords, (std::vector<std::string>{"tiling", "cache blocking", "register tile"}));
  EXPECT_EQ(tiling.body, "body two");

  auto names = [&](const std::string& plan) {
    std::vector<std::string> out;
    for (const PromptExample* ex : MatchExamples(*m, plan)) out.push_back(ex->name);
    return out;
  };
  EXPECT_EQ(names("Use the hardware unroller (loop_ws)."), std::vector<std::string>{"loop_ws"});
  EXPECT_EQ(names("LOOP-WS everywhere"), std::vector<std::string>{"loop_ws"});
  EXPECT_EQ(names("Optimization 2: Cache blocking with 64x64 tiles"), std::vector<std::string>{"tiling"});
  EXPECT_EQ(names("a Register_Tile of 4x16, then loop ws"), (std::vector<std::string>{"loop_ws", "tiling"}));
  EXPECT_TRUE(names("tile the loops; cache-blocked; loop_wsx").empty());
  EXPECT_TRUE(names("").empty());
}

TEST(PromptMaterialTest, SelectIsaByProblemSpec) {
  TempDir dir;
  WriteMinimal(dir);
  dir.Write("isa_fp32.txt", "fp32 differences\n");
  Result<PromptMaterial> m = LoadPromptMaterial(dir.path());
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(*SelectIsa(*m, nlohmann::json::object()), "the target");
  EXPECT_EQ(*SelectIsa(*m, nlohmann::json{{"prompt_isa", "isa_fp32.txt"}}), "fp32 differences");
  EXPECT_EQ(*SelectIsa(*m, nlohmann::json{{"prompt_isa", {"isa.txt", "isa_fp32.txt"}}}),
            "the target\n\nfp32 differences");

  Result<std::string> unknown = SelectIsa(*m, nlohmann::json{{"prompt_isa", "isa_int4.txt"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().message(), "problem spec key prompt_isa names isa_int4.txt, which " + dir.path().string() +
                                            " does not have (it has: isa.txt, isa_fp32.txt, menu.txt, rules.txt)");
  Result<std::string> path = SelectIsa(*m, nlohmann::json{{"prompt_isa", "../cpu/isa.txt"}});
  ASSERT_FALSE(path.ok());
  EXPECT_EQ(path.status().message(), "problem spec key prompt_isa: \"../cpu/isa.txt\" is not a plain file name");
  Result<std::string> number = SelectIsa(*m, nlohmann::json{{"prompt_isa", 3}});
  ASSERT_FALSE(number.ok());
  EXPECT_EQ(number.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(number.status().message(),
            "problem spec key prompt_isa must be a file name or a non-empty list of file names, got 3");
  EXPECT_FALSE(SelectIsa(*m, nlohmann::json{{"prompt_isa", nlohmann::json::array()}}).ok());
}

TEST(ProblemTextTest, FromProblem) {
  Result<PromptMaterial> m = LoadPromptMaterial(kPrompts / "gemmini");
  ASSERT_TRUE(m.ok());
  Problem p;
  p.id = {"gemmini", "admm-multifunction", 0};
  p.description = "TinyMPC forward step";
  p.solution = CFunctionForm("void solution(float Kinf[4][12], float x[12][1], float d[4][1], float u[4][1])", "");
  p.score_unit = "instructions";
  p.spec = {{"contract", "fp32 row-major"}, {"prompt_isa", {"isa.txt", "isa_fp32.txt"}}};
  Result<ProblemText> t = ProblemTextFor(p, *m);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->solution.name, "solution");
  EXPECT_EQ(t->solution.language, "c");
  EXPECT_EQ(t->contract, "fp32 row-major");
  EXPECT_EQ(t->summary, "");
  EXPECT_EQ(t->isa, m->isa + "\n\n" + m->files.at("isa_fp32.txt"));

  p.spec["contract"] = 5;
  Result<ProblemText> bad_contract = ProblemTextFor(p, *m);
  ASSERT_FALSE(bad_contract.ok());
  EXPECT_EQ(bad_contract.status().message(), "gemmini/admm-multifunction/0: spec key contract must be a string");
  p.spec["contract"] = "ok";
  p.spec["prompt_isa"] = "missing.txt";
  Result<ProblemText> bad_isa = ProblemTextFor(p, *m);
  ASSERT_FALSE(bad_isa.ok());
  EXPECT_EQ(bad_isa.status().message().rfind("gemmini/admm-multifunction/0: problem spec key prompt_isa names missing.txt", 0), 0u);
  p.spec.erase("prompt_isa");
  p.solution = CFunctionForm("not a function");
  Result<ProblemText> bad_sig = ProblemTextFor(p, *m);
  ASSERT_FALSE(bad_sig.ok());
  EXPECT_EQ(bad_sig.status().message(), "gemmini/admm-multifunction/0: the solution \"not a function\" names no function");
  EXPECT_EQ(FenceLanguage("c++"), "cpp");
  EXPECT_EQ(FenceLanguage(""), "c");
}

}  // namespace
}  // namespace autocomp
