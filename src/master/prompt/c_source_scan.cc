// src/master/prompt/c_source_scan.cc — blanking literals, finding definitions.
#include "master/prompt/c_source_scan.h"

#include <cctype>

namespace autocomp {

namespace {

bool IsIdent(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// End (one past the closing quote) of a literal opened by `quote` at `at`,
// if it closes on the same line; nullopt otherwise.
std::optional<size_t> LiteralEnd(const std::string& s, size_t at, char quote) {
  for (size_t i = at + 1; i < s.size(); ++i) {
    if (s[i] == '\n') return std::nullopt;
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == quote) return i + 1;
    // Character literals are short; a lone apostrophe in prose is not one.
    if (quote == '\'' && i - at > 10) return std::nullopt;
  }
  return std::nullopt;
}

// End of a raw string R"delim( … )delim" whose R is at `at`.
std::optional<size_t> RawStringEnd(const std::string& s, size_t at) {
  size_t open = s.find('(', at + 2);
  if (open == std::string::npos || open - (at + 2) > 16) return std::nullopt;
  const std::string delim = s.substr(at + 2, open - (at + 2));
  for (char c : delim) {
    if (c == ' ' || c == '\\' || c == ')' || c == '\n' || c == '"') return std::nullopt;
  }
  size_t close = s.find(")" + delim + "\"", open + 1);
  if (close == std::string::npos) return std::nullopt;
  return close + delim.size() + 2;
}

void Blank(std::string& out, size_t from, size_t to) {
  for (size_t i = from; i < to && i < out.size(); ++i) {
    if (out[i] != '\n') out[i] = ' ';
  }
}

}  // namespace

std::string BlankCommentsAndLiterals(const std::string& text) {
  std::string out = text;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '/' && next == '/') {
      size_t end = text.find('\n', i);
      if (end == std::string::npos) end = text.size();
      Blank(out, i, end);
      i = end;
    } else if (c == '/' && next == '*') {
      size_t end = text.find("*/", i + 2);
      end = end == std::string::npos ? text.size() : end + 2;
      Blank(out, i, end);
      i = end;
    } else if (c == 'R' && next == '"' && (i == 0 || !IsIdent(text[i - 1]) || text[i - 1] == 'u' ||
                                            text[i - 1] == 'U' || text[i - 1] == 'L' || text[i - 1] == '8')) {
      if (std::optional<size_t> end = RawStringEnd(text, i)) {
        Blank(out, i + 1, *end);
        i = *end;
      } else {
        ++i;
      }
    } else if (c == '"' || c == '\'') {
      if (std::optional<size_t> end = LiteralEnd(text, i, c)) {
        Blank(out, i + 1, *end - 1);  // keep the quotes themselves
        i = *end;
      } else {
        ++i;
      }
    } else {
      ++i;
    }
  }
  return out;
}

namespace {

// If `s[open]` is '(' returns the index of its matching ')'.
std::optional<size_t> MatchParen(const std::string& s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0) return i;
    if (s[i] == '{' || s[i] == '}' || s[i] == ';') return std::nullopt;
  }
  return std::nullopt;
}

std::optional<size_t> MatchBrace(const std::string& s, size_t open) {
  long depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    if (s[i] == '}' && --depth == 0) return i;
  }
  return std::nullopt;
}

// From just after a parameter list: the '{' of a body, if only qualifiers
// and attributes come first.
std::optional<size_t> BodyOpen(const std::string& s, size_t from) {
  size_t i = from;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '{') return i;
    if (c == '(') {
      std::optional<size_t> close = MatchParen(s, i);
      if (!close) return std::nullopt;
      i = *close + 1;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c)) || IsIdent(c)) {
      ++i;
      continue;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<FunctionSpan> FindFunctionDefinition(const std::string& blanked, const std::string& name) {
  if (name.empty()) return std::nullopt;
  std::optional<FunctionSpan> last;
  for (size_t at = blanked.find(name); at != std::string::npos; at = blanked.find(name, at + 1)) {
    const size_t end = at + name.size();
    if (at > 0 && IsIdent(blanked[at - 1])) continue;
    if (end < blanked.size() && IsIdent(blanked[end])) continue;
    size_t before = at;
    while (before > 0 && (blanked[before - 1] == ' ' || blanked[before - 1] == '\t')) --before;
    if (before > 0 && (blanked[before - 1] == '.' || blanked[before - 1] == '>')) continue;  // member call
    size_t paren = end;
    while (paren < blanked.size() && std::isspace(static_cast<unsigned char>(blanked[paren]))) ++paren;
    if (paren >= blanked.size() || blanked[paren] != '(') continue;
    std::optional<size_t> close = MatchParen(blanked, paren);
    if (!close) continue;
    std::optional<size_t> open = BodyOpen(blanked, *close + 1);
    if (!open) continue;
    last = FunctionSpan{at, *open, MatchBrace(blanked, *open)};
  }
  return last;
}

}  // namespace autocomp
