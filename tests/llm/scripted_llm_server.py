#!/usr/bin/python3
"""A scripted LLM server on loopback that speaks three providers' wire formats.

Tests point the real client (and, in the conformance test, the official SDKs)
at it. It behaves like the real APIs where a client can tell the difference:

  OpenAI     POST <route>/chat/completions            Authorization: Bearer KEY
  Anthropic  POST <route>/v1/messages                 x-api-key: KEY (or Bearer),
                                                      anthropic-version required
  Gemini     POST <route>/v1beta/models/M:generateContent (or /v1/)
                                                      x-goog-api-key: KEY (or ?key=)

<route> is any path prefix (e.g. /openai/v1, /together/v1, /anthropic); it
is logged, and concurrency is counted per route. Header names match
case-insensitively. A missing or wrong key gets the provider's 401/403/400
error body; a malformed body, an unknown field or an out-of-range value gets
the provider's 400. The real OpenAI API masks most of a wrong key when it
echoes it; this server echoes the whole key, so that a client which does not
scrub error texts is caught.

Control (no auth, JSON):
  POST /_control/setup    {"keys": {"openai": K, "anthropic": K, "gemini": K},
                           "open_routes": ["/local"],      # no key needed
                           "route_keys": {"/together": K},  # overrides keys[format]
                           "models": {"o3-mini": {"reject": ["temperature"]}},
                           "known_models": [...],          # else any model
                           "replies": [SPEC, ...], "default": SPEC}
                          Resets the log, the counters and releases hangs.
  POST /_control/replies  [SPEC, ...]  appended to the queue
  POST /_control/release  ends every hanging request
  GET  /_control/log      {"requests": [...], "max_concurrent": {route: n}}

A request takes the first queued SPEC whose "match" fits (keys "format",
"route", "model", and "prompt_contains": a substring of the user message),
else "default". SPEC keys (all optional):
  times            how many requests this spec answers (default 1)
  delay_ms         wait before answering
  status           HTTP status; non-2xx gets the provider's error body
  message, error_code  error text / code (e.g. "insufficient_quota")
  retry_after      Retry-After header value; retry_after_ms: retry-after-ms
  retry_delay      Gemini RetryInfo retryDelay in the error body, e.g. "0.2s"
  content          reply text (default: "echo: " + the user message)
  contents         a list of reply texts, used in turn by the requests this spec answers
  usage            {"prompt": n, "completion": n} (default: word counts)
  finish           finish/stop reason (default per provider)
  refusal          the model declines, with this text (Gemini: finishReason
                   SAFETY; with "refusal_style": "prompt", a blocked prompt)
  hang             never answer; the connection is closed on release/reset
  truncate         announce a longer body than is sent, then close
  invalid_json     200 with a body that is not JSON

The port is printed as "PORT <n>" on stdout. The server exits when its stdin
closes (the test that started it is gone) or after --max-lifetime seconds.
"""

import argparse
import http.server
import json
import os
import re
import socket
import sys
import threading
import time
import urllib.parse

LOCK = threading.RLock()
STATE = {}
RELEASE = threading.Event()


def reset_state(setup):
    global RELEASE
    RELEASE.set()  # end hangs of the previous script
    RELEASE = threading.Event()
    STATE.clear()
    STATE.update({
        "keys": setup.get("keys", {}),
        "open_routes": setup.get("open_routes", []),
        "route_keys": setup.get("route_keys", {}),
        "models": setup.get("models", {}),
        "known_models": setup.get("known_models"),
        "replies": [dict(r) for r in setup.get("replies", [])],
        "default": setup.get("default", {}),
        "log": [],
        "active": {},
        "max_concurrent": {},
        "seq": 0,
    })


reset_state({})

# Like the real API, both the stable and the beta version answer.
GEMINI_PATH = re.compile(r"^(.*)/(?:v1|v1beta|v1alpha)/models/([^/:]+):generateContent$")

OPENAI_FIELDS = {
    "model", "messages", "temperature", "top_p", "n", "stream", "stop", "max_tokens",
    "max_completion_tokens", "presence_penalty", "frequency_penalty", "logit_bias", "user",
    "response_format", "seed", "tools", "tool_choice", "reasoning_effort", "store", "metadata",
    "stream_options", "logprobs", "top_logprobs", "parallel_tool_calls", "service_tier",
    "modalities", "prediction", "audio", "verbosity", "web_search_options", "prompt_cache_key",
    "safety_identifier",
}
ANTHROPIC_FIELDS = {
    "model", "messages", "max_tokens", "system", "temperature", "top_p", "top_k",
    "stop_sequences", "stream", "metadata", "tools", "tool_choice", "thinking", "service_tier",
    "container", "mcp_servers", "context_management",
}
GEMINI_FIELDS = {
    "contents", "systemInstruction", "system_instruction", "generationConfig",
    "generation_config", "safetySettings", "safety_settings", "tools", "toolConfig",
    "tool_config", "cachedContent", "cached_content", "labels",
}
GEMINI_CONFIG_FIELDS = {
    "temperature", "topP", "topK", "maxOutputTokens", "candidateCount", "stopSequences",
    "responseMimeType", "responseSchema", "thinkingConfig", "seed", "presencePenalty",
    "frequencyPenalty", "responseModalities", "responseLogprobs", "logprobs",
    "top_p", "top_k", "max_output_tokens", "candidate_count", "stop_sequences",
    "response_mime_type", "thinking_config",
}

GEMINI_STATUS = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED",
                 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL",
                 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}
ANTHROPIC_TYPE = {400: "invalid_request_error", 401: "authentication_error",
                  403: "permission_error", 404: "not_found_error", 413: "request_too_large",
                  429: "rate_limit_error", 500: "api_error", 529: "overloaded_error"}
DEFAULT_MESSAGE = {429: "Rate limit reached; please try again later.",
                   500: "The server had an error while processing your request.",
                   502: "Bad gateway.", 503: "The service is overloaded; try again later.",
                   529: "Overloaded"}


class ApiError(Exception):
    def __init__(self, status, message, code=None, param=None, details=None):
        super().__init__(message)
        self.status, self.message, self.code, self.param = status, message, code, param
        self.details = details


def error_body(fmt, status, message, code=None, param=None, details=None):
    if fmt == "anthropic":
        return {"type": "error",
                "error": {"type": code or ANTHROPIC_TYPE.get(status, "api_error"),
                          "message": message}}
    if fmt == "gemini":
        err = {"code": status, "message": message,
               "status": GEMINI_STATUS.get(status, "UNKNOWN")}
        if details:
            err["details"] = details
        return {"error": err}
    typ = ("invalid_request_error" if 400 <= status < 500 and status != 429
           else "requests" if status == 429 else "server_error")
    return {"error": {"message": message, "type": typ, "param": param, "code": code}}


def words(text):
    return len(text.split())


def text_of_content(content):
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


# ---------------------------------------------------------------- validation

def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def validate_openai(body, model_rules):
    for k in body:
        if k not in OPENAI_FIELDS:
            raise ApiError(400, f"Unrecognized request argument supplied: {k}")
    if not isinstance(body.get("model"), str) or not body["model"]:
        raise ApiError(400, "you must provide a model parameter")
    msgs = body.get("messages")
    if not isinstance(msgs, list) or not msgs:
        raise ApiError(400, "[] is too short - 'messages'", param="messages",
                       code="empty_array" if isinstance(msgs, list) else None)
    for i, m in enumerate(msgs):
        if not isinstance(m, dict) or m.get("role") not in (
                "system", "developer", "user", "assistant", "tool"):
            raise ApiError(400, f"Invalid value for 'messages[{i}].role'.",
                           param=f"messages[{i}].role", code="invalid_value")
        if not isinstance(m.get("content"), (str, list)):
            raise ApiError(400, f"Invalid type for 'messages[{i}].content'.",
                           param=f"messages[{i}].content", code="invalid_type")
        if m["role"] == "system" and "system" in model_rules.get("reject", []):
            raise ApiError(400, f"Unsupported value: 'messages[{i}].role' does not support "
                           "'system' with this model.", param=f"messages[{i}].role",
                           code="unsupported_value")
    if "temperature" in body:
        t = body["temperature"]
        if not is_number(t):
            raise ApiError(400, "Invalid type for 'temperature'.", param="temperature",
                           code="invalid_type")
        if t > 2 or t < 0:
            raise ApiError(400, f"Invalid 'temperature': decimal above maximum value. "
                           f"Expected a value <= 2, but got {t} instead.", param="temperature",
                           code="decimal_above_max_value")
    for k in ("max_tokens", "max_completion_tokens"):
        if k in body and (not is_int(body[k]) or body[k] < 1):
            raise ApiError(400, f"Invalid '{k}': integer below minimum value.", param=k,
                           code="integer_below_min_value")
    if "max_tokens" in body and "max_tokens" in model_rules.get("reject", []):
        raise ApiError(400, "Unsupported parameter: 'max_tokens' is not supported with this "
                       "model. Use 'max_completion_tokens' instead.", param="max_tokens",
                       code="unsupported_parameter")
    if "reasoning_effort" in body and body["reasoning_effort"] not in (
            "none", "minimal", "low", "medium", "high"):
        raise ApiError(400, "Invalid value for 'reasoning_effort'.", param="reasoning_effort",
                       code="invalid_value")
    for p in ("temperature", "reasoning_effort"):
        if p in body and p in model_rules.get("reject", []):
            raise ApiError(400, f"Unsupported parameter: '{p}' is not supported with this "
                           "model.", param=p, code="unsupported_parameter")
    system = " ".join(text_of_content(m["content"]) for m in msgs
                      if m["role"] in ("system", "developer"))
    user = text_of_content([m for m in msgs if m["role"] == "user"][-1]["content"]) \
        if any(m["role"] == "user" for m in msgs) else ""
    return body["model"], system, user


def validate_anthropic(body, model_rules):
    for k in body:
        if k not in ANTHROPIC_FIELDS:
            raise ApiError(400, f"{k}: Extra inputs are not permitted")
    if not isinstance(body.get("model"), str) or not body["model"]:
        raise ApiError(400, "model: Field required")
    if "max_tokens" not in body:
        raise ApiError(400, "max_tokens: Field required")
    if not is_int(body["max_tokens"]) or body["max_tokens"] < 1:
        raise ApiError(400, "max_tokens: Input should be a valid integer greater than 0")
    msgs = body.get("messages")
    if not isinstance(msgs, list) or not msgs:
        raise ApiError(400, "messages: at least one message is required")
    for i, m in enumerate(msgs):
        if not isinstance(m, dict) or m.get("role") not in ("user", "assistant"):
            raise ApiError(400, f"messages.{i}.role: Input should be 'user' or 'assistant'")
        if not isinstance(m.get("content"), (str, list)):
            raise ApiError(400, f"messages.{i}.content: Input should be a valid list")
        expected = "user" if i % 2 == 0 else "assistant"
        if m["role"] != expected:
            raise ApiError(400, "messages: roles must alternate between \"user\" and "
                           "\"assistant\", starting with \"user\"")
    if "system" in body and not isinstance(body["system"], (str, list)):
        raise ApiError(400, "system: Input should be a valid string")
    if "temperature" in body:
        t = body["temperature"]
        if not is_number(t):
            raise ApiError(400, "temperature: Input should be a valid number")
        if t < 0 or t > 1:
            raise ApiError(400, "temperature: Input should be less than or equal to 1")
        if "temperature" in model_rules.get("reject", []):
            raise ApiError(400, "temperature: is not supported for this model")
    system = text_of_content(body.get("system", ""))
    return body["model"], system, text_of_content(msgs[-1]["content"])


def validate_gemini(body, model_rules):
    for k in body:
        if k not in GEMINI_FIELDS:
            raise ApiError(400, f"Invalid JSON payload received. Unknown name \"{k}\": "
                           "Cannot find field.")
    contents = body.get("contents")
    if not isinstance(contents, list) or not contents:
        raise ApiError(400, "* GenerateContentRequest.contents: contents is not specified")
    for i, c in enumerate(contents):
        if not isinstance(c, dict) or c.get("role", "user") not in ("user", "model"):
            raise ApiError(400, f"Please use a valid role: user, model. (contents[{i}])")
        parts = c.get("parts")
        if not isinstance(parts, list) or not parts:
            raise ApiError(400, f"* GenerateContentRequest.contents[{i}].parts: contents.parts "
                           "must not be empty.")
    si = body.get("systemInstruction", body.get("system_instruction"))
    if si is not None and (not isinstance(si, dict) or not isinstance(si.get("parts"), list)):
        raise ApiError(400, "Invalid JSON payload received. Invalid value at "
                       "'system_instruction'")
    cfg = body.get("generationConfig", body.get("generation_config", {}))
    if not isinstance(cfg, dict):
        raise ApiError(400, "Invalid value at 'generation_config'")
    for k in cfg:
        if k not in GEMINI_CONFIG_FIELDS:
            raise ApiError(400, f"Invalid JSON payload received. Unknown name \"{k}\" at "
                           "'generation_config': Cannot find field.")
    if "temperature" in cfg:
        if not is_number(cfg["temperature"]) or not 0 <= cfg["temperature"] <= 2:
            raise ApiError(400, "* GenerateContentRequest.generation_config.temperature: "
                           "must be in [0, 2]")
        if "temperature" in model_rules.get("reject", []):
            raise ApiError(400, "temperature is not supported for this model.")
    mot = cfg.get("maxOutputTokens", cfg.get("max_output_tokens"))
    if mot is not None and (not is_int(mot) or mot < 1):
        raise ApiError(400, "* GenerateContentRequest.generation_config.max_output_tokens: "
                       "must be positive")
    tc = cfg.get("thinkingConfig", cfg.get("thinking_config"))
    if tc is not None:
        if not isinstance(tc, dict):
            raise ApiError(400, "Invalid value at 'generation_config.thinking_config'")
        if "thinking" in model_rules.get("reject", []):
            raise ApiError(400, "Thinking is not supported for this model.")
    user = " ".join(text_of_content(p.get("text", "")) for p in contents[-1]["parts"]
                    if isinstance(p, dict))
    system = ""
    if si is not None:
        system = " ".join(p.get("text", "") for p in si["parts"] if isinstance(p, dict))
    return None, system, user


# ---------------------------------------------------------------- replies

def success_body(fmt, model, spec, system, user, seq):
    content = spec.get("content")
    if content is None:
        content = "echo: " + user
    usage = spec.get("usage", {})
    p = usage.get("prompt", words(system) + words(user))
    c = usage.get("completion", words(content))
    refusal = spec.get("refusal")
    if fmt == "openai":
        message = {"role": "assistant", "content": None if refusal else content,
                   "refusal": refusal}
        return {"id": f"chatcmpl-scripted{seq}", "object": "chat.completion",
                "created": int(time.time()), "model": model,
                "choices": [{"index": 0, "message": message, "logprobs": None,
                             "finish_reason": spec.get("finish", "stop")}],
                "usage": {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c},
                "system_fingerprint": "fp_scripted"}
    if fmt == "anthropic":
        blocks = [] if refusal else [{"type": "text", "text": content}]
        return {"id": f"msg_scripted{seq}", "type": "message", "role": "assistant",
                "model": model, "content": blocks,
                "stop_reason": "refusal" if refusal else spec.get("finish", "end_turn"),
                "stop_sequence": None,
                "usage": {"input_tokens": p, "output_tokens": c}}
    # gemini
    usage_md = {"promptTokenCount": p, "candidatesTokenCount": c, "totalTokenCount": p + c}
    if refusal:
        if spec.get("refusal_style") == "prompt":
            return {"promptFeedback": {"blockReason": "SAFETY"}, "usageMetadata": usage_md,
                    "modelVersion": model}
        return {"candidates": [{"finishReason": "SAFETY", "index": 0,
                                "safetyRatings": [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT",
                                                   "probability": "HIGH", "blocked": True}]}],
                "usageMetadata": usage_md, "modelVersion": model}
    return {"candidates": [{"content": {"role": "model", "parts": [{"text": content}]},
                            "finishReason": spec.get("finish", "STOP"), "index": 0}],
            "usageMetadata": usage_md, "modelVersion": model,
            "responseId": f"scripted{seq}"}


def take_spec(fmt, route, model, user=""):
    with LOCK:
        for spec in STATE["replies"]:
            m = spec.get("match", {})
            if all(m.get(k) in (None, v) for k, v in
                   (("format", fmt), ("route", route), ("model", model))) and \
                    m.get("prompt_contains", "") in user:
                spec["times"] = spec.get("times", 1) - 1
                if spec["times"] <= 0:
                    STATE["replies"].remove(spec)
                if "contents" in spec:
                    turn = spec.get("_turn", 0)
                    spec["_turn"] = turn + 1
                    return dict(spec, content=spec["contents"][turn % len(spec["contents"])])
                return spec
        return STATE["default"]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "scripted-llm/1"
    active_route = None

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        # Headers and body go out in separate writes; without this, Nagle's
        # algorithm and delayed ACKs add ~40 ms to every reply.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    # -- plumbing
    def read_body(self):
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("content-length", "0") or "0")
        return self.rfile.read(n) if n > 0 else b""

    def send_json(self, status, obj, extra_headers=None):
        data = json.dumps(obj).encode()
        self.end_active()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra_headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.startswith("/_control/log"):
            with LOCK:
                data = json.loads(json.dumps({"requests": STATE["log"],
                                              "max_concurrent": STATE["max_concurrent"]}))
            self.send_json(200, data)
            return
        self.send_json(404, {"error": {"message": "not found"}})

    def do_POST(self):
        raw = self.read_body()
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        if path.startswith("/_control/"):
            return self.control(path, raw)
        fmt, route, path_model = None, None, None
        if path.endswith("/chat/completions"):
            fmt, route = "openai", path[:-len("/chat/completions")]
        elif path.endswith("/v1/messages"):
            fmt, route = "anthropic", path[:-len("/v1/messages")]
        else:
            g = GEMINI_PATH.match(path)
            if g:
                fmt, route, path_model = "gemini", g.group(1), g.group(2)
        if fmt is None:
            return self.send_json(404, {"error": {"message": f"Invalid URL (POST {path})",
                                                  "type": "invalid_request_error"}})
        headers = {k.lower(): v for k, v in self.headers.items()}
        with LOCK:
            STATE["seq"] += 1
            entry = {"seq": STATE["seq"], "t_start": time.time(), "method": "POST",
                     "path": path, "query": url.query, "route": route, "format": fmt,
                     "headers": headers, "body": raw.decode("utf-8", "replace")}
            STATE["log"].append(entry)
            active = STATE["active"].get(route, 0) + 1
            STATE["active"][route] = active
            STATE["max_concurrent"][route] = max(STATE["max_concurrent"].get(route, 0), active)
        self.active_route = route
        try:
            entry["status"] = self.serve(fmt, route, path_model, headers, raw, url, entry)
        finally:
            self.end_active()
            with LOCK:
                entry["t_end"] = time.time()

    def end_active(self):
        """The request stops counting as in flight. Called just before the reply's
        first byte is written: once the client has the reply it may start the
        next request at once, before this thread would reach its finally."""
        with LOCK:
            if self.active_route is not None:
                STATE["active"][self.active_route] -= 1
                self.active_route = None

    def control(self, path, raw):
        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            return self.send_json(400, {"error": "bad json"})
        with LOCK:
            if path == "/_control/setup":
                reset_state(data)
            elif path == "/_control/replies":
                STATE["replies"].extend(dict(r) for r in data)
            elif path == "/_control/release":
                RELEASE.set()
            else:
                return self.send_json(404, {"error": "unknown control"})
        self.send_json(200, {"ok": True})

    # -- the API
    def authenticate(self, fmt, route, headers, query):
        if any(route.startswith(p) for p in STATE["open_routes"]):
            return
        want = STATE["keys"].get(fmt)
        for prefix, key in STATE["route_keys"].items():
            if route.startswith(prefix):
                want = key
        if fmt == "openai":
            auth = headers.get("authorization", "")
            if not auth:
                raise ApiError(401, "You didn't provide an API key. You need to provide your API "
                               "key in an Authorization header using Bearer auth (i.e. "
                               "Authorization: Bearer YOUR_KEY).")
            got = auth[7:] if auth.lower().startswith("bearer ") else auth
            if got != want:
                raise ApiError(401, f"Incorrect API key provided: {got}. You can find your API "
                               "key at https://platform.openai.com/account/api-keys.",
                               code="invalid_api_key")
        elif fmt == "anthropic":
            got = headers.get("x-api-key")
            if got is None and headers.get("authorization", "").lower().startswith("bearer "):
                got = headers["authorization"][7:]
            if not got:
                raise ApiError(401, "x-api-key header is required")
            if got != want:
                raise ApiError(401, "invalid x-api-key")
            if not headers.get("anthropic-version"):
                raise ApiError(400, "anthropic-version: header is required")
        else:
            got = headers.get("x-goog-api-key") or urllib.parse.parse_qs(query).get("key", [""])[0]
            if not got:
                raise ApiError(403, "Method doesn't allow unregistered callers (callers without "
                               "established identity). Please use API Key or other form of API "
                               "consumer identity to call this API.")
            if got != want:
                raise ApiError(400, "API key not valid. Please pass a valid API key.", details=[
                    {"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                     "reason": "API_KEY_INVALID", "domain": "googleapis.com"}])

    def serve(self, fmt, route, path_model, headers, raw, url, entry):
        try:
            self.authenticate(fmt, route, headers, url.query)
            if not headers.get("content-type", "").lower().startswith("application/json"):
                raise ApiError(400, "Content-Type must be application/json")
            try:
                body = json.loads(raw)
            except ValueError:
                raise ApiError(400, "We could not parse the JSON body of your request."
                               if fmt == "openai" else
                               "Invalid JSON payload received." if fmt == "gemini" else
                               "There was an error parsing the body of your request.")
            if not isinstance(body, dict):
                raise ApiError(400, "The request body must be a JSON object.")
            model_name = path_model if fmt == "gemini" else body.get("model")
            rules = STATE["models"].get(model_name, {}) if isinstance(model_name, str) else {}
            validate = {"openai": validate_openai, "anthropic": validate_anthropic,
                        "gemini": validate_gemini}[fmt]
            model, system, user = validate(body, rules)
            model = model or path_model
            entry["model"] = model
            known = STATE["known_models"]
            if known is not None and model not in known:
                raise ApiError(404, f"The model `{model}` does not exist or you do not have "
                               "access to it.", code="model_not_found")
        except ApiError as e:
            self.send_json(e.status, error_body(fmt, e.status, e.message, e.code, e.param,
                                                e.details))
            return e.status

        spec = take_spec(fmt, route, model, user)
        entry["spec"] = {k: v for k, v in spec.items() if k not in ("match", "contents", "_turn")}
        if spec.get("delay_ms"):
            RELEASE.wait(spec["delay_ms"] / 1000.0)
        if spec.get("hang"):
            RELEASE.wait(spec.get("hang_s", 60))
            self.end_active()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return 0
        status = spec.get("status", 200)
        extra = {}
        if "retry_after" in spec:
            extra["Retry-After"] = str(spec["retry_after"])
        if "retry_after_ms" in spec:
            extra["retry-after-ms"] = str(spec["retry_after_ms"])
        if status >= 300:
            details = None
            if "retry_delay" in spec:
                details = [{"@type": "type.googleapis.com/google.rpc.RetryInfo",
                            "retryDelay": spec["retry_delay"]}]
            msg = spec.get("message", DEFAULT_MESSAGE.get(status, f"error {status}"))
            self.send_json(status, error_body(fmt, status, msg, spec.get("error_code"),
                                              None, details), extra)
            return status
        with LOCK:
            seq = STATE["seq"]
        if spec.get("invalid_json"):
            data = b'{"id": "scripted", "choices": [{"message": {"content": "half'
        else:
            data = json.dumps(success_body(fmt, model, spec, system, user, seq)).encode()
        self.end_active()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for k, v in extra.items():
            self.send_header(k, v)
        if spec.get("truncate"):
            self.send_header("Content-Length", str(len(data) + 100))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return status
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        return status


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def handle_error(self, request, client_address):
        pass  # a client that went away (hang, truncate, timeout) is expected here


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--max-lifetime", type=float, default=600)
    args = ap.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)

    def watch_stdin():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except OSError:
            pass
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Timer(args.max_lifetime, lambda: os._exit(0)).start()
    server.serve_forever(poll_interval=0.1)


if __name__ == "__main__":
    main()
