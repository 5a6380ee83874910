// Where recorded runs are kept, behind one small interface with two back
// ends: SQLite (a file, the default: .ballast/history.db) and PostgreSQL (a
// server many CI runners share). open_store() picks one from the location:
// "postgresql://…" / "postgres://…" is a libpq connection URI, anything
// else ("sqlite:PATH" or a plain PATH) a SQLite file.
//
// Every back end: appends are one transaction each, safe with any number of
// concurrent writers; the schema carries a version and is migrated on open;
// a store that is corrupt, locked past the timeout, unreachable or of a
// newer schema is an InputError of one line ("history store …: why"), and
// nothing ever deletes, rewrites or recreates rows already there.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "history/run.h"

namespace ballast::history {

struct Query {
  std::string repository;             // "" = every repository
  std::optional<std::int64_t> since;  // runs recorded at or after (Unix seconds)
  std::size_t last = 0;               // only the newest N (0 = all)
};

class Store {
 public:
  virtual ~Store() = default;
  // Stores `run` (its id is ignored) and returns the id it was given.
  virtual std::int64_t append(const Run& run) = 0;
  // Oldest first (by time, then id).
  virtual std::vector<Run> runs(const Query& query) = 0;
  // The location with any password left out, for messages.
  virtual const std::string& where() const = 0;
};

struct StoreOptions {
  std::string location;
  // false: a store that does not exist yet is an error instead of being
  // created (reading history never creates one).
  bool create = true;
  // How long a writer waits for another's lock before giving up.
  int busy_timeout_ms = 10000;
};

// Throws InputError (one line) when the store cannot be opened or migrated.
std::unique_ptr<Store> open_store(const StoreOptions& options);

// Each back end; open_store() dispatches to one.
std::unique_ptr<Store> open_sqlite_store(const std::string& path, const StoreOptions& options);
std::unique_ptr<Store> open_postgres_store(const std::string& url, const StoreOptions& options);

bool is_postgres_url(const std::string& location);
// "postgresql://user:secret@host/db" -> "postgresql://user@host/db".
std::string redact_url(const std::string& url);

}  // namespace ballast::history
