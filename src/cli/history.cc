// `ballast history [REPO]`: the recorded runs as a table with a sparkline,
// JSON or CSV (docs/history.md); and the --record half analyze and check
// share (record_flags.h). The store, the summary and the renderers are the
// library's; this file only turns flags into them.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>

#include "cli/count_validator.h"
#include "cli/command.h"
#include "cli/terminal.h"
#include "cli/record_flags.h"
#include "history/git_head.h"
#include "history/location.h"
#include "history/summary.h"
#include "history/time_text.h"
#include "report/history_report.h"
#include "report/json_writer.h"
#include "util/error.h"

namespace ballast::cli {
namespace {

std::int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct HistoryCommandArgs {
  std::string repository;
  HistoryArgs store;
  std::string format = "text";
  std::string since;
  std::size_t last = 0;
  bool exact = false;
  std::string config;
  bool no_config = false;
};

}  // namespace

std::unique_ptr<history::Store> open_history(const HistoryArgs& args,
                                             const config::ConfigFile& file, bool create) {
  history::StoreOptions options;
  options.location = history::store_location(args.history, file, std::filesystem::current_path());
  options.create = create;
  return history::open_store(options);
}

void record_run(const HistoryArgs& args, const config::ConfigFile& file,
                const analysis::ImageSnapshot& snapshot, const std::string& command,
                const std::string& result) {
  history::RecordContext context{command, now(), history::git_head(std::filesystem::current_path()),
                                 result};
  open_history(args, file, true)->append(history::summarize(snapshot, context));
}

Runner setup_history(CLI::App& sub) {
  auto args = std::make_shared<HistoryCommandArgs>();
  sub.add_option("REPO", args->repository,
                 "Only this repository (as recorded: \"myapp\", \"ghcr.io/org/app\")");
  args->store.add_store_to(sub);
  sub.add_option("--format", args->format, "text (a table and a sparkline), json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  sub.add_option(
      "--since", args->since,
      "Runs since a date (2026-12-01, 2026-12-01T10:00Z) or for a duration (7d, 12h, 2w)");
  sub.add_option("--last", args->last, "Only the newest N runs")->check(count_validator());
  sub.add_flag("--bytes", args->exact, "Exact byte counts instead of human units");
  sub.add_option("--config", args->config,
                 "Configuration file (default: .ballast.yaml here or in a parent)");
  sub.add_flag("--no-config", args->no_config, "Ignore .ballast.yaml");

  return [args] {
    const config::ConfigFile file = config::resolve_config(args->config, args->no_config, ".");
    history::Query query;
    query.repository = history::repository_argument(args->repository);
    query.last = args->last;
    if (!args->since.empty()) {
      query.since = history::parse_since(args->since, now());
      if (!query.since)
        throw InputError(
            "--since must be a date (2026-12-01), a date and time (2026-12-01T10:00:00Z) or a "
            "duration "
            "(7d, 12h, 30m, 2w), not '" +
            args->since + "'");
    }
    auto store = open_history(args->store, file, false);
    report::HistoryView view{store->where(), query.repository, query.since, store->runs(query)};
    if (args->format == "json")
      report::write_json(report::history_to_json(view), std::cout);
    else if (args->format == "csv")
      std::cout << report::render_history_csv(view);
    else
      std::cout << report::fit_to_width(report::render_history_text(view, args->exact), stdout_style().width);
    return kExitOk;
  };
}

}  // namespace ballast::cli
