// src/master/prompt/code_extraction.h
//
// Takes the candidate code out of a phase-2 (implementation) reply. Reasoning
// in <think>/<thinking> blocks is removed first (thinking_blocks.h); drafts
// written while reasoning are never taken.
//
// Rules, in order:
//   1. Fenced blocks (``` or ~~~, any language tag or none, any
//      indentation). The last block that defines the solution function wins,
//      so a usage snippet or a shell command after the code does not.
//      A block the reply never closes (cut off by max_tokens) counts only if
//      the function's body is complete in it; the block is then taken up to
//      the end of the reply; when it is cut off inside the function, the
//      search goes on to the earlier blocks.
//   2. No block defines the function: brace matching over the whole answer.
//      The last definition of the function (found outside comments and
//      string/char literals) is taken from the start of its line — or the line
//      before, when the return type stands alone there — to its matching
//      closing brace; the #include lines that appear earlier in the answer
//      are put in front of it. Helper functions outside fences are lost.
//   3. Otherwise nothing is found, and `problem_if_not_found` says why in one
//      line (no code at all, blocks without the function, a cut-off block,
//      a reply that ended while still reasoning).
//   With an empty `function_name` rule 1 takes the last closed block and rule
//   2 is skipped.
// For `language` "python" a block defines the name when one of its lines
// starts (at column 0, so at top level) with "class NAME" or "def NAME"
// followed by '(' or ':'; only closed blocks count (an unclosed one may be
// cut anywhere), and rule 2 does not apply: Python code has to be fenced.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

namespace autocomp {

struct ExtractedCode {
  bool found = false;
  std::string code;                  // ends with '\n' when found
  std::string method;                // "fenced" or "brace_match"; empty when not found
  std::string problem_if_not_found;  // one line; empty when found
  int fenced_blocks = 0;             // how many fenced blocks the answer had
};

ExtractedCode ExtractCode(const std::string& reply, const std::string& function_name,
                          const std::string& language = "c");

// The name a C declaration declares: "gemm" for
// "void gemm(int M, int N, int K, const float* A, const float* B, float* C)".
// Empty if there is no identifier before the first '('.
std::string SolutionFunctionName(const std::string& signature);

}  // namespace autocomp
