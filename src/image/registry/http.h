// libcurl, configured once per registry: TLS (system CAs plus the cert
// directory's, client certificates), a shared connection cache so the
// manifest, config and layer requests reuse connections, and the one place
// transport failures become messages. Small answers (pings, manifests,
// tokens) are read whole; layer blobs are streamed by blob_source.cc.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "image/registry/options.h"
#include "util/error.h"

typedef void CURL;
struct curl_slist;

namespace ballast::image::registry {

struct Response {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased; the last response of a redirect chain
  std::string effective_url;
  std::string header(const std::string& lower_name) const;
};

class Http {
 public:
  // `host`: "127.0.0.1:5000" (for certs.d lookup and messages).
  Http(std::string host, const Options& options);
  ~Http();
  Http(const Http&) = delete;
  Http& operator=(const Http&) = delete;

  // "https" or, after an insecure fallback, "http".
  const std::string& scheme() const { return scheme_; }
  void use_plain_http() { scheme_ = "http"; }
  std::string url(const std::string& path) const { return scheme_ + "://" + host_ + path; }
  const std::string& host() const { return host_; }
  const Options& options() const { return options_; }

  // One GET (or POST with `body`), following redirects. Retries transport
  // failures, 429 and 5xx as Options says. A body above max_body bytes is an
  // InputError. Throws TransportError when the server cannot be reached.
  Response get(const std::string& url, const std::vector<std::string>& headers, std::size_t max_body,
               const std::string* post_body = nullptr) const;

  // A configured easy handle for the caller to drive (blob streams); the
  // header list must outlive the transfer.
  CURL* new_handle(const std::string& url, curl_slist* headers) const;

  // Backoff before attempt `attempt` (1-based): Retry-After when the server
  // gave one (capped at 10 s), else retry_delay_ms doubled per attempt.
  void wait_before_retry(int attempt, const std::string& retry_after) const;

 private:
  struct Shared;
  std::string host_;
  Options options_;
  std::string scheme_ = "https";
  std::string ca_bundle_;  // system CAs + the cert directory's, as one PEM blob
  std::string client_cert_, client_key_;
  std::unique_ptr<Shared> shared_;
};

// The registry could not be reached at all (refused, DNS, TLS handshake).
// An InputError, so a caller that does not retry reports it as bad input.
class TransportError : public InputError {
 public:
  TransportError(int curl_code, const std::string& message) : InputError(message), curl_code_(curl_code) {}
  int curl_code() const { return curl_code_; }

 private:
  int curl_code_;
};

// "401 Unauthorized"-style text for messages.
std::string status_text(long status);

bool retryable_status(long status);

}  // namespace ballast::image::registry
