// src/master/prompt/plan_extraction.cc — plan text and the chosen entry.
#include "master/prompt/plan_extraction.h"

#include <algorithm>
#include <cctype>
#include <regex>

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

std::optional<int> ToChoice(const std::string& digits) {
  if (digits.empty() || digits.size() > 6) return std::nullopt;
  const int n = std::stoi(digits);
  if (n < 1) return std::nullopt;
  return n;
}

}  // namespace

std::string ExtractPlan(const std::string& reply) {
  const AnswerText answer = StripThinking(reply);
  if (answer.ended_in_thinking) return "";
  return Trim(answer.text);
}

std::optional<int> ChosenMenuEntry(const std::string& plan) {
  // A number after a word that names a menu entry or the act of choosing.
  static const std::regex kNamed(
      R"((?:\b(?:optimi[sz]ation|option|entry|item|choice|number|no\.|choose|chose|chosen|choosing|pick|picked|picking|select|selected|selecting)\s*(?:[:=]\s*)?(?:#\s*)?|#\s*)(\d+)(?!\w))",
      std::regex::icase | std::regex::ECMAScript);
  // Choices are stated up front; a bounded prefix also bounds the work of std::regex.
  const std::string head = plan.substr(0, kSearchedPrefix);
  std::smatch m;
  if (std::regex_search(head, m, kNamed)) return ToChoice(m[1].str());
  // A plan that opens with "3." or "3)" or "3:".
  static const std::regex kLeading(R"(^[\s#*_]{0,16}(\d+)\s*[.):])");
  const std::string first_line = head.substr(0, std::min<size_t>(head.find('\n'), 200));
  if (std::regex_search(first_line, m, kLeading)) return ToChoice(m[1].str());
  return std::nullopt;
}

std::optional<int> MenuIndexOfChoice(const std::vector<int>& offered_menu, int shown) {
  if (shown < 1 || static_cast<size_t>(shown) > offered_menu.size()) return std::nullopt;
  return offered_menu[static_cast<size_t>(shown) - 1];
}

}  // namespace autocomp
