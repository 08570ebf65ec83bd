// src/master/prompt/thinking_blocks.cc — removing <think>/<thinking> blocks.
#include "master/prompt/thinking_blocks.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace autocomp {

namespace {

struct Tag {
  size_t pos = 0;
  size_t length = 0;
  bool closing = false;
};

std::string Lower(const std::string& s) {
  std::string out = s;
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The next <think>, <thinking>, </think> or </thinking> at or after `from`.
std::optional<Tag> NextTag(const std::string& lower, size_t from) {
  static const char* const kTags[] = {"<think>", "<thinking>", "</think>", "</thinking>"};
  std::optional<Tag> best;
  for (const char* t : kTags) {
    const std::string tag = t;
    size_t at = lower.find(tag, from);
    if (at == std::string::npos) continue;
    if (!best || at < best->pos) best = Tag{at, tag.size(), tag[1] == '/'};
  }
  return best;
}

}  // namespace

AnswerText StripThinking(const std::string& reply) {
  const std::string lower = Lower(reply);
  AnswerText out;
  size_t copied_from = 0;  // reply[copied_from, …) is not yet decided
  size_t pos = 0;
  bool inside = false;
  while (std::optional<Tag> tag = NextTag(lower, pos)) {
    if (!inside && !tag->closing) {
      out.text += reply.substr(copied_from, tag->pos - copied_from);
      inside = true;
    } else if (inside && tag->closing) {
      inside = false;
      copied_from = tag->pos + tag->length;
      out.had_thinking = true;
    } else if (!inside && tag->closing) {
      // Orphan closing tag: everything before it was reasoning.
      out.text.clear();
      copied_from = tag->pos + tag->length;
      out.had_thinking = true;
    }
    // An opening tag inside a block is part of the reasoning: ignored.
    pos = tag->pos + tag->length;
  }
  if (inside) {
    out.had_thinking = true;
    out.ended_in_thinking = true;
    return out;
  }
  out.text += reply.substr(copied_from);
  return out;
}

}  // namespace autocomp
