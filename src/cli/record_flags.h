// --record and --history, shared by analyze and check (which append a run)
// and history (which reads them); the run is made and stored by the library
// (history/summary.h, history/store.h). Implemented in history.cc.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "analysis/snapshot.h"
#include "config/config_file.h"
#include "history/store.h"

namespace ballast::cli {

struct HistoryArgs {
  bool record = false;
  std::string history;  // --history LOCATION

  void add_record_to(CLI::App& sub) {
    sub.add_flag("--record", record,
                 "Append this run's summary to the history store (docs/history.md)");
    add_store_to(sub);
  }
  void add_store_to(CLI::App& sub) {
    sub.add_option("--history", history,
                   "History store: a SQLite file or postgresql://… (default: history.url, else "
                   ".ballast/history.db)");
  }
};

// The store named by --history / history.url / the default; `create`: false
// to read only.
std::unique_ptr<history::Store> open_history(const HistoryArgs& args,
                                             const config::ConfigFile& file, bool create);

// Appends `snapshot` as a run of `command` ("analyze", "check"), recorded
// now at the working directory's git HEAD; `result` "pass"/"fail" or "".
void record_run(const HistoryArgs& args, const config::ConfigFile& file,
                const analysis::ImageSnapshot& snapshot, const std::string& command,
                const std::string& result);

}  // namespace ballast::cli
