// tests/prompt/code_extraction_test.cc
//
// ExtractCode over the reply shapes models produce: one block, several
// blocks, language tags, indented and tilde fences, no block (brace
// matching), unterminated blocks, thinking tags before and around code, the
// function's name in comments and strings, braces inside literals and
// comments, and replies with no code at all.
#include "master/prompt/code_extraction.h"

#include <random>

#include <gtest/gtest.h>

namespace autocomp {
namespace {

const char* const kFn = "gemm";

const std::string kCode =
    "void gemm(int M, int N, int K, const float* A, const float* B, float* C) {\n"
    "  for (int i = 0; i < M * N; ++i) C[i] = 0.0f;\n"
    "}\n";

const std::string kOther =
    "void gemm(int M, int N, int K, const float* A, const float* B, float* C) {\n"
    "  /* version two */\n"
    "}\n";

TEST(CodeExtractionTest, OneFencedBlock) {
  ExtractedCode r = ExtractCode("Here is the code:\n\n```c\n" + kCode + "```\n\nIt is faster.", kFn);
  ASSERT_TRUE(r.found) << r.problem_if_not_found;
  EXPECT_EQ(r.code, kCode);
  EXPECT_EQ(r.method, "fenced");
  EXPECT_EQ(r.fenced_blocks, 1);
  EXPECT_TRUE(r.problem_if_not_found.empty());
}

TEST(CodeExtractionTest, SeveralBlocksTakeTheLastDefinition) {
  const std::string reply = "Old:\n```c\n" + kCode + "```\nNew:\n```c\n" + kOther + "```\n";
  ExtractedCode r = ExtractCode(reply, kFn);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.code, kOther);
  EXPECT_EQ(r.fenced_blocks, 2);
}

TEST(CodeExtractionTest, TrailingSnippetWithoutTheFunctionIsSkipped) {
  const std::string reply = "```c\n" + kOther + "```\nCompile it with:\n```bash\ncc -O3 gemm.c\n```\n"
                            "and call it:\n```c\ngemm(M, N, K, A, B, C);\n```\n";
  ExtractedCode r = ExtractCode(reply, kFn);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.code, kOther);
  EXPECT_EQ(r.fenced_blocks, 3);
}

TEST(CodeExtractionTest, AnyLanguageTagAndFenceStyle) {
  for (const std::string open : {"```c", "```cpp", "```C++", "```c++", "```", "``` c", "~~~c", "````cpp",
                                 "```c {.line-numbers}", "   ```c"}) {
    std::string close = open.find('~') != std::string::npos ? "~~~" : (open.rfind("````", 0) == 0 ? "````" : "```");
    ExtractedCode r = ExtractCode("Text\n" + open + "\n" + kCode + close + "\n", kFn);
    ASSERT_TRUE(r.found) << open << ": " << r.problem_if_not_found;
    EXPECT_EQ(r.code, kCode) << open;
    EXPECT_EQ(r.method, "fenced") << open;
  }
}

TEST(CodeExtractionTest, CrLfLineEndingsAndClosingFenceWithSpaces) {
  std::string crlf;
  for (char c : "```c\n" + kCode + "```   \nDone.\n") {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  ExtractedCode r = ExtractCode(crlf, kFn);
  ASSERT_TRUE(r.found) << r.problem_if_not_found;
  EXPECT_EQ(r.code, kCode);
}

TEST(CodeExtractionTest, LongerFenceKeepsInnerBackticks) {
  const std::string code = "/* use ``` in a comment */\n" + kCode;
  ExtractedCode r = ExtractCode("````c\n" + code + "```\nstill code\n````\n", kFn);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.code, code + "```\nstill code\n");
}

TEST(CodeExtractionTest, NoBlockFallsBackToBraceMatching) {
  const std::string reply =
      "Sure! Here's the improved version.\n\n#include <immintrin.h>\n\n"
      "void gemm(int M, int N, int K, const float* A, const float* B, float* C) {\n"
      "  if (M > 0) {\n    C[0] = 1.0f;\n  }\n}\n\nIt's faster because it's vectorized.\n";
  ExtractedCode r = ExtractCode(reply, kFn);
  ASSERT_TRUE(r.found) << r.problem_if_not_found;
  EXPECT_EQ(r.method, "brace_match");
  EXPECT_EQ(r.code,
            "#include <immintrin.h>\n\n"
            "void gemm(int M, int N, int K, const float* A, const float* B, float* C) {\n"
            "  if (M > 0) {\n    C[0] = 1.0f;\n  }\n}\n");
  EXPECT_EQ(r.fenced_blocks, 0);
}

TEST(CodeExtractionTest, BraceMatchTakesReturnTypeOnThePreviousLine) {
  const std::string reply = "The code:\nstatic void\ngemm(int M, int N, int K, const float* A, const float* B, float* C)\n{\n  C[0] = 0;\n}\nend";
  ExtractedCode r = ExtractCode(reply, kFn);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.code, "static void\ngemm(int M, int N, int K, const float* A, const float* B, float* C)\n{\n  C[0] = 0;\n}\n");
}

TEST(CodeExtractionTest, BracesInsideStringsCharsAndCommentsDoNotCount) {
  const std::string body =
      "void gemm(int M, int N, int K, const float* A, const float* B, float* C) {\n"
      "  const char* s = \"}}} not the end {\";  // } a comment brace\n"
      "  char open = '{', close = '}', quote = '\\'';\n"
      "  /* } { } */\n"
      "  if (s[0] == '}') { C[0] = 1.0f; }\n"
      "}\n";
  ExtractedCode r = ExtractCode("Code without fences:\n" + body + "\nThat's all {really}.", kFn);
  ASSERT_TRUE(r.found) << r.problem_if_not_found;
  EXPECT_EQ(r.method, "brace_match");
  EXPECT_EQ(r.code, body);
}

TEST(CodeExtractionTest, RawStringBracesDoNotCount) {
  const std::string body =
      "void gemm(int M, int N, int K, const float* A, const float* B, float* C) {\n"
      "  const char* s = R\"x(}})x\";\n"
      "}\n";
  ExtractedCode r = ExtractCode("C++:\n" + body, kFn);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.code, body);
}

TEST(CodeExtractionTest, NameInCommentsStringsCallsAndDeclarationsIsNotADefinition) {
  const std::string reply =
      "// gemm(int M) { this is a comment, not code }\n"
      "const char* doc = \"gemm(1, 2) { nope }\";\n"
      "void gemm(int M, int N, int K, const float* A, const float* B, float* C);\n"
      "void wrapper(void) { obj.gemm(1) ; p->gemm(2); gemm(0, 0, 0, 0, 0, 0); }\n"
      "void gemm(int M, int N, int K, const float* A, const float* B, float* C) { C[0] = 2; }\n";
  ExtractedCode r = ExtractCode(reply, kFn);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.method, "brace_match");
  EXPECT_EQ(r.code, "void gemm(int M, int N, int K, const float* A, const float* B, float* C) { C[0] = 2; }\n");
}

TEST(CodeExtractionTest, SimilarNamesAreNotTheFunction) {
  const std::string reply = "```c\nvoid gemm_helper(int n) { }\nvoid my_gemm(int n) { }\n```\n";
  ExtractedCode r = ExtractCode(reply, kFn);
  EXPECT_FALSE(r.found);
  EXPECT_EQ(r.problem_if_not_found,
            "the reply has 1 fenced block but none defines gemm(), and no complete definition outside them");
}

TEST(CodeExtractionTest, UnterminatedBlockWithCompleteFunctionIsTaken) {
  ExtractedCode r = ExtractCode("Here:\n```c\n" + kCode + "\n", kFn);
  ASSERT_TRUE(r.found) << r.problem_if_not_found;
  EXPECT_EQ(r.method, "fenced");
  EXPECT_EQ(r.code, kCode);
}

TEST(CodeExtractionTest, UnterminatedBlockCutOffInsideTheFunctionIsNotCode) {
  const std::string reply = "Here:\n```c\nvoid gemm(int M, int N, int K, const float* A, const float* B, float* C) {\n"
                            "  for (int i = 0; i < M; ++i) {\n    C[i] = 0";
  ExtractedCode r = ExtractCode(reply, kFn);
  EXPECT_FALSE(r.found);
  EXPECT_TRUE(r.code.empty());
  EXPECT_TRUE(r.method.empty());
  EXPECT_EQ(r.problem_if_not_found,
            "the reply ends inside an unterminated code block in which gemm() is incomplete (cut off?)");
}

TEST(CodeExtractionTest, CutOffRewriteFallsBackToTheEarlierCompleteBlock) {
  const std::string reply = "First try:\n```c\n" + kCode + "```\nBetter:\n```c\nvoid gemm(int M) {\n  if (M) {\n";
  ExtractedCode r = ExtractCode(reply, kFn);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.code, kCode);
}

TEST(CodeExtractionTest, ThinkingBeforeCodeIsIgnored) {
  const std::string reply = "<think>\nMaybe:\n```c\nvoid gemm(int M) { draft(); }\n```\nno, better</think>\n\n```c\n" +
                            kOther + "```";
  ExtractedCode r = ExtractCode(reply, kFn);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.code, kOther);
  EXPECT_EQ(r.fenced_blocks, 1);  // the draft inside the thinking block is not counted
}

TEST(CodeExtractionTest, CodeOnlyInsideThinkingIsNotTaken) {
  const std::string reply = "<thinking>\n```c\n" + kCode + "```\n</thinking>\nThe code above is my answer.";
  ExtractedCode r = ExtractCode(reply, kFn);
  EXPECT_FALSE(r.found);
  EXPECT_EQ(r.problem_if_not_found,
            "the reply contains no code: no fenced block and no definition of gemm() outside the thinking block");
}

TEST(CodeExtractionTest, ReplyEndingInsideThinkingHasNoCode) {
  const std::string reply = "<think>\nLet me write it:\n```c\n" + kCode + "```\nhmm";
  ExtractedCode r = ExtractCode(reply, kFn);
  EXPECT_FALSE(r.found);
  EXPECT_EQ(r.problem_if_not_found,
            "the reply ended inside a thinking block (cut off while reasoning?) with no usable code before it");
}

TEST(CodeExtractionTest, OrphanClosingThinkTagDropsEverythingBefore) {
  const std::string reply = "reasoning with a draft ```c\nvoid gemm(int M) { x(); }\n```\n</think>\n```c\n" + kOther + "```\n";
  ExtractedCode r = ExtractCode(reply, kFn);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.code, kOther);
}

TEST(CodeExtractionTest, NoCodeAtAll) {
  ExtractedCode r = ExtractCode("I cannot improve this code any further; it is already optimal.", kFn);
  EXPECT_FALSE(r.found);
  EXPECT_EQ(r.fenced_blocks, 0);
  EXPECT_EQ(r.problem_if_not_found, "the reply contains no code: no fenced block and no definition of gemm()");
  EXPECT_FALSE(ExtractCode("", kFn).found);
}

TEST(CodeExtractionTest, BlocksWithoutTheFunction) {
  ExtractedCode r = ExtractCode("```c\nint x;\n```\n```python\nprint(1)\n```\n", kFn);
  EXPECT_FALSE(r.found);
  EXPECT_EQ(r.fenced_blocks, 2);
  EXPECT_EQ(r.problem_if_not_found,
            "the reply has 2 fenced blocks but none defines gemm(), and no complete definition outside them");
}

TEST(CodeExtractionTest, InlineTripleBackticksAreNotFences) {
  const std::string reply = "```c``` blocks are what I would use, but here it is plainly:\n" + kCode;
  ExtractedCode r = ExtractCode(reply, kFn);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.method, "brace_match");
}

TEST(CodeExtractionTest, WithoutAFunctionNameTheLastClosedBlockIsTaken) {
  ExtractedCode r = ExtractCode("```c\nint a;\n```\n```c\nint b;\n```\n```c\nint c;\n", "");
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.code, "int b;\n");
  EXPECT_FALSE(ExtractCode("void gemm(void) {}", "").found);
}

TEST(CodeExtractionTest, RandomRepliesNeverBreakTheInvariants) {
  // Replies assembled from fragments that stress the scanner: unbalanced
  // braces, quotes, comment openers, fences and thinking tags.
  const std::vector<std::string> pieces = {"```c\n", "```\n", "~~~\n", "{", "}", "(", ")", "\"", "'", "/*", "*/",
                                           "//", "\n", "void gemm(int M) ", "gemm(", ";", "<think>", "</think>",
                                           "R\"x(", ")x\"", "text ", "#include <x.h>\n", "\\"};
  std::mt19937_64 rng(12345);
  int found = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    std::string reply;
    const int n = static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) reply += pieces[rng() % pieces.size()];
    ExtractedCode r = ExtractCode(reply, kFn);
    if (r.found) {
      ++found;
      EXPECT_FALSE(r.code.empty());
      EXPECT_EQ(r.code.back(), '\n');
      EXPECT_TRUE(r.method == "fenced" || r.method == "brace_match") << r.method;
      EXPECT_TRUE(r.problem_if_not_found.empty());
      EXPECT_NE(r.code.find("gemm"), std::string::npos) << reply;
    } else {
      EXPECT_TRUE(r.code.empty());
      EXPECT_FALSE(r.problem_if_not_found.empty());
    }
  }
  EXPECT_GT(found, 10);  // the generator does produce extractable replies
}

// Python solutions (cuda): the last closed block that defines the class at top level.
TEST(CodeExtractionTest, PythonTakesTheLastBlockThatDefinesTheClass) {
  const std::string model = "import torch\n\nclass ModelNew(torch.nn.Module):\n    def forward(self, x):\n        return x\n";
  const std::string usage = "m = ModelNew()\nprint(m(torch.zeros(3)))\n";
  const std::string reply = "Plan first.\n```python\n" + model + "```\nUse it like this:\n```python\n" + usage + "```\n";
  ExtractedCode r = ExtractCode(reply, "ModelNew", "python");
  ASSERT_TRUE(r.found) << r.problem_if_not_found;
  EXPECT_EQ(r.code, model);
  EXPECT_EQ(r.fenced_blocks, 2);

  // An older draft earlier, the final version last: the last one wins.
  const std::string second = "class ModelNew(torch.nn.Module):\n    pass\n";
  EXPECT_EQ(ExtractCode("```python\n" + model + "```\nBetter:\n```py\n" + second + "```\n", "ModelNew", "python").code,
            second);
}

TEST(CodeExtractionTest, PythonNeedsAClosedTopLevelDefinition) {
  // Indented (nested) or longer names do not define ModelNew at top level.
  EXPECT_FALSE(ExtractCode("```python\nif True:\n    class ModelNew:\n        pass\n```\n", "ModelNew", "python").found);
  EXPECT_FALSE(ExtractCode("```python\nclass ModelNewer:\n    pass\n```\n", "ModelNew", "python").found);
  // A block cut off by max_tokens may be cut anywhere: not taken, and said so.
  ExtractedCode cut = ExtractCode("```python\nclass ModelNew(nn.Module):\n    def forward(self, x):\n", "ModelNew", "python");
  EXPECT_FALSE(cut.found);
  EXPECT_NE(cut.problem_if_not_found.find("unterminated"), std::string::npos) << cut.problem_if_not_found;
  // No brace matching outside fences for Python.
  EXPECT_FALSE(ExtractCode("class ModelNew(nn.Module):\n    pass\n", "ModelNew", "python").found);
  // Thinking is removed first.
  EXPECT_FALSE(ExtractCode("<think>```python\nclass ModelNew:\n    pass\n```</think>done", "ModelNew", "python").found);
}

TEST(CodeExtractionTest, SolutionFunctionName) {
  EXPECT_EQ(SolutionFunctionName("void gemm(int M, int N, int K, const float* A, const float* B, float* C)"), "gemm");
  EXPECT_EQ(SolutionFunctionName("void solution(int8_t A[512][512], int8_t B[512][512], int8_t C[512][512])"),
            "solution");
  EXPECT_EQ(SolutionFunctionName("float* scale (float* x, int n)"), "scale");
  EXPECT_EQ(SolutionFunctionName("void conv2d(int N)"), "conv2d");
  EXPECT_EQ(SolutionFunctionName("no parenthesis"), "");
  EXPECT_EQ(SolutionFunctionName("(int x)"), "");
}

}  // namespace
}  // namespace autocomp
