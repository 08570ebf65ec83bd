// src/master/llm/curl_llm_client.cc
//
// The LlmClient behind LlmClient::Create: one curl multi handle, a queue
// and an in-flight count per provider, a list of calls waiting out their
// backoff, and the finished responses not yet returned. See llm_client.h
// for the life of a call.
#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <set>

#include "master/llm/api_keys.h"
#include "master/llm/http_transfer.h"
#include "master/llm/llm_client.h"
#include "master/llm/price_table.h"
#include "master/llm/provider.h"
#include "master/llm/retry_policy.h"

namespace autocomp {

namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kMaxErrorChars = 2000;

double UnixNow() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", s);
  return buf;
}

struct Call {
  uint64_t id = 0;
  LlmRequest request;
  ModelName name;
  const Provider* provider = nullptr;
  std::optional<std::string> key;
  std::string base_url;
  ResolvedParams params;
  std::string hash;
  double submit_unix = 0;

  bool started = false;
  double start_unix = 0;
  Clock::time_point start_steady;
  Clock::time_point not_before;
  int transient_retries = 0;  // counted against llm.max_retries
  int resends = 0;            // every attempt after the first
  std::unique_ptr<HttpTransfer> transfer;
  std::vector<std::string> sent;  // droppable parameters of the current attempt
  int last_http = 0;
};

struct Slot {
  int limit = 1;
  int running = 0;
  std::deque<Call*> queue;
};

Status StatusFor(LlmCallStatus s, const std::string& message) {
  switch (s) {
    case LlmCallStatus::kOk: return Status::Ok();
    case LlmCallStatus::kRefused:
    case LlmCallStatus::kRejected:
    case LlmCallStatus::kBudget: return FailedPreconditionError(message);
    case LlmCallStatus::kEmpty:
    case LlmCallStatus::kFailed:
    case LlmCallStatus::kCancelled: return UnavailableError(message);
    case LlmCallStatus::kTimeout: return DeadlineExceededError(message);
    case LlmCallStatus::kUncached: return NotFoundError(message);
  }
  return InternalError(message);
}

class CurlLlmClient final : public LlmClient {
 public:
  CurlLlmClient(const LlmOptions& options, LlmCache* cache, ApiKeys keys, PriceTable prices,
                CURLM* multi)
      : options_(options),
        cache_(cache),
        keys_(std::move(keys)),
        prices_(std::move(prices)),
        budget_(options.max_cost_usd, options.max_llm_calls),
        retry_(options.backoff_initial_s, options.backoff_max_s, options.retry_after_max_s,
               options.jitter_seed),
        multi_(multi),
        openai_(MakeOpenAiProvider(OpenAiFlavor::kOpenAi)),
        compatible_(MakeOpenAiProvider(OpenAiFlavor::kCompatible)),
        anthropic_(MakeAnthropicProvider()),
        gemini_(MakeGeminiProvider()) {}

  ~CurlLlmClient() override {
    for (auto& [id, call] : calls_) {
      if (call->transfer) curl_multi_remove_handle(multi_, call->transfer->easy());
      call->transfer.reset();
    }
    curl_multi_cleanup(multi_);
  }

  void Submit(LlmRequest request) override;
  std::vector<LlmResponse> Poll(int max_wait_ms) override;
  size_t in_flight() const override { return calls_.size() + done_.size(); }
  void CancelAll() override;
  const LlmBudget& budget() const override { return budget_; }
  Result<std::string> HashOf(const LlmRequest& request) const override;

 private:
  ResolvedParams Resolve(const LlmRequest& r) const;
  const Provider* ProviderFor(const ModelName& name) const;
  void StartReady();
  void Launch(Call* c);
  void Harvest();
  void PromoteDue(Clock::time_point now);
  void OnAttemptDone(Call* c, const TransferOutcome& out);
  void Retry(Call* c, LlmCallStatus status, const std::string& error, std::optional<double> hint);
  void Complete(Call* c, LlmCallStatus status, std::string text, const ProviderReply* reply,
                const std::string& error);
  std::string DroppedFor(const std::string& model) const;

  LlmOptions options_;
  LlmCache* cache_;
  ApiKeys keys_;
  PriceTable prices_;
  LlmBudget budget_;
  RetryPolicy retry_;
  CURLM* multi_;
  std::unique_ptr<Provider> openai_, compatible_, anthropic_, gemini_;

  uint64_t next_id_ = 1;
  std::map<uint64_t, std::unique_ptr<Call>> calls_;  // every unfinished call
  std::map<std::string, Slot> slots_;                // provider → queue, in flight
  std::vector<Call*> waiting_;                       // in backoff
  std::vector<LlmResponse> done_;                    // finished, not yet polled
  std::map<std::string, std::set<std::string>> dropped_;  // model → params it rejects
};

ResolvedParams CurlLlmClient::Resolve(const LlmRequest& r) const {
  ModelParams p = options_.ParamsFor(r.model);
  ResolvedParams out;
  out.temperature = r.temperature ? r.temperature : p.temperature;
  out.max_tokens = r.max_tokens > 0 ? r.max_tokens : p.max_tokens.value_or(8192);
  out.reasoning_effort =
      !r.reasoning_effort.empty() ? r.reasoning_effort : p.reasoning_effort.value_or("");
  return out;
}

const Provider* CurlLlmClient::ProviderFor(const ModelName& name) const {
  switch (name.format) {
    case WireFormat::kAnthropic: return anthropic_.get();
    case WireFormat::kGemini: return gemini_.get();
    case WireFormat::kOpenAi:
      return name.provider == "openai" ? openai_.get() : compatible_.get();
  }
  return nullptr;
}

Result<std::string> CurlLlmClient::HashOf(const LlmRequest& request) const {
  AUTOCOMP_ASSIGN_OR_RETURN(ModelName name, ParseModelName(request.model, options_.ServerFormats()));
  return LlmRequestHash(name.full, request.system, request.prompt, Resolve(request), request.sample);
}

void CurlLlmClient::Submit(LlmRequest request) {
  auto owned = std::make_unique<Call>();
  Call* c = owned.get();
  c->id = next_id_++;
  c->submit_unix = UnixNow();
  c->request = std::move(request);
  c->name.full = c->request.model;
  calls_[c->id] = std::move(owned);

  auto name = ParseModelName(c->request.model, options_.ServerFormats());
  if (!name.ok()) return Complete(c, LlmCallStatus::kRejected, "", nullptr, name.status().message());
  c->name = *name;
  c->params = Resolve(c->request);
  c->hash = LlmRequestHash(c->name.full, c->request.system, c->request.prompt, c->params,
                           c->request.sample);

  if (cache_ != nullptr) {
    if (auto hit = cache_->Lookup(c->hash)) {
      LlmResponse r;
      r.tag = c->request.tag;
      r.sample = c->request.sample;
      r.text = std::move(hit->text);
      r.record = std::move(hit->record);
      r.record.start_time_unix = c->submit_unix;
      r.record.phase = c->request.phase;
      r.record.provider = c->name.provider;
      r.record.model = c->name.full;
      r.record.request_hash = c->hash;
      r.record.status = LlmCallStatus::kOk;
      r.record.cached = true;
      r.record.cost_usd = 0;
      r.record.latency_s = 0;
      r.record.retries = 0;
      r.record.http_status = 0;
      r.record.error.clear();
      done_.push_back(std::move(r));
      calls_.erase(c->id);
      return;
    }
  }
  if (options_.replay_only) {
    return Complete(c, LlmCallStatus::kUncached, "", nullptr,
                    "replay: no recorded response for request " + c->hash);
  }
  auto key = keys_.KeyFor(c->name, options_);
  if (!key.ok()) return Complete(c, LlmCallStatus::kRejected, "", nullptr, key.status().message());
  c->key = *key;
  c->provider = ProviderFor(c->name);
  c->base_url = options_.BaseUrlFor(c->name);
  Slot& slot = slots_[c->name.provider];
  slot.limit = options_.MaxConcurrencyFor(c->name.provider);
  slot.queue.push_back(c);
}

void CurlLlmClient::StartReady() {
  for (auto& [provider, slot] : slots_) {
    while (slot.running < slot.limit && !slot.queue.empty()) {
      Call* c = slot.queue.front();
      slot.queue.pop_front();
      if (!c->started) {
        if (budget_.exhausted()) {
          Complete(c, LlmCallStatus::kBudget, "", nullptr, "not sent: " + budget_.reason());
          continue;
        }
        budget_.OnCallStarted();
        c->started = true;
        c->start_unix = UnixNow();
        c->start_steady = Clock::now();
      }
      Launch(c);
    }
  }
}

void CurlLlmClient::Launch(Call* c) {
  ProviderCall pc;
  pc.base_url = c->base_url;
  pc.key = c->key;
  pc.model = c->name.model;
  pc.system = c->request.system;
  pc.prompt = c->request.prompt;
  pc.params = c->params;
  if (auto it = dropped_.find(c->name.full); it != dropped_.end()) pc.dropped = it->second;
  c->sent = c->provider->DroppableSent(pc);
  TransferLimits limits{options_.timeout_s, options_.connect_timeout_s, options_.max_response_bytes};
  auto transfer = HttpTransfer::Create(c->provider->BuildRequest(pc), limits, c);
  if (!transfer.ok()) {
    return Complete(c, LlmCallStatus::kFailed, "", nullptr, transfer.status().message());
  }
  c->transfer = std::move(*transfer);
  CURLMcode rc = curl_multi_add_handle(multi_, c->transfer->easy());
  if (rc != CURLM_OK) {
    c->transfer.reset();
    return Complete(c, LlmCallStatus::kFailed, "", nullptr,
                    std::string("curl_multi_add_handle: ") + curl_multi_strerror(rc));
  }
  ++slots_[c->name.provider].running;
}

void CurlLlmClient::Harvest() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    CURLcode code = msg->data.result;
    void* cookie = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, &cookie);
    auto* c = static_cast<Call*>(cookie);
    curl_multi_remove_handle(multi_, easy);
    --slots_[c->name.provider].running;
    TransferOutcome out = c->transfer->Finish(code);
    c->transfer.reset();
    OnAttemptDone(c, out);
  }
}

void CurlLlmClient::OnAttemptDone(Call* c, const TransferOutcome& out) {
  c->last_http = out.http_status;
  if (out.curl_code != CURLE_OK) {
    if (out.curl_code == CURLE_OPERATION_TIMEDOUT) {
      return Retry(c, LlmCallStatus::kTimeout, "no complete reply within llm.timeout_s = " +
                   Seconds(options_.timeout_s) + " s (" + out.curl_error + ")", std::nullopt);
    }
    std::string error = "transport error: " + out.curl_error;
    if (!IsRetryableCurlCode(out.curl_code)) {
      return Complete(c, LlmCallStatus::kFailed, "", nullptr, error);
    }
    return Retry(c, LlmCallStatus::kFailed, error, std::nullopt);
  }
  ProviderReply reply = c->provider->ParseReply(out.http_status, out.body, c->sent);
  switch (reply.kind) {
    case ProviderReply::Kind::kText:
      if (reply.text.empty()) {
        return Complete(c, LlmCallStatus::kEmpty, "", &reply,
                        "reply has no text (finish reason '" + reply.finish_reason + "')");
      }
      return Complete(c, LlmCallStatus::kOk, std::move(reply.text), &reply, "");
    case ProviderReply::Kind::kRefusal:
      return Complete(c, LlmCallStatus::kRefused, "", &reply, "refused: " + reply.error_message);
    case ProviderReply::Kind::kMalformed:
      return Retry(c, LlmCallStatus::kFailed,
                   "malformed reply (HTTP " + std::to_string(out.http_status) + "): " +
                       reply.error_message, std::nullopt);
    case ProviderReply::Kind::kError:
      break;
  }
  std::string error = "HTTP " + std::to_string(out.http_status) +
                      (reply.error_code.empty() ? "" : " " + reply.error_code) + ": " +
                      reply.error_message;
  if (!reply.rejected_param.empty()) {
    // The parameter was sent in this attempt, so it was not dropped for this
    // call before: drop it for the model and retry at once.
    dropped_[c->name.full].insert(reply.rejected_param);
    ++c->resends;
    spdlog::warn("llm {}: rejects {}; dropped for this model, retrying ({})", c->name.full,
                 reply.rejected_param, keys_.Redact(error.substr(0, 300)));
    slots_[c->name.provider].queue.push_front(c);
    return;
  }
  if (IsRetryableHttpStatus(out.http_status, reply.error_code)) {
    std::optional<double> hint = ParseRetryAfter(out.retry_after, out.retry_after_ms, std::time(nullptr));
    if (!hint) hint = reply.retry_after_s;
    return Retry(c, LlmCallStatus::kFailed, error, hint);
  }
  Complete(c, LlmCallStatus::kRejected, "", nullptr, error);
}

void CurlLlmClient::Retry(Call* c, LlmCallStatus status, const std::string& error,
                          std::optional<double> hint) {
  if (c->transient_retries >= options_.max_retries) {
    std::string why = c->transient_retries == 0
                          ? error
                          : "after " + std::to_string(c->transient_retries) + " retries: " + error;
    return Complete(c, status, "", nullptr, why);
  }
  double delay = retry_.Delay(c->transient_retries, hint);
  ++c->transient_retries;
  ++c->resends;
  c->not_before = Clock::now() + std::chrono::microseconds(static_cast<int64_t>(delay * 1e6));
  waiting_.push_back(c);
  spdlog::warn("llm {} ({}): {}; retry {}/{} in {:.2f} s", c->name.full, c->request.phase,
               keys_.Redact(error.substr(0, 300)), c->transient_retries, options_.max_retries,
               delay);
}

void CurlLlmClient::PromoteDue(Clock::time_point now) {
  // Due retries go to the front of their queue, oldest first.
  std::vector<Call*> due;
  auto keep = std::partition(waiting_.begin(), waiting_.end(),
                             [&](Call* c) { return c->not_before > now; });
  due.assign(keep, waiting_.end());
  waiting_.erase(keep, waiting_.end());
  std::sort(due.begin(), due.end(), [](Call* a, Call* b) { return a->id > b->id; });
  for (Call* c : due) slots_[c->name.provider].queue.push_front(c);
}

std::string CurlLlmClient::DroppedFor(const std::string& model) const {
  std::string out;
  if (auto it = dropped_.find(model); it != dropped_.end()) {
    for (const auto& p : it->second) out += (out.empty() ? "" : ",") + p;
  }
  return out;
}

void CurlLlmClient::Complete(Call* c, LlmCallStatus status, std::string text,
                             const ProviderReply* reply, const std::string& error) {
  LlmResponse r;
  r.tag = c->request.tag;
  r.sample = c->request.sample;
  LlmCallRecord& rec = r.record;
  rec.start_time_unix = c->started ? c->start_unix : c->submit_unix;
  rec.provider = c->name.provider;
  rec.model = c->name.full;
  rec.phase = c->request.phase;
  rec.status = status;
  rec.http_status = c->last_http;
  rec.retries = c->resends;
  rec.request_hash = c->hash;
  rec.dropped_params = DroppedFor(c->name.full);
  if (c->started) {
    rec.latency_s = std::chrono::duration<double>(Clock::now() - c->start_steady).count();
  }
  if (reply != nullptr) {
    rec.prompt_tokens = reply->prompt_tokens;
    rec.completion_tokens = reply->completion_tokens;
    rec.finish_reason = reply->finish_reason;
  }
  if (auto price = prices_.Find(c->name.full)) {
    rec.price_known = true;
    rec.cost_usd = price->Cost(rec.prompt_tokens, rec.completion_tokens);
  }
  budget_.OnCallFinished(rec.cost_usd);
  if (status == LlmCallStatus::kOk) {
    r.text = std::move(text);
    r.status = Status::Ok();
  } else {
    rec.error = keys_.Redact(error.size() > kMaxErrorChars ? error.substr(0, kMaxErrorChars) : error);
    r.status = StatusFor(status, c->name.full + ": " + rec.error);
    if (status != LlmCallStatus::kBudget && status != LlmCallStatus::kCancelled) {
      spdlog::warn("llm {} ({}) {}: {}", rec.model, rec.phase, LlmCallStatusName(status), rec.error);
    }
  }
  done_.push_back(std::move(r));
  calls_.erase(c->id);  // destroys *c
}

void CurlLlmClient::CancelAll() {
  std::vector<Call*> all;
  for (auto& [id, call] : calls_) all.push_back(call.get());
  for (Call* c : all) {
    if (c->transfer) {
      curl_multi_remove_handle(multi_, c->transfer->easy());
      --slots_[c->name.provider].running;
      c->transfer.reset();
    }
  }
  waiting_.clear();
  for (auto& [provider, slot] : slots_) slot.queue.clear();
  for (Call* c : all) Complete(c, LlmCallStatus::kCancelled, "", nullptr, "cancelled");
}

std::vector<LlmResponse> CurlLlmClient::Poll(int max_wait_ms) {
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(std::max(0, max_wait_ms));
  auto step = [&] {
    int running = 0;
    curl_multi_perform(multi_, &running);
    Harvest();
    PromoteDue(Clock::now());
    StartReady();
    curl_multi_perform(multi_, &running);  // start what StartReady added
  };
  PromoteDue(Clock::now());
  StartReady();
  step();
  while (done_.empty() && !calls_.empty()) {
    Clock::time_point now = Clock::now();
    if (now >= deadline) break;
    Clock::time_point until = deadline;
    for (Call* c : waiting_) until = std::min(until, c->not_before);
    int wait_ms = static_cast<int>(
        std::chrono::ceil<std::chrono::milliseconds>(std::max(until - now, Clock::duration::zero())).count());
    wait_ms = std::min(wait_ms, static_cast<int>(
        std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count()));
    curl_multi_poll(multi_, nullptr, 0, std::max(0, wait_ms), nullptr);
    step();
  }
  std::vector<LlmResponse> out;
  out.swap(done_);
  return out;
}

}  // namespace

Result<std::unique_ptr<LlmClient>> LlmClient::Create(const LlmOptions& options, LlmCache* cache) {
  static std::once_flag curl_once;
  static CURLcode curl_init = CURLE_OK;
  std::call_once(curl_once, [] { curl_init = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (curl_init != CURLE_OK) return InternalError("curl_global_init failed");

  AUTOCOMP_ASSIGN_OR_RETURN(ApiKeys keys, ApiKeys::Load(options.key_file));
  AUTOCOMP_ASSIGN_OR_RETURN(PriceTable prices, PriceTable::Load(options.prices_file));
  CURLM* multi = curl_multi_init();
  if (multi == nullptr) return InternalError("curl_multi_init failed");
  return std::unique_ptr<LlmClient>(
      new CurlLlmClient(options, cache, std::move(keys), std::move(prices), multi));
}

}  // namespace autocomp
