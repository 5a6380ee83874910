// HTTP over the engine's unix socket (libcurl, CURLOPT_UNIX_SOCKET_PATH):
// the Docker Engine API, which podman's compatibility service also speaks.
// Paths are unversioned ("/images/x/json"): both engines then answer with
// their own current API version, and every field ballast reads exists in
// all of them (Engine API v1.41, Docker 20.10, and later).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <thread>

#include "image/engine/endpoint.h"
#include "util/error.h"

namespace ballast::image::engine {

// The engine could not be reached at all (socket missing, not permitted,
// nothing listening): the caller may word it differently, e.g. for a bare
// name that was also not a file.
class EngineUnavailable : public InputError {
 public:
  EngineUnavailable(const std::string& socket, const std::string& reason)
      : InputError("no engine at " + socket + " (" + reason + ")"), reason_(reason) {}
  const std::string& reason() const { return reason_; }

 private:
  std::string reason_;
};

struct EngineResponse {
  long status = 0;
  std::string body;
};

class StreamedGet;

class EngineClient {
 public:
  explicit EngineClient(EngineEndpoint endpoint);
  const EngineEndpoint& endpoint() const { return endpoint_; }

  // GET of a small document (at most max_bytes). Throws EngineUnavailable
  // when the socket does not answer.
  EngineResponse get(const std::string& path, std::size_t max_bytes) const;

  // GET whose body is read as a stream (StreamedGet::fd()).
  std::unique_ptr<StreamedGet> stream(const std::string& path) const;

  // The engine's error message from a JSON error body ({"message": ...}),
  // else the status.
  static std::string error_message(const EngineResponse& r);

 private:
  friend class StreamedGet;
  EngineEndpoint endpoint_;
};

// A transfer running on its own thread that writes the response body into
// one end of a socket pair; the reader reads fd() like a pipe (stdin and the
// engine share the same reading code). Memory: one socket buffer.
class StreamedGet {
 public:
  StreamedGet(const EngineClient& client, std::string path);
  ~StreamedGet();
  StreamedGet(const StreamedGet&) = delete;
  StreamedGet& operator=(const StreamedGet&) = delete;

  int fd() const { return read_fd_; }
  // Stops reading (the transfer aborts if still running), waits for the
  // thread and throws InputError if the transfer failed: connection error,
  // HTTP status other than 200 (with the engine's message), cut short.
  void finish();
  // Like finish() but returns the error text instead of throwing ("" = ok).
  std::string finish_quietly();

 private:
  void run();
  const EngineClient& client_;
  std::string path_;
  int read_fd_ = -1;
  int write_fd_ = -1;
  std::thread thread_;
  std::string error_;
  bool unavailable_ = false;
  std::string unavailable_reason_;
  bool joined_ = false;
};

}  // namespace ballast::image::engine
