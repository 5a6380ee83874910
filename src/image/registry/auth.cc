#include "image/registry/auth.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <memory>

#include "image/registry/access_error.h"
#include "image/registry/challenge.h"
#include "util/error.h"

namespace ballast::image::registry {
namespace {

constexpr std::size_t kMaxTokenAnswer = 1 << 20;

std::string escape(const std::string& s) {
  char* e = curl_easy_escape(nullptr, s.c_str(), static_cast<int>(s.size()));
  std::string out = e ? e : "";
  curl_free(e);
  return out;
}

const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

std::string base64_encode(const std::string& in) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string base64_decode(const std::string& in) {
  std::string out;
  unsigned v = 0;
  int bits = 0;
  std::size_t pad = 0;
  for (char c : in) {
    if (c == '=') {
      ++pad;
      continue;
    }
    const char* p = c ? std::strchr(kAlphabet, c) : nullptr;
    if (!p || pad) throw InputError("malformed base64");
    v = (v << 6) | static_cast<unsigned>(p - kAlphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xff);
    }
  }
  if (pad > 2 || (in.size() % 4 != 0 && pad)) throw InputError("malformed base64");
  return out;
}

Authorizer::Authorizer(const Http& http, std::string repository, Credentials credentials)
    : http_(http), repository_(std::move(repository)), credentials_(std::move(credentials)) {}

std::string Authorizer::header() const {
  std::lock_guard lock(mu_);
  return header_;
}

void Authorizer::on_unauthorized(const std::string& www_authenticate, const std::string& used_header) {
  std::lock_guard lock(mu_);
  if (header_ != used_header) return;  // another thread renewed it meanwhile
  const std::string where = "registry " + http_.host();
  auto challenge = parse_challenge(www_authenticate);
  if (!challenge)
    throw InputError(where + ": " + status_text(401) + " without a usable WWW-Authenticate challenge");
  // A second 401 for what we just obtained: the credentials are not good
  // enough (a token that expired mid-pull is renewed a few times at most).
  if (!used_header.empty() && (challenge->scheme == "basic" || ++renewals_ > 3)) {
    if (credentials_.empty())
      throw AccessError(where + ": " + status_text(401) + ": authentication required (no credentials found)",
                        AccessError::Need::kCredentials);
    throw InputError(where + ": " + status_text(401) + ": " + credentials_.origin + " refused");
  }
  if (challenge->scheme == "basic") {
    if (credentials_.username.empty() && credentials_.password.empty())
      throw AccessError(where + ": " + status_text(401) + ": authentication required (no credentials found)",
                        AccessError::Need::kCredentials);
    header_ = "Authorization: Basic " + base64_encode(credentials_.username + ":" + credentials_.password);
    return;
  }
  if (challenge->scheme == "bearer") {
    std::string realm = challenge->param("realm");
    if (realm.empty()) throw InputError(where + ": Bearer challenge without a realm");
    header_ = "Authorization: Bearer " + fetch_token(realm, challenge->param("service"));
    return;
  }
  throw InputError(where + ": unsupported authentication scheme '" + challenge->scheme + "'");
}

std::string Authorizer::fetch_token(const std::string& realm, const std::string& service) const {
  const std::string scope = "repository:" + repository_ + ":pull";
  const std::string where = "registry " + http_.host() + ": token server " + realm;
  Response r;
  if (!credentials_.identity_token.empty()) {
    // docker/distribution token spec "oauth.md": refresh_token grant.
    std::string form = "grant_type=refresh_token&client_id=ballast&refresh_token=" +
                       escape(credentials_.identity_token) + "&service=" + escape(service) +
                       "&scope=" + escape(scope);
    r = http_.get(realm, {"Content-Type: application/x-www-form-urlencoded"}, kMaxTokenAnswer, &form);
  } else {
    std::string url = realm + (realm.find('?') == std::string::npos ? "?" : "&") + "scope=" + escape(scope);
    if (!service.empty()) url += "&service=" + escape(service);
    std::vector<std::string> headers;
    if (!credentials_.empty())
      headers.push_back("Authorization: Basic " +
                        base64_encode(credentials_.username + ":" + credentials_.password));
    r = http_.get(url, headers, kMaxTokenAnswer);
  }
  if ((r.status == 401 || r.status == 403) && credentials_.empty())
    throw AccessError(where + ": " + status_text(r.status) + ": anonymous access refused",
                      AccessError::Need::kCredentials);
  if (r.status == 401 || r.status == 403)
    throw InputError(where + ": " + status_text(r.status) + ": " + credentials_.origin + " refused");
  if (r.status != 200) throw InputError(where + ": " + status_text(r.status));
  return token_from_answer(r.body, where);
}

std::string token_from_answer(const std::string& body, const std::string& where) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object()) throw InputError(where + ": answer is not JSON");
  for (const char* key : {"token", "access_token"})
    if (auto it = j.find(key); it != j.end() && it->is_string() && !it->get<std::string>().empty())
      return it->get<std::string>();
  throw InputError(where + ": answer holds no token");
}

}  // namespace ballast::image::registry
