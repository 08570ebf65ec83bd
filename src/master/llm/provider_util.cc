// src/master/llm/provider_util.cc — helpers shared by the provider adapters.
#include "master/llm/provider.h"

#include <algorithm>

namespace autocomp::provider_internal {

std::string Snippet(std::string_view body, size_t max) {
  std::string out;
  for (char c : body.substr(0, max)) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (body.size() > max) out += "…";
  return out;
}

std::string BlamedParam(const std::vector<std::string>& sent, const std::string& param,
                        const std::string& message,
                        const std::vector<std::pair<std::string, std::string>>& spellings) {
  std::string lower = message;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [logical, wire] : spellings) {
    if (std::find(sent.begin(), sent.end(), logical) == sent.end()) continue;
    if (!param.empty() && param == wire) return logical;
    if (lower.find(wire) != std::string::npos) return logical;
  }
  return "";
}

std::string StringOr(const nlohmann::json& j, const char* key, const std::string& fallback) {
  if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return fallback;
}

int64_t IntOr(const nlohmann::json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_number_integer()) return j[key].get<int64_t>();
  return 0;
}

std::optional<ReplyDocument> ReplyObject(int http_status, std::string_view body, ProviderReply& out) {
  ReplyDocument reply;
  reply.success = http_status >= 200 && http_status < 300;
  reply.failed = reply.success ? ProviderReply::Kind::kMalformed : ProviderReply::Kind::kError;
  reply.doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!reply.doc.is_discarded() && reply.doc.is_object()) return reply;
  out.kind = reply.failed;
  out.error_message = (reply.success ? "reply is not a JSON object: " : "") + Snippet(body);
  return std::nullopt;
}

const nlohmann::json& ErrorObject(const nlohmann::json& doc) {
  return doc.contains("error") && doc["error"].is_object() ? doc["error"] : doc;
}

void FillError(ProviderReply& out, ProviderReply::Kind kind, const nlohmann::json& err, std::string_view body,
               std::string code, int http_status, const std::string& param, const std::vector<std::string>& sent,
               const std::vector<std::pair<std::string, std::string>>& spellings) {
  out.kind = kind;
  out.error_message = StringOr(err, "message", Snippet(body));
  out.error_code = std::move(code);
  if (http_status == 400 || http_status == 422) out.rejected_param = BlamedParam(sent, param, out.error_message, spellings);
}

std::string JsonText(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ProviderReply JsonProvider::ParseReply(int http_status, std::string_view body,
                                       const std::vector<std::string>& sent) const {
  ProviderReply out;
  if (const std::optional<ReplyDocument> reply = ReplyObject(http_status, body, out)) {
    ParseDocument(*reply, http_status, body, sent, out);
  }
  return out;
}

}  // namespace autocomp::provider_internal
