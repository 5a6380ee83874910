#include "image/registry/client.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include "image/registry/access_error.h"
#include "util/error.h"
#include "util/sha256.h"

namespace ballast::image::registry {
namespace {

constexpr std::size_t kMaxManifest = 4 * 1024 * 1024;  // distribution's own manifest limit

bool digest_matches(const std::string& digest, const std::string& bytes) {
  // Only sha256 is computed here; other algorithms (rare) are not checked.
  if (!digest.starts_with("sha256:")) return true;
  return digest == "sha256:" + sha256_hex(bytes);
}

}  // namespace

// The registry's own words ({"errors":[{"code":"MANIFEST_UNKNOWN",...}]}),
// first code only: enough to tell "manifest unknown" from "name unknown".
std::string registry_error_code(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object()) return {};
  auto e = j.find("errors");
  if (e == j.end() || !e->is_array() || e->empty() || !(*e)[0].is_object()) return {};
  auto c = (*e)[0].find("code");
  return c != (*e)[0].end() && c->is_string() ? c->get<std::string>() : std::string();
}

Client::Client(Reference ref, const Options& options)
    : ref_(std::move(ref)),
      http_(ref_.api_host(), options),
      auth_(http_, ref_.repository, find_credentials(ref_.domain, options)) {}

std::string Client::blob_url(const std::string& digest) const {
  return http_.url("/v2/" + ref_.repository + "/blobs/" + digest);
}

Response Client::request(const std::string& url, std::vector<std::string> headers, std::size_t max_body) {
  for (;;) {
    std::string authorization = auth_.header();
    std::vector<std::string> all = headers;
    if (!authorization.empty()) all.push_back(authorization);
    Response r = http_.get(url, all, max_body);
    if (r.status != 401) return r;
    auth_.on_unauthorized(r.header("www-authenticate"), authorization);
  }
}

void Client::ping() {
  Response r;
  try {
    r = http_.get(http_.url("/v2/"), {}, kMaxManifest);
  } catch (const TransportError& e) {
    // skopeo's --tls-verify=false: a registry without TLS is spoken to in plain http.
    bool tls_failed = e.curl_code() == CURLE_SSL_CONNECT_ERROR || e.curl_code() == CURLE_RECV_ERROR ||
                      e.curl_code() == CURLE_GOT_NOTHING;
    if (http_.options().tls_verify || !tls_failed) {
      if (tls_failed && http_.options().tls_verify)
        throw AccessError(std::string(e.what()) + " (the registry may speak plain http)",
                          AccessError::Need::kPlainHttp);
      throw;
    }
    http_.use_plain_http();
    r = http_.get(http_.url("/v2/"), {}, kMaxManifest);
  }
  if (r.status == 401) {
    // Authorize up front with the challenge the ping returned.
    auth_.on_unauthorized(r.header("www-authenticate"), "");
    return;
  }
  if (r.status != 200)
    throw InputError(where() + ": /v2/ answered " + status_text(r.status) + " (not a distribution registry?)");
}

Manifest Client::manifest(const std::string& reference) {
  const std::string url = http_.url("/v2/" + ref_.repository + "/manifests/" + reference);
  std::string accept = std::string("Accept: ") + kOciIndex + ", " + kDockerList + ", " + kOciManifest + ", " +
                       kDockerManifest;
  Response r = request(url, {accept}, kMaxManifest);
  const std::string subject = "docker://" + ref_.domain + "/" + ref_.repository +
                              (reference.starts_with("sha256:") ? "@" : ":") + reference;
  if (r.status == 404) {
    std::string code = registry_error_code(r.body);
    throw InputError(subject + ": " + (code == "NAME_UNKNOWN" ? "repository not found" : "manifest unknown") +
                     " (" + where() + " answered " + status_text(r.status) + ")");
  }
  if (r.status != 200) throw InputError(subject + ": " + where() + " answered " + status_text(r.status));
  return manifest_from_answer(reference, std::move(r.body), r.header("content-type"), subject);
}

Manifest manifest_from_answer(const std::string& reference, std::string body, std::string content_type,
                              const std::string& subject) {
  Manifest m;
  m.body = std::move(body);
  m.digest = "sha256:" + sha256_hex(m.body);
  if (reference.find(':') != std::string::npos && !digest_matches(reference, m.body))
    throw InputError(subject + ": digest mismatch (manifest is " + m.digest + ")");
  m.media_type = std::move(content_type);
  if (auto semi = m.media_type.find(';'); semi != std::string::npos) m.media_type.resize(semi);
  auto j = nlohmann::json::parse(m.body, nullptr, false);
  if (!j.is_object()) throw InputError(subject + ": manifest is not a JSON object");
  // Fields of the wrong type count as absent (json::value() would throw a raw type_error).
  auto media_type = j.find("mediaType");
  std::string declared = media_type != j.end() && media_type->is_string() ? media_type->get<std::string>() : "";
  auto version = j.find("schemaVersion");
  const bool schema1 = version != j.end() && version->is_number() && *version == 1;
  if (m.media_type != kOciIndex && m.media_type != kDockerList && m.media_type != kOciManifest &&
      m.media_type != kDockerManifest)
    m.media_type = !declared.empty() ? declared : j.contains("manifests") ? kOciIndex : kOciManifest;
  if (schema1 || m.media_type.find("distribution.manifest.v1") != std::string::npos)
    throw InputError(subject + ": Docker schema 1 manifest (deprecated; push the image again with a current tool)");
  return m;
}

std::string Client::small_blob(const std::string& digest, std::size_t max_bytes) {
  Response r = request(blob_url(digest), {}, max_bytes);
  const std::string subject = "docker://" + ref_.domain + "/" + ref_.repository + "@" + digest;
  if (r.status != 200) throw InputError(subject + ": " + where() + " answered " + status_text(r.status));
  if (!digest_matches(digest, r.body))
    throw InputError(subject + ": digest mismatch (got sha256:" + sha256_hex(r.body) + ")");
  return std::move(r.body);
}

}  // namespace ballast::image::registry
