// src/master/prompt/thinking_blocks.h
//
// Separates a model's reasoning from its answer. Some models (and some
// servers) put their chain of thought into the reply text, wrapped in
// <think>…</think> or <thinking>…</thinking>. Plans and code are taken from
// the answer only: a draft inside the reasoning is never evaluated.
//
// Rules (tags are matched case-insensitively):
//   - every complete block <think>…</think> / <thinking>…</thinking> is
//     removed wherever it appears;
//   - a closing tag with no opening tag before it (servers that strip the
//     opening tag) means everything before it was reasoning: it is removed;
//   - an opening tag that is never closed means the reply ended while the
//     model was still reasoning: the answer is what came before the tag, and
//     `ended_in_thinking` is set so callers can treat the reply as cut off.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

namespace autocomp {

struct AnswerText {
  std::string text;                // the reply with reasoning removed (not trimmed)
  bool had_thinking = false;       // any reasoning was found and removed
  bool ended_in_thinking = false;  // an opening tag was never closed
};

AnswerText StripThinking(const std::string& reply);

}  // namespace autocomp
