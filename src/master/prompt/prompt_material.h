// src/master/prompt/prompt_material.h
//
// The plain-text prompt material of one backend, prompts/<backend>/, read
// once at start so that building a prompt does no I/O. Layout
// (docs/prompts.md):
//
//   isa.txt       required  the target and its programming model
//   rules.txt     required  what a candidate must and must not do
//   menu.txt      required  the optimization menu, one entry per non-empty line
//   feedback.txt  optional  hardware metrics offered as feedback, one
//                           "metric_key: label" per line ('#' starts a comment)
//   examples/*.txt optional worked examples: first line the title; an optional
//                           second line "Tags: a, b, c"; the rest the body
//   *.txt         optional  any other file, e.g. isa_fp32.txt, that a problem
//                           can select as its ISA text (SelectIsa)
//
// Example matching (MatchExamples): an example's keywords are its file name
// without ".txt" and its tags. Keywords and plan are compared case-
// insensitively with every run of characters other than letters and digits
// read as one space, as whole words: "loop_ws" matches "(loop_ws)" and
// "loop-ws", "tiling" matches "Tiling:" but not "tile".
//
// Texts are stored with '\r' removed and trailing whitespace trimmed.
// Failures name the file: NotFound (missing folder or required file),
// InvalidArgument (empty required file, empty menu, malformed feedback.txt
// line, empty example), DataLoss (unreadable file).
//
// Thread-safety: LoadPromptMaterial does file I/O and nothing else; the
// material is a plain value, safe to share read-only between threads.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "master/prompt/feedback.h"

namespace autocomp {

struct PromptExample {
  std::string name;                   // file name without ".txt", e.g. "loop_ws"
  std::string title;                  // the first line
  std::vector<std::string> keywords;  // normalized (see above): the name, then the tags
  std::string body;                   // everything after the title and tags lines
};

struct PromptMaterial {
  std::filesystem::path dir;
  std::string isa;                               // isa.txt
  std::string rules;                             // rules.txt
  std::vector<std::string> menu;                 // menu.txt, trimmed lines, in file order
  std::vector<HardwareMetric> hardware_metrics;  // feedback.txt, in file order
  std::vector<PromptExample> examples;           // examples/*.txt, sorted by name
  std::map<std::string, std::string> files;      // every top-level *.txt by file name
};

Result<PromptMaterial> LoadPromptMaterial(const std::filesystem::path& dir);

// The examples whose keywords occur in `plan`, in name order.
std::vector<const PromptExample*> MatchExamples(const PromptMaterial& material, const std::string& plan);

// The ISA text for a problem. Its spec key "prompt_isa" may name one file of
// the folder ("isa_fp32.txt") or a list of them (["isa.txt",
// "isa_fp32.txt"]), joined by a blank line; without the key it is isa.txt.
// InvalidArgument for a wrong type or a name with a '/', NotFound for a file
// the folder does not have (the message lists the files it has).
Result<std::string> SelectIsa(const PromptMaterial& material, const nlohmann::json& spec);

// Lower case, every run of non-alphanumerics one space, trimmed.
std::string NormalizeForMatching(const std::string& text);

}  // namespace autocomp
