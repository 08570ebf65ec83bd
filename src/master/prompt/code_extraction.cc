// src/master/prompt/code_extraction.cc — fenced blocks, then brace matching.
#include "master/prompt/code_extraction.h"

#include <cctype>
#include <optional>
#include <vector>

#include "master/prompt/c_source_scan.h"
#include "master/prompt/thinking_blocks.h"

namespace autocomp {

namespace {

struct FencedBlock {
  std::string language;  // the info string's first word, lower case
  std::string content;   // lines between the fences, each ending in '\n'
  bool terminated = false;
};

struct Line {
  std::string text;  // without the '\n'
  size_t begin = 0;
};

std::vector<Line> SplitLines(const std::string& s) {
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) nl = s.size();
    std::string text = s.substr(pos, nl - pos);
    if (!text.empty() && text.back() == '\r') text.pop_back();
    lines.push_back({text, pos});
    pos = nl + 1;
  }
  return lines;
}

// A fence line: optional indentation, then 3+ '`' or '~'. Sets the fence
// character, its length, and what follows it.
bool ParseFence(const std::string& line, char* fence_char, size_t* fence_len, std::string* rest) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return false;
  const char c = line[i];
  size_t n = 0;
  while (i + n < line.size() && line[i + n] == c) ++n;
  if (n < 3) return false;
  *fence_char = c;
  *fence_len = n;
  *rest = line.substr(i + n);
  return true;
}

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::vector<FencedBlock> FindFencedBlocks(const std::string& text) {
  std::vector<FencedBlock> blocks;
  const std::vector<Line> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    char c;
    size_t n;
    std::string rest;
    if (!ParseFence(lines[i].text, &c, &n, &rest)) continue;
    if (c == '`' && rest.find('`') != std::string::npos) continue;  // inline code, not a fence
    FencedBlock block;
    const std::string info = Trim(rest);
    for (char ch : info) {
      if (std::isspace(static_cast<unsigned char>(ch)) || ch == '{') break;
      block.language += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    size_t j = i + 1;
    for (; j < lines.size(); ++j) {
      char c2;
      size_t n2;
      std::string rest2;
      if (ParseFence(lines[j].text, &c2, &n2, &rest2) && c2 == c && n2 >= n && Trim(rest2).empty()) {
        block.terminated = true;
        break;
      }
      block.content += lines[j].text + "\n";
    }
    blocks.push_back(std::move(block));
    i = j;  // continue after the closing fence (or at the end)
  }
  return blocks;
}

std::string WithNewline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  size_t first = 0;
  while (first < s.size() && s[first] == '\n') ++first;
  s.erase(0, first);
  return s + "\n";
}

ExtractedCode Found(std::string code, const char* method, int blocks) {
  ExtractedCode out;
  out.found = true;
  out.code = WithNewline(std::move(code));
  out.method = method;
  out.fenced_blocks = blocks;
  return out;
}

size_t LineStart(const std::string& s, size_t pos) {
  size_t nl = s.rfind('\n', pos == 0 ? 0 : pos - 1);
  return (pos == 0 || nl == std::string::npos) ? 0 : nl + 1;
}

// Brace matching over the answer text (rule 2).
std::optional<std::string> BraceMatch(const std::string& text, const std::string& name) {
  const std::string blanked = BlankCommentsAndLiterals(text);
  std::optional<FunctionSpan> span = FindFunctionDefinition(blanked, name);
  if (!span || !span->body_close) return std::nullopt;
  size_t start = LineStart(text, span->name_pos);
  if (Trim(text.substr(start, span->name_pos - start)).empty() && start > 0) {
    const size_t prev = LineStart(text, start - 1);
    if (!Trim(text.substr(prev, start - prev)).empty()) start = prev;  // return type on its own line
  }
  std::string includes;
  for (const Line& line : SplitLines(text.substr(0, start))) {
    if (Trim(line.text).rfind("#include", 0) == 0) includes += Trim(line.text) + "\n";
  }
  std::string code = text.substr(start, *span->body_close + 1 - start);
  return includes.empty() ? code : includes + "\n" + code;
}

bool IsIdentifierChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// A top-level "class NAME" or "def NAME" line (followed by '(' or ':') in Python code.
bool DefinesPythonName(const std::string& code, const std::string& name) {
  for (const Line& line : SplitLines(code)) {
    for (const char* keyword : {"class ", "def "}) {
      const std::string head = std::string(keyword) + name;
      if (line.text.rfind(head, 0) != 0) continue;
      size_t i = head.size();
      if (i < line.text.size() && IsIdentifierChar(line.text[i])) continue;  // a longer name
      while (i < line.text.size() && line.text[i] == ' ') ++i;
      if (i < line.text.size() && (line.text[i] == '(' || line.text[i] == ':')) return true;
    }
  }
  return false;
}

}  // namespace

ExtractedCode ExtractCode(const std::string& reply, const std::string& function_name, const std::string& language) {
  const AnswerText answer = StripThinking(reply);
  const std::vector<FencedBlock> blocks = FindFencedBlocks(answer.text);
  const int count = static_cast<int>(blocks.size());
  const bool python = language == "python";
  bool cut_off_definition = false;

  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) {
    if (function_name.empty()) {
      if (it->terminated && !Trim(it->content).empty()) return Found(it->content, "fenced", count);
      continue;
    }
    if (python) {
      if (!DefinesPythonName(it->content, function_name)) continue;
      if (it->terminated) return Found(it->content, "fenced", count);
      cut_off_definition = true;
      continue;
    }
    std::optional<FunctionSpan> span =
        FindFunctionDefinition(BlankCommentsAndLiterals(it->content), function_name);
    if (!span) continue;
    if (it->terminated) return Found(it->content, "fenced", count);
    if (span->body_close) return Found(it->content, "fenced", count);
    cut_off_definition = true;  // an unterminated block whose function never closes
  }
  if (!function_name.empty() && !cut_off_definition && !python) {
    if (std::optional<std::string> code = BraceMatch(answer.text, function_name)) {
      return Found(*code, "brace_match", count);
    }
  }

  ExtractedCode out;
  out.fenced_blocks = count;
  const std::string fn = function_name.empty() ? "the solution function"
                         : python             ? function_name
                                              : function_name + "()";
  if (cut_off_definition) {
    out.problem_if_not_found =
        "the reply ends inside an unterminated code block in which " + fn + " is incomplete (cut off?)";
  } else if (count > 0 && !function_name.empty()) {
    out.problem_if_not_found = "the reply has " + std::to_string(count) + " fenced block" +
                               (count == 1 ? "" : "s") + " but none defines " + fn +
                               ", and no complete definition outside them";
  } else if (count > 0) {
    out.problem_if_not_found = "the reply has only empty or unterminated fenced blocks";
  } else {
    out.problem_if_not_found = "the reply contains no code: no fenced block and no definition of " + fn;
  }
  if (answer.ended_in_thinking) {
    out.problem_if_not_found = "the reply ended inside a thinking block (cut off while reasoning?) with no usable code before it";
  } else if (answer.had_thinking) {
    out.problem_if_not_found += " outside the thinking block";
  }
  return out;
}

std::string SolutionFunctionName(const std::string& signature) {
  const std::string blanked = BlankCommentsAndLiterals(signature);
  size_t paren = blanked.find('(');
  if (paren == std::string::npos) return "";
  size_t end = paren;
  while (end > 0 && std::isspace(static_cast<unsigned char>(blanked[end - 1]))) --end;
  size_t begin = end;
  while (begin > 0 && (std::isalnum(static_cast<unsigned char>(blanked[begin - 1])) || blanked[begin - 1] == '_')) {
    --begin;
  }
  if (begin == end || std::isdigit(static_cast<unsigned char>(blanked[begin]))) return "";
  return blanked.substr(begin, end - begin);
}

}  // namespace autocomp
