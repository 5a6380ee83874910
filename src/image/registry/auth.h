// Authorization for one repository on one registry: nothing, Basic, or a
// Bearer token from the token server the registry's WWW-Authenticate names
// (distribution's token spec: GET realm?service=…&scope=repository:R:pull,
// Basic credentials when we have them, anonymous otherwise; an identity
// token is exchanged by the OAuth2 refresh_token grant). Shared by the
// threads that stream layers: a token that expires is renewed once for all.
#pragma once

#include <mutex>
#include <string>

#include "image/registry/credentials.h"
#include "image/registry/http.h"

namespace ballast::image::registry {

class Authorizer {
 public:
  Authorizer(const Http& http, std::string repository, Credentials credentials);

  // "Authorization: …" for the next request, or empty.
  std::string header() const;
  // The request sent with `used_header` got 401 with this WWW-Authenticate:
  // gets a new authorization, unless another thread already did. Throws
  // InputError naming the registry and status when credentials are refused
  // or missing.
  void on_unauthorized(const std::string& www_authenticate, const std::string& used_header);
  const Credentials& credentials() const { return credentials_; }

 private:
  std::string fetch_token(const std::string& realm, const std::string& service) const;
  const Http& http_;
  std::string repository_;
  Credentials credentials_;
  mutable std::mutex mu_;
  std::string header_;
  int renewals_ = 0;
};

// Base64 (RFC 4648, with padding), for Basic credentials and config.json.
// The token server's 200 answer ({"token": …} or {"access_token": …}); throws
// InputError naming `where` for anything else. Apart from fetching so the
// fuzzer (fuzz/registry_answers_fuzz.cc) reaches it without a server.
std::string token_from_answer(const std::string& body, const std::string& where);

std::string base64_encode(const std::string& in);
// Throws InputError on malformed input.
std::string base64_decode(const std::string& in);

}  // namespace ballast::image::registry
