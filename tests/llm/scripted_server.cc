// tests/llm/scripted_server.cc
#include "scripted_server.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

extern char** environ;

namespace autocomp::testing {

namespace {
size_t Append(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}
}  // namespace

std::unique_ptr<ScriptedServer> ScriptedServer::Start(std::string* error) {
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0) {
    *error = "pipe failed";
    return nullptr;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  const char* python = AUTOCOMP_TEST_PYTHON;
  const char* script = AUTOCOMP_LLM_SERVER_SCRIPT;
  char* argv[] = {const_cast<char*>(python), const_cast<char*>(script),
                  const_cast<char*>("--max-lifetime"), const_cast<char*>("300"), nullptr};
  pid_t pid = -1;
  int rc = posix_spawn(&pid, python, &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  if (rc != 0) {
    *error = std::string("cannot start ") + python + " " + script;
    close(in_pipe[1]);
    close(out_pipe[0]);
    return nullptr;
  }
  std::unique_ptr<ScriptedServer> server(new ScriptedServer());
  server->pid_ = pid;
  server->stdin_fd_ = in_pipe[1];

  // Read "PORT <n>\n" within 60 s (a loaded 2-core machine starts python slowly).
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (line.find('\n') == std::string::npos) {
    int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    deadline - std::chrono::steady_clock::now()).count());
    pollfd pfd{out_pipe[0], POLLIN, 0};
    if (left <= 0 || poll(&pfd, 1, left) <= 0) break;
    char buf[64];
    ssize_t n = read(out_pipe[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<size_t>(n));
  }
  close(out_pipe[0]);
  if (line.rfind("PORT ", 0) != 0) {
    *error = "scripted server did not report its port (got '" + line + "')";
    return nullptr;
  }
  server->port_ = std::stoi(line.substr(5));
  return server;
}

ScriptedServer::~ScriptedServer() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

std::string ScriptedServer::Url(const std::string& route) const {
  return "http://127.0.0.1:" + std::to_string(port_) + route;
}

nlohmann::json ScriptedServer::Call(const std::string& method, const std::string& path,
                                    const std::string& body) {
  CURL* curl = curl_easy_init();
  std::string url = Url(path);
  std::string reply;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  if (method == "POST") curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) throw std::runtime_error("control call " + path + " failed");
  return nlohmann::json::parse(reply);
}

void ScriptedServer::Setup(const nlohmann::json& setup) { Call("POST", "/_control/setup", setup.dump()); }
nlohmann::json ScriptedServer::Log() { return Call("GET", "/_control/log", ""); }
void ScriptedServer::Release() { Call("POST", "/_control/release", "{}"); }

}  // namespace autocomp::testing
