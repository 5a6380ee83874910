// One suite, both back ends: every test runs against a SQLite file and
// against a real PostgreSQL server (pg_test_server.h). The expected values
// are the runs the test itself wrote; the concurrency tests count what
// fork()ed writers put in.
#include "history/store.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "../image/temp_dir.h"
#include "pg_test_server.h"
#include "util/error.h"

namespace ballast::testing {
namespace {

using history::Query;
using HRun = history::Run;

HRun sample(int i) {
  HRun r;
  r.repository = i == 2 ? "ghcr.io/org/other" : "myapp";
  r.tag = i == 1 ? "" : "1." + std::to_string(i);
  r.digest = "sha256:" + std::string(64, static_cast<char>('a' + i));
  r.time = 1796281200 + i * 3600;
  r.command = i == 1 ? "check" : "analyze";
  r.source = "oci:./out,\"quoted\" ünïcode " + std::to_string(i);
  r.stored_bytes = 1000000ULL * (i + 1) + 7;
  r.final_bytes = 900000ULL * (i + 1);
  r.compressed_bytes =
      i == 0 ? static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) : 12345;
  r.layers = 3 + i;
  if (i != 1)
    r.categories = {{"python-packages", 500000ULL * (i + 1)}, {"caches", 0}, {"os-base", 123}};
  if (i != 2)
    r.findings = {{"error", 1}, {"warning", static_cast<std::uint64_t>(i + 2)}, {"info", 0}};
  r.git_commit = i == 2 ? "" : std::string(40, static_cast<char>('0' + i));
  r.result = i == 1 ? "fail" : "";
  return r;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      location_ = dir_ / "sub/history.db";
    } else {
      BALLAST_REQUIRE_POSTGRES(url);
      location_ = url;
    }
  }
  std::unique_ptr<history::Store> open(bool create = true, int timeout_ms = 10000) const {
    history::StoreOptions o;
    o.location = location_;
    o.create = create;
    o.busy_timeout_ms = timeout_ms;
    return history::open_store(o);
  }
  bool postgres() const { return GetParam() == "postgres"; }

  TempDir dir_;
  std::string location_;
};

TEST_P(StoreTest, ThreeRunsReadBackExactly) {
  std::vector<HRun> written;
  {
    auto store = open();
    for (int i = 0; i < 3; ++i) {
      HRun r = sample(i);
      r.id = store->append(r);
      written.push_back(r);
    }
  }
  EXPECT_LT(written[0].id, written[1].id);
  EXPECT_LT(written[1].id, written[2].id);
  // A new connection (a later process) reads exactly what was written.
  auto store = open(false);
  EXPECT_EQ(store->runs({}), written);
}

TEST_P(StoreTest, Filters) {
  auto store = open();
  std::vector<HRun> written;
  for (int i = 0; i < 3; ++i) {
    HRun r = sample(i);
    r.id = store->append(r);
    written.push_back(r);
  }
  Query mine;
  mine.repository = "myapp";
  EXPECT_EQ(store->runs(mine), (std::vector<HRun>{written[0], written[1]}));
  Query since;
  since.since = written[1].time;
  EXPECT_EQ(store->runs(since), (std::vector<HRun>{written[1], written[2]}));
  Query last;
  last.last = 1;
  last.repository = "myapp";
  EXPECT_EQ(store->runs(last), (std::vector<HRun>{written[1]}));
  Query none;
  none.repository = "nope";
  EXPECT_TRUE(store->runs(none).empty());
}

TEST_P(StoreTest, OrderedByTimeThenId) {
  auto store = open();
  HRun late = sample(0), early = sample(0);
  late.time = 2000;
  early.time = 1000;
  late.id = store->append(late);
  early.id = store->append(early);
  HRun same = sample(0);
  same.time = 2000;
  same.id = store->append(same);
  EXPECT_EQ(store->runs({}), (std::vector<HRun>{early, late, same}));
}

// Several processes append at once; every run arrives, none twice.
TEST_P(StoreTest, ConcurrentWritersLoseNothing) {
  constexpr int kWriters = 6, kEach = 20;
  open();  // the schema exists before the race (the race on creation is the next test's)
  std::vector<pid_t> children;
  for (int w = 0; w < kWriters; ++w) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int code = 0;
      try {
        auto store = open();
        for (int i = 0; i < kEach; ++i) {
          HRun r = sample(0);
          r.tag = std::to_string(w) + "/" + std::to_string(i);
          store->append(r);
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "writer %d: %s\n", w, e.what());
        code = 1;
      }
      ::_exit(code);  // no atexit handlers (the parent's server stays up)
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  const auto runs = open()->runs({});
  ASSERT_EQ(runs.size(), static_cast<std::size_t>(kWriters * kEach));
  std::set<std::string> tags;
  std::set<std::int64_t> ids;
  for (const auto& r : runs) {
    tags.insert(r.tag);
    ids.insert(r.id);
    HRun expect = sample(0);
    expect.id = r.id;
    expect.tag = r.tag;
    EXPECT_EQ(r, expect);
  }
  EXPECT_EQ(tags.size(), runs.size());
  EXPECT_EQ(ids.size(), runs.size());
}

// The first runs against a store that does not exist yet race to create and
// migrate it: each must succeed and the schema be made once.
TEST_P(StoreTest, ConcurrentCreation) {
  constexpr int kWriters = 4;
  std::vector<pid_t> children;
  for (int w = 0; w < kWriters; ++w) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int code = 0;
      try {
        open()->append(sample(w % 3));
      } catch (const std::exception& e) {
        std::fprintf(stderr, "writer %d: %s\n", w, e.what());
        code = 1;
      }
      ::_exit(code);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  EXPECT_EQ(open()->runs({}).size(), static_cast<std::size_t>(kWriters));
}

// Another connection holds the write lock: the append waits its timeout, then
// fails with one line; what was there stays, and appends work once released.
TEST_P(StoreTest, LockedStoreIsAnErrorAndLosesNothing) {
  auto store = open();
  HRun first = sample(0);
  first.id = store->append(first);

  sqlite3* lite = nullptr;
  PGconn* pg = nullptr;
  if (postgres()) {
    pg = PQconnectdb(location_.c_str());
    ASSERT_EQ(PQstatus(pg), CONNECTION_OK);
    PQclear(PQexec(pg, "BEGIN"));
    PGresult* r = PQexec(pg, "LOCK TABLE ballast_runs IN ACCESS EXCLUSIVE MODE");
    ASSERT_EQ(PQresultStatus(r), PGRES_COMMAND_OK);
    PQclear(r);
  } else {
    ASSERT_EQ(sqlite3_open(location_.c_str(), &lite), SQLITE_OK);
    ASSERT_EQ(
        sqlite3_exec(
            lite,
            "BEGIN IMMEDIATE; INSERT INTO runs (repository, tag, digest, recorded_at, command, "
            "source, stored_bytes, final_bytes, compressed_bytes, layers, git_commit, result) "
            "VALUES ('held','','',0,'','',0,0,0,0,'','')",
            nullptr, nullptr, nullptr),
        SQLITE_OK);
  }
  try {
    open(true, 300)->append(sample(1));
    ADD_FAILURE() << "append succeeded while the store was locked";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
    EXPECT_TRUE(msg.find("locked") != std::string::npos ||
                msg.find("lock timeout") != std::string::npos)
        << msg;
    EXPECT_TRUE(msg.starts_with("history store ")) << msg;
  }
  // The holder rolls back; the run from before is intact, a new append works.
  if (pg) {
    PQclear(PQexec(pg, "ROLLBACK"));
    PQfinish(pg);
  } else {
    sqlite3_exec(lite, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(lite);
  }
  EXPECT_EQ(open()->runs({}), std::vector<HRun>{first});
  HRun second = sample(1);
  second.id = open()->append(second);
  EXPECT_EQ(open()->runs({}), (std::vector<HRun>{first, second}));
}

// A store written by a newer ballast is refused, not migrated backwards.
TEST_P(StoreTest, NewerSchemaIsRefused) {
  HRun first = sample(0);
  first.id = open()->append(first);
  if (postgres()) {
    PGconn* c = PQconnectdb(location_.c_str());
    PQclear(PQexec(c, "UPDATE ballast_schema SET version = 99"));
    PQfinish(c);
  } else {
    sqlite3* db = nullptr;
    sqlite3_open(location_.c_str(), &db);
    sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  try {
    open();
    ADD_FAILURE() << "opened a version 99 store";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 99 is newer"), std::string::npos)
        << e.what();
  }
  if (postgres()) {
    PGconn* c = PQconnectdb(location_.c_str());
    PQclear(PQexec(c, "UPDATE ballast_schema SET version = 1"));
    PQfinish(c);
  } else {
    sqlite3* db = nullptr;
    sqlite3_open(location_.c_str(), &db);
    sqlite3_exec(db, "PRAGMA user_version = 1", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  EXPECT_EQ(open()->runs({}), std::vector<HRun>{first});
}

// Opening an existing, current store (every run but the first) changes nothing.
TEST_P(StoreTest, ReopenIsIdempotent) {
  HRun first = sample(2);
  first.id = open()->append(first);
  for (int i = 0; i < 3; ++i) open();
  EXPECT_EQ(open(false)->runs({}), std::vector<HRun>{first});
}

// Reading never creates: a store with nothing recorded is an error naming it,
// and still has nothing (a later read fails the same way).
TEST_P(StoreTest, ReadingNeverCreates) {
  for (int i = 0; i < 2; ++i) {
    try {
      open(false)->runs({});
      ADD_FAILURE() << "read a store that was never written";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("nothing has been recorded there yet"),
                std::string::npos)
          << e.what();
    }
  }
  // Positive control: once written, it reads.
  open()->append(sample(0));
  EXPECT_EQ(open(false)->runs({}).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ballast::testing
