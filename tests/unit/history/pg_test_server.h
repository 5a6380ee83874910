// The PostgreSQL server the history tests run against. Under ctest the
// fixture history.postgres.start has started one (pg_server.sh) and written
// its URI to BALLAST_TEST_PG_DIR/url; a test binary run by hand starts its
// own in BALLAST_TEST_PG_DIR-<pid> and stops it at exit. Without PostgreSQL
// installed the postgres tests fail under CI=true and skip loudly otherwise.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

namespace ballast::testing {

inline bool pg_reachable(const std::string& url) {
  PGconn* c = PQconnectdb(url.c_str());
  const bool ok = PQstatus(c) == CONNECTION_OK;
  PQfinish(c);
  return ok;
}

inline std::string read_first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// The server's URI (database "postgres"), or nullopt when none can be had.
inline std::optional<std::string> pg_server_url() {
  static std::optional<std::string> url = []() -> std::optional<std::string> {
    const std::string shared = read_first_line(std::string(BALLAST_TEST_PG_DIR) + "/url");
    if (!shared.empty() && pg_reachable(shared)) return shared;
    static std::string own = std::string(BALLAST_TEST_PG_DIR) + "-" + std::to_string(::getpid());
    const std::string script = std::string(BALLAST_SOURCE_DIR) + "/tests/unit/history/pg_server.sh";
    if (std::system(("bash " + script + " start " + own + " >&2").c_str()) != 0)
      return std::nullopt;
    static std::string stop = "bash " + script + " stop " + own;
    std::atexit([] { (void)std::system(stop.c_str()); });
    const std::string mine = read_first_line(own + "/url");
    if (mine.empty()) return std::nullopt;
    return mine;
  }();
  return url;
}

// A new, empty database on the server for one test: its URI.
inline std::optional<std::string> pg_fresh_database() {
  static std::atomic<int> counter{0};
  auto base = pg_server_url();
  if (!base) return std::nullopt;
  const std::string name =
      "ballast_t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  PGconn* c = PQconnectdb(base->c_str());
  PGresult* r = PQexec(c, ("CREATE DATABASE " + name).c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  PQclear(r);
  PQfinish(c);
  if (!ok) return std::nullopt;
  std::string url = *base;
  const std::size_t at = url.find("/postgres?");
  return url.replace(at, 10, "/" + name + "?");
}

inline bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

}  // namespace ballast::testing

// In a test body: the URI of a fresh database, or fail (CI) / skip loudly.
#define BALLAST_REQUIRE_POSTGRES(var)                                                           \
  std::string var;                                                                              \
  if (auto url_ = ::ballast::testing::pg_fresh_database()) {                                    \
    var = *url_;                                                                                \
  } else if (::ballast::testing::in_ci()) {                                                     \
    FAIL() << "PostgreSQL is required under CI=true (apt-get install postgresql; pg_server.sh " \
              "failed)";                                                                        \
  } else {                                                                                      \
    std::fprintf(stderr,                                                                        \
                 "\n*** SKIPPING: no PostgreSQL server (apt-get install postgresql) ***\n\n");  \
    GTEST_SKIP() << "no PostgreSQL server";                                                     \
  }
