#include "image/engine/engine_client.h"

#include <curl/curl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include <nlohmann/json.hpp>

namespace ballast::image::engine {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;

CurlPtr new_handle(const EngineEndpoint& endpoint, const std::string& path, char* error_buf) {
  global_init();
  CurlPtr curl(curl_easy_init());
  if (!curl) throw std::runtime_error("curl_easy_init failed");
  // The host part is ignored on a unix socket; the engine wants a Host header.
  std::string url = "http://localhost" + path;
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_UNIX_SOCKET_PATH, endpoint.socket_path.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error_buf);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "ballast");
  return curl;
}

// Why connecting failed, in the words a user acts on.
std::string connect_failure(const std::string& socket, const char* curl_text) {
  struct stat st {};
  if (::stat(socket.c_str(), &st) != 0) {
    if (errno == ENOENT) return "no such socket";
    if (errno == EACCES) return "permission denied";
    return std::strerror(errno);
  }
  if (!S_ISSOCK(st.st_mode)) return "not a socket";
  if (::access(socket.c_str(), R_OK | W_OK) != 0 && errno == EACCES) return "permission denied";
  return curl_text && *curl_text ? curl_text : "connection refused";
}

bool is_connect_error(CURLcode rc) {
  return rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST;
}

struct SmallBody {
  std::string* out;
  std::size_t max;
  bool too_large = false;
};

std::size_t small_write(char* data, std::size_t size, std::size_t n, void* user) {
  auto* b = static_cast<SmallBody*>(user);
  std::size_t len = size * n;
  if (b->out->size() + len > b->max) {
    b->too_large = true;
    return 0;
  }
  b->out->append(data, len);
  return len;
}

}  // namespace

EngineClient::EngineClient(EngineEndpoint endpoint) : endpoint_(std::move(endpoint)) {}

EngineResponse EngineClient::get(const std::string& path, std::size_t max_bytes) const {
  char error_buf[CURL_ERROR_SIZE] = {};
  CurlPtr curl = new_handle(endpoint_, path, error_buf);
  EngineResponse r;
  SmallBody body{&r.body, max_bytes};
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, small_write);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
  CURLcode rc = curl_easy_perform(curl.get());
  if (is_connect_error(rc))
    throw EngineUnavailable(endpoint_.socket_path, connect_failure(endpoint_.socket_path, error_buf));
  if (body.too_large)
    throw InputError("engine at " + endpoint_.socket_path + ": answer to " + path + " is larger than " +
                     std::to_string(max_bytes) + " bytes");
  if (rc != CURLE_OK)
    throw InputError("engine at " + endpoint_.socket_path + ": " + path + ": " +
                     (*error_buf ? error_buf : curl_easy_strerror(rc)));
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &r.status);
  return r;
}

std::unique_ptr<StreamedGet> EngineClient::stream(const std::string& path) const {
  return std::make_unique<StreamedGet>(*this, path);
}

std::string EngineClient::error_message(const EngineResponse& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_object())
    if (auto m = j.find("message"); m != j.end() && m->is_string()) return m->get<std::string>();
  return "HTTP status " + std::to_string(r.status);
}

namespace {

struct StreamState {
  CURL* curl;
  int fd;
  long status = 0;
  EngineResponse error;   // the body of a non-200 answer
  bool reader_gone = false;
};

std::size_t stream_write(char* data, std::size_t size, std::size_t n, void* user) {
  auto* s = static_cast<StreamState*>(user);
  std::size_t len = size * n;
  if (s->status == 0) curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &s->status);
  if (s->status != 200) {
    if (s->error.body.size() < 64 * 1024) s->error.body.append(data, len);
    return len;
  }
  std::size_t done = 0;
  while (done < len) {
    // MSG_NOSIGNAL: a reader that stopped early is EPIPE, not SIGPIPE.
    ssize_t w = ::send(s->fd, data + done, len - done, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EINTR) continue;
      s->reader_gone = true;
      return 0;  // aborts the transfer
    }
    done += static_cast<std::size_t>(w);
  }
  return len;
}

}  // namespace

StreamedGet::StreamedGet(const EngineClient& client, std::string path)
    : client_(client), path_(std::move(path)) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
  read_fd_ = fds[0];
  write_fd_ = fds[1];
  // A larger buffer lets the transfer run ahead of the reader a little.
  int buf = 1 << 20;
  ::setsockopt(write_fd_, SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf);
  ::setsockopt(read_fd_, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
  thread_ = std::thread([this] { run(); });
}

void StreamedGet::run() {
  char error_buf[CURL_ERROR_SIZE] = {};
  const EngineEndpoint& ep = client_.endpoint();
  try {
    CurlPtr curl = new_handle(ep, path_, error_buf);
    StreamState state{curl.get(), write_fd_};
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, stream_write);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &state);
    CURLcode rc = curl_easy_perform(curl.get());
    if (state.status == 0) curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &state.status);
    if (is_connect_error(rc)) {
      unavailable_ = true;
      unavailable_reason_ = connect_failure(ep.socket_path, error_buf);
      error_ = EngineUnavailable(ep.socket_path, unavailable_reason_).what();
    } else if (state.status != 200 && state.status != 0) {
      state.error.status = state.status;
      error_ = "engine at " + ep.socket_path + ": " + EngineClient::error_message(state.error);
    } else if (rc != CURLE_OK && !state.reader_gone) {
      error_ = "engine at " + ep.socket_path + ": transfer of " + path_ + " failed: " +
               (*error_buf ? error_buf : curl_easy_strerror(rc));
    }
  } catch (const std::exception& e) {
    error_ = e.what();
  }
  // End of the body: the reader sees EOF.
  ::close(write_fd_);
  write_fd_ = -1;
}

std::string StreamedGet::finish_quietly() {
  if (!joined_) {
    // Closing our end makes a still-running transfer fail with EPIPE.
    ::shutdown(read_fd_, SHUT_RDWR);
    thread_.join();
    joined_ = true;
  }
  return error_;
}

void StreamedGet::finish() {
  std::string e = finish_quietly();
  if (unavailable_) throw EngineUnavailable(client_.endpoint().socket_path, unavailable_reason_);
  if (!e.empty()) throw InputError(e);
}

StreamedGet::~StreamedGet() {
  finish_quietly();
  ::close(read_fd_);
}

}  // namespace ballast::image::engine
