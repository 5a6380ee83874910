// The PostgreSQL back end (libpq): one server that a team or a fleet of CI
// runners record into. The location is a libpq connection URI
// ("postgresql://user:pw@host:5432/db", a socket directory as ?host=/dir),
// passed to libpq as given; a connect_timeout of 10 s applies unless the URI
// sets one. Tables are prefixed ballast_ since the database may hold others.
//
// Concurrency: appends are one transaction each (a BIGSERIAL id, no row
// shared between writers); lock_timeout bounds how long one waits on a lock
// somebody else holds. The schema version lives in ballast_schema; migrations
// run in one transaction under a transaction-level advisory lock
// (pg_advisory_xact_lock), so concurrent first runs migrate once.
#include <libpq-fe.h>

#include <array>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "history/store.h"
#include "util/error.h"

namespace ballast::history {
namespace {

constexpr std::array<const char*, 1> kMigrations = {
    // 1: runs and their per-category bytes and per-severity finding counts.
    "CREATE TABLE ballast_runs ("
    "  id BIGSERIAL PRIMARY KEY,"
    "  repository TEXT NOT NULL, tag TEXT NOT NULL, digest TEXT NOT NULL,"
    "  recorded_at BIGINT NOT NULL, command TEXT NOT NULL, source TEXT NOT NULL,"
    "  stored_bytes BIGINT NOT NULL, final_bytes BIGINT NOT NULL, compressed_bytes BIGINT NOT NULL,"
    "  layers BIGINT NOT NULL, git_commit TEXT NOT NULL, result TEXT NOT NULL);"
    "CREATE INDEX ballast_runs_by_repository ON ballast_runs(repository, recorded_at);"
    "CREATE TABLE ballast_run_categories ("
    "  run_id BIGINT NOT NULL REFERENCES ballast_runs(id), name TEXT NOT NULL, stored_bytes BIGINT "
    "NOT NULL,"
    "  PRIMARY KEY (run_id, name));"
    "CREATE TABLE ballast_run_findings ("
    "  run_id BIGINT NOT NULL REFERENCES ballast_runs(id), severity TEXT NOT NULL, count BIGINT "
    "NOT NULL,"
    "  PRIMARY KEY (run_id, severity));",
};
constexpr int kSchemaVersion = static_cast<int>(kMigrations.size());
// Any constant: the key of the advisory lock migrations hold ("ballast" in ASCII).
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(63054995153780)";

// libpq's messages span lines ("connection to server ... failed: FATAL:  ...\n");
// ours are one.
std::string one_line(const char* text) {
  std::string out;
  bool space = false;
  for (const char* p = text ? text : ""; *p; ++p) {
    const bool ws = *p == '\n' || *p == '\r' || *p == '\t' || *p == ' ';
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += *p;
  }
  return out.empty() ? "unknown error" : out;
}

class Result {
 public:
  explicit Result(PGresult* r) : r_(r) {}
  ~Result() { PQclear(r_); }
  Result(Result&& other) noexcept : r_(std::exchange(other.r_, nullptr)) {}
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  bool ok() const {
    const ExecStatusType s = PQresultStatus(r_);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
  }
  int rows() const { return PQntuples(r_); }
  std::string text(int row, int col) const { return PQgetvalue(r_, row, col); }
  std::int64_t integer(int row, int col) const { return std::stoll(PQgetvalue(r_, row, col)); }

 private:
  PGresult* r_;
};

class PostgresStore final : public Store {
 public:
  PostgresStore(const std::string& url, const StoreOptions& options) : where_(redact_url(url)) {
    // Keywords before the expanded dbname are defaults the URI overrides.
    const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {"10", "ballast", url.c_str(), nullptr};
    conn_.c = PQconnectdbParams(keys, values, 1);
    if (!conn_.c) throw InputError("history store " + where_ + ": out of memory");
    if (PQstatus(conn_.c) != CONNECTION_OK) fail();
    exec("SET lock_timeout = " + std::to_string(options.busy_timeout_ms));
    exec("SET client_min_messages = warning");  // no NOTICEs on stderr
    migrate(options.create);
  }

  std::int64_t append(const Run& run) override {
    Transaction tx(*this);
    const std::int64_t id =
        query(
            "INSERT INTO ballast_runs (repository, tag, digest, recorded_at, command, source, "
            "stored_bytes,"
            " final_bytes, compressed_bytes, layers, git_commit, result)"
            " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id",
            {run.repository, run.tag, run.digest, std::to_string(run.time), run.command, run.source,
             number(run.stored_bytes), number(run.final_bytes), number(run.compressed_bytes),
             number(run.layers), run.git_commit, run.result})
            .integer(0, 0);
    const std::string id_text = std::to_string(id);
    for (const auto& [name, bytes] : run.categories)
      query("INSERT INTO ballast_run_categories (run_id, name, stored_bytes) VALUES ($1,$2,$3)",
            {id_text, name, number(bytes)});
    for (const auto& [severity, n] : run.findings)
      query("INSERT INTO ballast_run_findings (run_id, severity, count) VALUES ($1,$2,$3)",
            {id_text, severity, number(n)});
    tx.commit();
    return id;
  }

  std::vector<Run> runs(const Query& q) override {
    // REPEATABLE READ: the three tables seen at one point in time.
    Transaction tx(*this, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    std::vector<std::string> params;
    std::string filter = " WHERE TRUE";
    if (!q.repository.empty()) {
      params.push_back(q.repository);
      filter += " AND r.repository = $" + std::to_string(params.size());
    }
    if (q.since) {
      params.push_back(std::to_string(*q.since));
      filter += " AND r.recorded_at >= $" + std::to_string(params.size());
    }
    std::string selected = "SELECT r.id FROM ballast_runs r" + filter;
    if (q.last)
      selected += " ORDER BY r.recorded_at DESC, r.id DESC LIMIT " + std::to_string(q.last);

    std::vector<Run> out;
    std::map<std::int64_t, std::size_t> index;
    {
      Result res = query(
          "SELECT id, repository, tag, digest, recorded_at, command, source, stored_bytes, "
          "final_bytes,"
          " compressed_bytes, layers, git_commit, result FROM ballast_runs WHERE id IN (" +
              selected + ") ORDER BY recorded_at, id",
          params);
      for (int i = 0; i < res.rows(); ++i) {
        Run r;
        r.id = res.integer(i, 0);
        r.repository = res.text(i, 1);
        r.tag = res.text(i, 2);
        r.digest = res.text(i, 3);
        r.time = res.integer(i, 4);
        r.command = res.text(i, 5);
        r.source = res.text(i, 6);
        r.stored_bytes = unsigned_of(res.integer(i, 7));
        r.final_bytes = unsigned_of(res.integer(i, 8));
        r.compressed_bytes = unsigned_of(res.integer(i, 9));
        r.layers = unsigned_of(res.integer(i, 10));
        r.git_commit = res.text(i, 11);
        r.result = res.text(i, 12);
        index[r.id] = out.size();
        out.push_back(std::move(r));
      }
    }
    {
      Result res =
          query("SELECT run_id, name, stored_bytes FROM ballast_run_categories WHERE run_id IN (" +
                    selected + ")",
                params);
      for (int i = 0; i < res.rows(); ++i)
        out[index.at(res.integer(i, 0))].categories[res.text(i, 1)] =
            unsigned_of(res.integer(i, 2));
    }
    {
      Result res =
          query("SELECT run_id, severity, count FROM ballast_run_findings WHERE run_id IN (" +
                    selected + ")",
                params);
      for (int i = 0; i < res.rows(); ++i)
        out[index.at(res.integer(i, 0))].findings[res.text(i, 1)] = unsigned_of(res.integer(i, 2));
    }
    tx.commit();
    return out;
  }

  const std::string& where() const override { return where_; }

 private:
  struct Connection {
    PGconn* c = nullptr;
    ~Connection() { PQfinish(c); }
  };

  // Rolled back unless committed: a failed append leaves nothing half-written.
  class Transaction {
   public:
    explicit Transaction(PostgresStore& store, const char* begin = "BEGIN") : store_(store) {
      store_.exec(begin);
    }
    ~Transaction() {
      if (!done_) PQclear(PQexec(store_.conn_.c, "ROLLBACK"));
    }
    void commit() {
      store_.exec("COMMIT");
      done_ = true;
    }

   private:
    PostgresStore& store_;
    bool done_ = false;
  };

  [[noreturn]] void fail() const {
    throw InputError("history store " + where_ + ": " + one_line(PQerrorMessage(conn_.c)));
  }

  void exec(const std::string& sql) {
    PGresult* r = PQexec(conn_.c, sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    PQclear(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail();
  }

  Result query(const std::string& sql, const std::vector<std::string>& params) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    Result r(PQexecParams(conn_.c, sql.c_str(), static_cast<int>(values.size()), nullptr,
                          values.data(), nullptr, nullptr, 0));
    if (!r.ok()) fail();
    return r;
  }

  std::string number(std::uint64_t v) const {
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      throw InputError("history store " + where_ + ": a byte count too large to store");
    return std::to_string(v);
  }

  std::uint64_t unsigned_of(std::int64_t v) const {
    if (v < 0)
      throw InputError("history store " + where_ + ": a negative count in the store (damaged?)");
    return static_cast<std::uint64_t>(v);
  }

  // `create` false (reading): a database without ballast's tables is an
  // error rather than being given them, as a missing SQLite file is.
  void migrate(bool create) {
    {
      // Already current (every open but the first): no lock, no DDL.
      Result res = query("SELECT to_regclass('ballast_schema') IS NOT NULL", {});
      const bool exists = res.text(0, 0) == "t";
      if (!exists && !create)
        throw InputError(
            "history store " + where_ +
            ": no ballast history in this database (nothing has been recorded there yet)");
      if (exists && schema_version() == kSchemaVersion) return;
    }
    Transaction tx(*this);
    exec(kMigrationLock);
    exec("CREATE TABLE IF NOT EXISTS ballast_schema (version INTEGER NOT NULL)");
    Result rows = query("SELECT count(*) FROM ballast_schema", {});
    const bool has_row = rows.integer(0, 0) > 0;
    const int version = schema_version();
    for (int v = version; v < kSchemaVersion; ++v) exec(kMigrations[static_cast<std::size_t>(v)]);
    if (!has_row)
      exec("INSERT INTO ballast_schema (version) VALUES (" + std::to_string(kSchemaVersion) + ")");
    else if (version != kSchemaVersion)
      exec("UPDATE ballast_schema SET version = " + std::to_string(kSchemaVersion));
    tx.commit();
  }

  int schema_version() {
    Result res = query("SELECT version FROM ballast_schema", {});
    const int version = res.rows() ? static_cast<int>(res.integer(0, 0)) : 0;
    if (version > kSchemaVersion)
      throw InputError("history store " + where_ + ": schema version " + std::to_string(version) +
                       " is newer than this ballast reads (" + std::to_string(kSchemaVersion) +
                       "); upgrade ballast");
    return version;
  }

  std::string where_;
  Connection conn_;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url, const StoreOptions& options) {
  return std::make_unique<PostgresStore>(url, options);
}

}  // namespace ballast::history
