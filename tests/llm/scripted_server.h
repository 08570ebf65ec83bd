// tests/llm/scripted_server.h
//
// ScriptedServer: starts tests/llm/scripted_llm_server.py on a free
// loopback port for one test, scripts it through its control endpoints and
// reads back what it received. The server exits when this object is
// destroyed (SIGTERM to its pid) or, should the test process die, when its
// stdin pipe closes.
//
// Thread-safety: none; one test thread.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace autocomp::testing {

class ScriptedServer {
 public:
  // nullptr, with `error` set, if python or the script cannot be started.
  static std::unique_ptr<ScriptedServer> Start(std::string* error);
  ~ScriptedServer();

  int port() const { return port_; }
  // "http://127.0.0.1:<port><route>"
  std::string Url(const std::string& route) const;

  // POST /_control/setup: keys, open routes, model rules, replies, default.
  void Setup(const nlohmann::json& setup);
  // GET /_control/log: {"requests": [...], "max_concurrent": {...}}.
  nlohmann::json Log();
  // Ends hanging requests.
  void Release();

 private:
  ScriptedServer() = default;
  nlohmann::json Call(const std::string& method, const std::string& path,
                      const std::string& body);

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int port_ = 0;
};

}  // namespace autocomp::testing
