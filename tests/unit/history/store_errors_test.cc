// What only one back end can get wrong: a SQLite file that is not (or no
// longer) a database, a store that does not exist; a PostgreSQL server that
// is not there or refuses the password. Each is one line naming the store,
// and the file or the rows already there are untouched.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../image/temp_dir.h"
#include "history/store.h"
#include "pg_test_server.h"
#include "util/error.h"

namespace ballast::testing {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string open_error(const std::string& location, bool create = true) {
  history::StoreOptions o;
  o.location = location;
  o.create = create;
  o.busy_timeout_ms = 500;
  try {
    auto store = history::open_store(o);
    store->runs({});
    return "";
  } catch (const InputError& e) {
    return e.what();
  }
}

history::Run one() {
  history::Run r;
  r.repository = "app";
  r.time = 1;
  r.stored_bytes = 10;
  return r;
}

TEST(SqliteStore, CorruptFileIsAnErrorAndStaysAsItWas) {
  TempDir dir;
  const std::string path = dir / "history.db";
  {
    history::StoreOptions o;
    o.location = path;
    history::open_store(o)->append(one());
  }
  // Garble the header: "SQLite format 3\0" is the first 16 bytes (sqlite.org/fileformat.html).
  std::string bytes = slurp(path);
  ASSERT_EQ(bytes.substr(0, 15), "SQLite format 3");
  bytes.replace(0, 16, "not a database!!");
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;

  const std::string err = open_error(path);
  EXPECT_EQ(err, "history store " + path +
                     ": file is not a database (not a ballast history store, or damaged)");
  EXPECT_EQ(slurp(path), bytes);  // nothing rewritten
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(SqliteStore, TextFileIsNotAStore) {
  TempDir dir;
  const std::string path = dir / "notes.txt";
  std::ofstream(path)
      << "some notes that are not a database at all, long enough to have a header\n";
  const std::string before = slurp(path);
  EXPECT_NE(open_error(path).find("file is not a database"), std::string::npos);
  EXPECT_EQ(slurp(path), before);
}

TEST(SqliteStore, ReadingNeverCreates) {
  TempDir dir;
  const std::string path = dir / ".ballast/history.db";
  EXPECT_EQ(open_error(path, false),
            "history store " + path + ": no such file (nothing has been recorded there yet)");
  EXPECT_FALSE(std::filesystem::exists(dir / ".ballast"));
  // Positive control: writing creates the directory and the file.
  EXPECT_EQ(open_error(path, true), "");
  EXPECT_TRUE(std::filesystem::exists(path));
}

TEST(SqliteStore, DirectoryIsNotAStore) {
  TempDir dir;
  EXPECT_EQ(open_error(dir.path()), "history store " + dir.path() + ": is a directory");
}

TEST(PostgresStore, UnreachableServer) {
  TempDir dir;
  const std::string err =
      open_error("postgresql://ballast:secret@/postgres?host=" + dir.path() + "/nosock");
  EXPECT_TRUE(err.starts_with("history store postgresql://ballast@/postgres?host=")) << err;
  EXPECT_NE(err.find("No such file or directory"), std::string::npos) << err;
  EXPECT_EQ(err.find('\n'), std::string::npos) << err;
  EXPECT_EQ(err.find("secret"), std::string::npos) << err;
}

TEST(PostgresStore, MalformedUrl) {
  const std::string err = open_error("postgresql://[::1");
  EXPECT_TRUE(err.starts_with("history store postgresql://[::1: ")) << err;
  EXPECT_EQ(err.find('\n'), std::string::npos) << err;
}

TEST(PostgresStore, WrongPasswordIsAnErrorAndLosesNothing) {
  BALLAST_REQUIRE_POSTGRES(url);
  history::StoreOptions o;
  o.location = url;
  history::Run first = one();
  first.id = history::open_store(o)->append(first);

  std::string bad = url;
  const std::string pw = ":ballast-test-pw@";
  ASSERT_NE(bad.find(pw), std::string::npos);
  bad.replace(bad.find(pw), pw.size(), ":wrong-pw@");
  const std::string err = open_error(bad);
  EXPECT_NE(err.find("password authentication failed for user \"ballast\""), std::string::npos)
      << err;
  EXPECT_EQ(err.find("wrong-pw"), std::string::npos) << err;
  EXPECT_EQ(err.find('\n'), std::string::npos) << err;
  EXPECT_EQ(history::open_store(o)->runs({}), std::vector<history::Run>{first});
}

TEST(StoreLocation, RedactUrl) {
  EXPECT_EQ(history::redact_url("postgresql://u:p@h:5432/db"), "postgresql://u@h:5432/db");
  EXPECT_EQ(history::redact_url("postgresql://u@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(history::redact_url("postgresql://h/db?user=u"), "postgresql://h/db?user=u");
  EXPECT_EQ(history::redact_url("postgres://u:p%40x@/db?host=/s"), "postgres://u@/db?host=/s");
  EXPECT_EQ(history::redact_url("postgresql://h/db?user=u&password=s3&x=1"),
            "postgresql://h/db?user=u&password=***&x=1");
}

}  // namespace
}  // namespace ballast::testing
