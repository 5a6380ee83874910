#include "history/store.h"

namespace ballast::history {

bool is_postgres_url(const std::string& location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string redact_url(const std::string& in) {
  // A password among the URI's parameters (libpq accepts ?password=).
  std::string url = in;
  for (std::size_t p = url.find("password=", url.find('?'));
       url.find('?') != std::string::npos && p != std::string::npos;
       p = url.find("password=", p + 1)) {
    if (url[p - 1] != '?' && url[p - 1] != '&') continue;
    const std::size_t end = url.find('&', p);
    url.replace(p + 9, (end == std::string::npos ? url.size() : end) - (p + 9), "***");
  }
  // RFC 3986 userinfo: between "//" and the last '@' of the authority; a
  // password is what follows its first ':'.
  const std::size_t start = url.find("//");
  if (start == std::string::npos) return url;
  const std::size_t authority_end = url.find_first_of("/?#", start + 2);
  const std::size_t at =
      url.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
  if (at == std::string::npos || at < start + 2) return url;
  const std::size_t colon = url.find(':', start + 2);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

std::unique_ptr<Store> open_store(const StoreOptions& options) {
  if (is_postgres_url(options.location)) return open_postgres_store(options.location, options);
  std::string path = options.location;
  if (path.starts_with("sqlite:")) path = path.substr(7);
  return open_sqlite_store(path, options);
}

}  // namespace ballast::history
