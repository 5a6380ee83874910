// The SQLite back end: one file (default .ballast/history.db) in WAL mode,
// so readers never block the writer and the writer never blocks readers
// (https://sqlite.org/wal.html). Writers take the write lock up front
// (BEGIN IMMEDIATE) and wait for each other through the busy timeout, so
// concurrent `--record` runs serialize instead of failing; a deferred
// transaction upgraded to a write would get SQLITE_BUSY at once, without
// waiting (https://sqlite.org/lang_transaction.html).
//
// The schema version is PRAGMA user_version; migration N (kMigrations[N-1])
// takes version N-1 to N inside the same IMMEDIATE transaction that
// re-reads the version, so two first runs never migrate twice.
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <limits>
#include <map>
#include <string>
#include <system_error>
#include <thread>

#include "history/store.h"
#include "util/error.h"

namespace ballast::history {
namespace {

constexpr std::array<const char*, 1> kMigrations = {
    // 1: runs and their per-category bytes and per-severity finding counts.
    "CREATE TABLE runs ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  repository TEXT NOT NULL, tag TEXT NOT NULL, digest TEXT NOT NULL,"
    "  recorded_at INTEGER NOT NULL, command TEXT NOT NULL, source TEXT NOT NULL,"
    "  stored_bytes INTEGER NOT NULL, final_bytes INTEGER NOT NULL, compressed_bytes INTEGER NOT "
    "NULL,"
    "  layers INTEGER NOT NULL, git_commit TEXT NOT NULL, result TEXT NOT NULL);"
    "CREATE INDEX runs_by_repository ON runs(repository, recorded_at);"
    "CREATE TABLE run_categories ("
    "  run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, stored_bytes INTEGER NOT "
    "NULL,"
    "  PRIMARY KEY (run_id, name));"
    "CREATE TABLE run_findings ("
    "  run_id INTEGER NOT NULL REFERENCES runs(id), severity TEXT NOT NULL, count INTEGER NOT NULL,"
    "  PRIMARY KEY (run_id, severity));",
};
constexpr int kSchemaVersion = static_cast<int>(kMigrations.size());

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql, const std::string& where)
      : db_(db), where_(where) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) fail();
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, const std::string& text) {
    if (sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) !=
        SQLITE_OK)
      fail();
  }
  void bind(int i, std::int64_t v) {
    if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) fail();
  }
  // true while there is a row.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail();
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }

  [[noreturn]] void fail() const;

 private:
  sqlite3* db_;
  const std::string& where_;
  sqlite3_stmt* stmt_ = nullptr;
};

std::string why(sqlite3* db) {
  const int code = sqlite3_errcode(db);
  std::string msg = sqlite3_errmsg(db);
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    msg += " (another process holds it; try again)";
  else if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    msg += " (not a ballast history store, or damaged)";
  return msg;
}

// Another connection held a lock the busy handler did not wait for.
class Busy : public InputError {
 public:
  using InputError::InputError;
};

[[noreturn]] void fail_store(sqlite3* db, const std::string& where) {
  const int code = sqlite3_errcode(db);
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    throw Busy("history store " + where + ": " + why(db));
  throw InputError("history store " + where + ": " + why(db));
}

// The busy handler covers most waits, but not all: switching a new file to
// WAL, or a WAL recovery another connection runs, returns SQLITE_BUSY at
// once (https://sqlite.org/c3ref/busy_handler.html: "the busy handler is not
// invoked" where it could deadlock). Those are retried here, whole, until
// the same timeout; each attempt rolls back, so a retry never doubles a row.
template <typename F>
auto with_retries(int timeout_ms, F&& attempt) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (int n = 0;; ++n) {
    try {
      return attempt();
    } catch (const Busy&) {
      if (std::chrono::steady_clock::now() >= deadline) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(5 + 5 * n, 50)));
    }
  }
}

void Statement::fail() const { fail_store(db_, where_); }

std::int64_t as_int64(std::uint64_t v, const std::string& where) {
  if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    throw InputError("history store " + where + ": a byte count too large to store");
  return static_cast<std::int64_t>(v);
}

std::uint64_t as_uint64(std::int64_t v, const std::string& where) {
  if (v < 0)
    throw InputError("history store " + where + ": a negative count in the store (damaged?)");
  return static_cast<std::uint64_t>(v);
}

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, const StoreOptions& options) : where_(path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (options.create) {
      flags |= SQLITE_OPEN_CREATE;
      const fs::path parent = fs::path(path).parent_path();
      if (!parent.empty() && !fs::is_directory(parent, ec)) {
        fs::create_directories(parent, ec);
        if (ec)
          throw InputError("history store " + path + ": cannot create " + parent.string() + ": " +
                           ec.message());
      }
    } else if (!fs::exists(path, ec)) {
      throw InputError("history store " + path +
                       ": no such file (nothing has been recorded there yet)");
    }
    if (fs::is_directory(path, ec)) throw InputError("history store " + path + ": is a directory");
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string msg = db_ ? why(db_) : "out of memory";
      throw InputError("history store " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 0);
    sqlite3_busy_timeout(db_, options.busy_timeout_ms);
    timeout_ms_ = options.busy_timeout_ms;
    with_retries(timeout_ms_, [&] { prepare(); });
  }

  std::int64_t append(const Run& run) override {
    return with_retries(timeout_ms_, [&] { return append_once(run); });
  }

  std::vector<Run> runs(const Query& q) override {
    return with_retries(timeout_ms_, [&] { return runs_once(q); });
  }

  const std::string& where() const override { return where_; }

 private:
  void prepare() {
    // journal_mode=WAL is persistent: after the first open it is a no-op
    // read. It is also the first statement that reads the file, so a file
    // that is not a database fails here, before anything could write to it.
    {
      Statement wal(db_, "PRAGMA journal_mode=WAL", where_);
      if (wal.step() && wal.text(0) != "wal")
        throw InputError("history store " + where_ + ": cannot switch to WAL mode (journal_mode " +
                         wal.text(0) + ")");
    }
    exec("PRAGMA foreign_keys=ON");
    migrate();
  }

  std::int64_t append_once(const Run& run) {
    Transaction tx(*this, "BEGIN IMMEDIATE");
    Statement insert(
        db_,
        "INSERT INTO runs (repository, tag, digest, recorded_at, command, source, stored_bytes, "
        "final_bytes,"
        " compressed_bytes, layers, git_commit, result) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        where_);
    insert.bind(1, run.repository);
    insert.bind(2, run.tag);
    insert.bind(3, run.digest);
    insert.bind(4, run.time);
    insert.bind(5, run.command);
    insert.bind(6, run.source);
    insert.bind(7, as_int64(run.stored_bytes, where_));
    insert.bind(8, as_int64(run.final_bytes, where_));
    insert.bind(9, as_int64(run.compressed_bytes, where_));
    insert.bind(10, as_int64(run.layers, where_));
    insert.bind(11, run.git_commit);
    insert.bind(12, run.result);
    insert.step();
    const std::int64_t id = sqlite3_last_insert_rowid(db_);
    for (const auto& [name, bytes] : run.categories) {
      Statement c(db_, "INSERT INTO run_categories (run_id, name, stored_bytes) VALUES (?,?,?)",
                  where_);
      c.bind(1, id);
      c.bind(2, name);
      c.bind(3, as_int64(bytes, where_));
      c.step();
    }
    for (const auto& [severity, n] : run.findings) {
      Statement f(db_, "INSERT INTO run_findings (run_id, severity, count) VALUES (?,?,?)", where_);
      f.bind(1, id);
      f.bind(2, severity);
      f.bind(3, as_int64(n, where_));
      f.step();
    }
    tx.commit();
    return id;
  }

  std::vector<Run> runs_once(const Query& q) {
    // One read transaction: the three tables seen at one point in time.
    Transaction tx(*this, "BEGIN");
    std::string filter = " WHERE 1=1";
    if (!q.repository.empty()) filter += " AND r.repository = ?1";
    if (q.since) filter += " AND r.recorded_at >= ?2";
    std::string selected = "SELECT r.id FROM runs r" + filter;
    if (q.last)
      selected += " ORDER BY r.recorded_at DESC, r.id DESC LIMIT " + std::to_string(q.last);
    auto bind = [&](Statement& s) {
      if (!q.repository.empty()) s.bind(1, q.repository);
      if (q.since) s.bind(2, *q.since);
    };

    std::vector<Run> out;
    std::map<std::int64_t, std::size_t> index;
    {
      Statement s(db_,
                  "SELECT id, repository, tag, digest, recorded_at, command, source, stored_bytes, "
                  "final_bytes,"
                  " compressed_bytes, layers, git_commit, result FROM runs WHERE id IN (" +
                      selected + ") ORDER BY recorded_at, id",
                  where_);
      bind(s);
      while (s.step()) {
        Run r;
        r.id = s.integer(0);
        r.repository = s.text(1);
        r.tag = s.text(2);
        r.digest = s.text(3);
        r.time = s.integer(4);
        r.command = s.text(5);
        r.source = s.text(6);
        r.stored_bytes = as_uint64(s.integer(7), where_);
        r.final_bytes = as_uint64(s.integer(8), where_);
        r.compressed_bytes = as_uint64(s.integer(9), where_);
        r.layers = as_uint64(s.integer(10), where_);
        r.git_commit = s.text(11);
        r.result = s.text(12);
        index[r.id] = out.size();
        out.push_back(std::move(r));
      }
    }
    {
      Statement s(db_,
                  "SELECT run_id, name, stored_bytes FROM run_categories WHERE run_id IN (" +
                      selected + ")",
                  where_);
      bind(s);
      while (s.step())
        out[index.at(s.integer(0))].categories[s.text(1)] = as_uint64(s.integer(2), where_);
    }
    {
      Statement s(
          db_,
          "SELECT run_id, severity, count FROM run_findings WHERE run_id IN (" + selected + ")",
          where_);
      bind(s);
      while (s.step())
        out[index.at(s.integer(0))].findings[s.text(1)] = as_uint64(s.integer(2), where_);
    }
    tx.commit();
    return out;
  }

  // Rolled back unless committed: a failed append leaves nothing half-written.
  class Transaction {
   public:
    Transaction(SqliteStore& store, const char* begin) : store_(store) { store_.exec(begin); }
    ~Transaction() {
      if (!done_) sqlite3_exec(store_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void commit() {
      store_.exec("COMMIT");
      done_ = true;
    }

   private:
    SqliteStore& store_;
    bool done_ = false;
  };

  void exec(const std::string& sql) {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
      fail_store(db_, where_);
  }

  int user_version() {
    Statement s(db_, "PRAGMA user_version", where_);
    return s.step() ? static_cast<int>(s.integer(0)) : 0;
  }

  void migrate() {
    int version = user_version();
    if (version == kSchemaVersion) return;
    if (version > kSchemaVersion) newer(version);
    Transaction tx(*this, "BEGIN IMMEDIATE");
    version = user_version();  // another process may have migrated meanwhile
    if (version > kSchemaVersion) newer(version);
    for (int v = version; v < kSchemaVersion; ++v) exec(kMigrations[static_cast<std::size_t>(v)]);
    if (version != kSchemaVersion) exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    tx.commit();
  }

  [[noreturn]] void newer(int version) const {
    throw InputError("history store " + where_ + ": schema version " + std::to_string(version) +
                     " is newer than this ballast reads (" + std::to_string(kSchemaVersion) +
                     "); upgrade ballast");
  }

  // Closed however the constructor ends: a member is destroyed even when
  // the constructor throws after opening it.
  struct Handle {
    sqlite3* db = nullptr;
    ~Handle() { sqlite3_close(db); }
  };

  std::string where_;
  int timeout_ms_ = 0;
  Handle handle_;
  sqlite3*& db_ = handle_.db;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path, const StoreOptions& options) {
  return std::make_unique<SqliteStore>(path, options);
}

}  // namespace ballast::history
