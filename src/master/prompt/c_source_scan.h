// src/master/prompt/c_source_scan.h
//
// Just enough C/C++ lexing to find a function definition in text an LLM
// wrote and to match its braces: comments, string literals and character
// literals are blanked out so that braces, parentheses and names inside them
// do not count. Works on mixed prose and code, so it is deliberately
// forgiving: a quote that does not close on its own line (an apostrophe in
// "Here's the code") is treated as an ordinary character.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

namespace autocomp {

// `text` with the contents of comments and string/char literals replaced by
// spaces (newlines kept), so every position maps to the same position in
// `text`. Raw strings R"d(…)d" are blanked too.
std::string BlankCommentsAndLiterals(const std::string& text);

// Where a definition of `name` sits in text that was passed through
// BlankCommentsAndLiterals.
struct FunctionSpan {
  size_t name_pos = 0;     // first character of the name
  size_t body_open = 0;    // the '{' that opens the body
  std::optional<size_t> body_close;  // the matching '}', if the text has it
};

// The last definition of `name` in `blanked`: the name as a whole
// identifier, not after '.', "->" or "::"-less member access, followed by a
// balanced parameter list, then only identifiers, whitespace and balanced
// parentheses (attributes, qualifiers) up to '{'. A call or a declaration
// (';' first) is not a definition. nullopt if there is none.
std::optional<FunctionSpan> FindFunctionDefinition(const std::string& blanked, const std::string& name);

}  // namespace autocomp
