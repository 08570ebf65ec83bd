// src/master/prompt/plan_extraction.cc — plan text and the chosen entry.
#include "master/prompt/plan_extraction.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "common/number_text.h"
#include "master/prompt/thinking_blocks.h"

namespace autocomp {

namespace {

constexpr size_t kSearchedPrefix = 4000;

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

size_t SkipSpaces(const std::string& s, size_t at) {
  while (at < s.size() && (s[at] == ' ' || s[at] == '\t' || s[at] == '*')) ++at;  // '*': markdown bold
  return at;
}

// The digits at `at` if they stand alone (no letter, digit or '_' right after).
std::optional<std::string> StandaloneNumber(const std::string& s, size_t at) {
  size_t end = at;
  while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
  if (end == at || (end < s.size() && IsWordChar(s[end]))) return std::nullopt;
  return s.substr(at, end - at);
}

// Words after which a number names the chosen entry (lower case).
constexpr const char* kChoiceWords[] = {
    "optimization", "optimisation", "option", "entry", "item",     "choice",  "number",   "no.",
    "choose",       "chose",        "chosen", "choosing", "pick", "picked", "picking", "select",
    "selected",     "selecting"};

std::optional<int> ToChoice(const std::string& digits) {
  if (digits.size() > 6) return std::nullopt;
  const std::optional<int> n = ParseNumber<int>(digits);
  if (!n || *n < 1) return std::nullopt;
  return n;
}

}  // namespace

std::string ExtractPlan(const std::string& reply) {
  const AnswerText answer = StripThinking(reply);
  if (answer.ended_in_thinking) return "";
  return Trim(answer.text);
}

std::optional<int> ChosenMenuEntry(const std::string& plan) {
  // Choices are stated up front; searching a bounded prefix bounds the work.
  std::string head = plan.substr(0, kSearchedPrefix);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

  // A number after a word that names a menu entry or the act of choosing.
  for (size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '#') {
      if (std::optional<std::string> digits = StandaloneNumber(head, SkipSpaces(head, i + 1))) {
        return ToChoice(*digits);
      }
      continue;
    }
    if (i > 0 && IsWordChar(head[i - 1])) continue;  // words start at a boundary
    for (const char* word : kChoiceWords) {
      const size_t len = std::char_traits<char>::length(word);
      if (head.compare(i, len, word) != 0) continue;
      size_t at = i + len;
      if (word[len - 1] != '.' && at < head.size() && IsWordChar(head[at])) continue;  // "options", "itemize"
      at = SkipSpaces(head, at);
      if (at < head.size() && (head[at] == ':' || head[at] == '=')) at = SkipSpaces(head, at + 1);
      if (at < head.size() && head[at] == '#') at = SkipSpaces(head, at + 1);
      if (std::optional<std::string> digits = StandaloneNumber(head, at)) return ToChoice(*digits);
    }
  }
  // A plan that opens with "3." or "3)" or "3:" (after markdown marks).
  size_t at = 0;
  while (at < head.size() && at < 16 && (std::isspace(static_cast<unsigned char>(head[at])) || head[at] == '#' ||
                                         head[at] == '*' || head[at] == '_')) {
    ++at;
  }
  size_t end = at;
  while (end < head.size() && std::isdigit(static_cast<unsigned char>(head[end]))) ++end;
  if (end == at) return std::nullopt;
  const size_t after = SkipSpaces(head, end);
  if (after < head.size() && (head[after] == '.' || head[after] == ')' || head[after] == ':')) {
    return ToChoice(head.substr(at, end - at));
  }
  return std::nullopt;
}

std::optional<int> MenuIndexOfChoice(const std::vector<int>& offered_menu, int shown) {
  if (shown < 1 || static_cast<size_t>(shown) > offered_menu.size()) return std::nullopt;
  return offered_menu[static_cast<size_t>(shown) - 1];
}

}  // namespace autocomp
