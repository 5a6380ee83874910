#include "image/registry/http.h"

#include <curl/curl.h>
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace ballast::image::registry {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool is_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool is_dir(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) out.emplace_back(e->d_name);
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

struct Collect {
  Response* response;
  std::size_t max_body;
  bool too_big = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* c = static_cast<Collect*>(user);
  std::size_t len = size * n;
  if (c->response->body.size() + len > c->max_body) {
    c->too_big = true;
    return 0;  // aborts the transfer
  }
  c->response->body.append(data, len);
  return len;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* r = static_cast<Response*>(user);
  std::string line(data, size * n);
  if (line.starts_with("HTTP/")) {
    r->headers.clear();  // a new response of a redirect chain (or after 100 Continue)
  } else if (auto colon = line.find(':'); colon != std::string::npos) {
    r->headers[lower(line.substr(0, colon))] = trim(line.substr(colon + 1));
  }
  return size * n;
}

}  // namespace

// One connection cache, DNS cache and TLS session cache for all handles of
// this registry (several layer streams run in parallel threads).
struct Http::Shared {
  CURLSH* share = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> locks;
  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<Shared*>(user)->locks[data].lock();
  }
  static void unlock(CURL*, curl_lock_data data, void* user) { static_cast<Shared*>(user)->locks[data].unlock(); }
  Shared() {
    share = curl_share_init();
    curl_share_setopt(share, CURLSHOPT_LOCKFUNC, &Shared::lock);
    curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, &Shared::unlock);
    curl_share_setopt(share, CURLSHOPT_USERDATA, this);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  }
  ~Shared() { curl_share_cleanup(share); }
};

std::string Response::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

Http::Http(std::string host, const Options& options)
    : host_(std::move(host)), options_(options), shared_(std::make_unique<Shared>()) {
  global_init();
  // Docker's certs.d convention (docs.docker.com "Verify repository client
  // with certificates"): every *.crt is a CA, every *.cert has its *.key.
  std::vector<std::string> dirs;
  if (!options_.cert_dir.empty()) {
    if (!is_dir(options_.cert_dir)) throw InputError(options_.cert_dir + ": certificate directory not found");
    dirs.push_back(options_.cert_dir);
  } else {
    for (const char* base : {"/etc/docker/certs.d/", "/etc/containers/certs.d/"})
      if (is_dir(base + host_)) dirs.push_back(base + host_);
  }
  std::string extra;
  for (const auto& dir : dirs) {
    for (const auto& name : names_in(dir)) {
      std::string path = dir + "/" + name;
      if (name.ends_with(".crt") && is_file(path)) extra += slurp(path) + "\n";
      if (name.ends_with(".cert") && client_cert_.empty()) {
        std::string key = dir + "/" + name.substr(0, name.size() - 5) + ".key";
        if (!is_file(key)) throw InputError(path + ": client certificate without " + key);
        client_cert_ = path;
        client_key_ = key;
      }
    }
  }
  if (!extra.empty()) {
    // The system bundle stays trusted, as in docker (system pool + certs.d).
    for (const char* system : {"/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt"})
      if (is_file(system)) {
        ca_bundle_ = slurp(system) + "\n";
        break;
      }
    ca_bundle_ += extra;
  }
}

Http::~Http() = default;

CURL* Http::new_handle(const std::string& url, curl_slist* headers) const {
  CURL* h = curl_easy_init();
  if (!h) throw InputError("cannot initialise libcurl");
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_SHARE, shared_->share);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  // Blob GETs are redirected to object storage; curl does not carry our
  // Authorization header to another host.
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 20L);
  // A stalled transfer (under 1 KB/s for 60 s) is a dropped connection.
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "ballast");
  curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 256L * 1024);
  if (!ca_bundle_.empty()) {
    curl_blob blob{const_cast<char*>(ca_bundle_.data()), ca_bundle_.size(), CURL_BLOB_NOCOPY};
    curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &blob);
  }
  if (!client_cert_.empty()) {
    curl_easy_setopt(h, CURLOPT_SSLCERT, client_cert_.c_str());
    curl_easy_setopt(h, CURLOPT_SSLKEY, client_key_.c_str());
  }
  if (!options_.tls_verify) {
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  return h;
}

Response Http::get(const std::string& url, const std::vector<std::string>& headers, std::size_t max_body,
                   const std::string* post_body) const {
  curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> list_owner(list, curl_slist_free_all);
  for (int attempt = 0;; ++attempt) {
    Response r;
    Collect collect{&r, max_body};
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(new_handle(url, list), curl_easy_cleanup);
    curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h.get(), CURLOPT_WRITEDATA, &collect);
    curl_easy_setopt(h.get(), CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h.get(), CURLOPT_HEADERDATA, &r);
    curl_easy_setopt(h.get(), CURLOPT_TIMEOUT, 300L);
    if (post_body) {
      curl_easy_setopt(h.get(), CURLOPT_POSTFIELDS, post_body->c_str());
      curl_easy_setopt(h.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(post_body->size()));
    }
    char err[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(h.get(), CURLOPT_ERRORBUFFER, err);
    CURLcode rc = curl_easy_perform(h.get());
    if (collect.too_big)
      throw InputError("registry " + host_ + ": answer to " + url + " is larger than " +
                       std::to_string(max_body) + " bytes");
    if (rc != CURLE_OK) {
      // Refused or unresolvable hosts and TLS failures do not heal in a second.
      bool permanent = rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_SSL_CONNECT_ERROR ||
                       rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CERTPROBLEM ||
                       rc == CURLE_UNSUPPORTED_PROTOCOL;
      if (!permanent && attempt < options_.retries) {
        wait_before_retry(attempt + 1, "");
        continue;
      }
      throw TransportError(rc, "registry " + host_ + " unreachable: " + (err[0] ? err : curl_easy_strerror(rc)));
    }
    curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &r.status);
    char* effective = nullptr;
    curl_easy_getinfo(h.get(), CURLINFO_EFFECTIVE_URL, &effective);
    if (effective) r.effective_url = effective;
    if (retryable_status(r.status) && attempt < options_.retries) {
      wait_before_retry(attempt + 1, r.header("retry-after"));
      continue;
    }
    return r;
  }
}

void Http::wait_before_retry(int attempt, const std::string& retry_after) const {
  long ms = static_cast<long>(options_.retry_delay_ms) << std::min(attempt - 1, 6);
  if (!retry_after.empty() && std::all_of(retry_after.begin(), retry_after.end(), ::isdigit))
    ms = std::min(10000L, std::stol(retry_after.substr(0, 6)) * 1000L);
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

std::string status_text(long status) {
  const char* reason = "";
  switch (status) {
    case 400: reason = " Bad Request"; break;
    case 401: reason = " Unauthorized"; break;
    case 403: reason = " Forbidden"; break;
    case 404: reason = " Not Found"; break;
    case 416: reason = " Range Not Satisfiable"; break;
    case 429: reason = " Too Many Requests"; break;
    case 500: reason = " Internal Server Error"; break;
    case 502: reason = " Bad Gateway"; break;
    case 503: reason = " Service Unavailable"; break;
    case 504: reason = " Gateway Timeout"; break;
    default: break;
  }
  return "HTTP " + std::to_string(status) + reason;
}

bool retryable_status(long status) { return status == 429 || (status >= 500 && status <= 599); }

}  // namespace ballast::image::registry
