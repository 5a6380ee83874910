// `ballast check IMAGE`: size budgets and dive's CI rules (docs/check.md).
// Budgets come from .ballast.yaml's check: section, then the flags; dive's
// rules from ./.dive-ci or --ci-config. The image (and a baseline) become
// snapshots through the library; check::evaluate() decides; a renderer
// prints; exit 1 when a rule failed.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "analysis/snapshot.h"
#include "check/budgets.h"
#include "check/dive_ci.h"
#include "check/evaluate.h"
#include "cli/count_validator.h"
#include "cli/command.h"
#include "cli/cost_flags.h"
#include "cli/terminal.h"
#include "cli/image_choice.h"
#include "cli/image_request.h"
#include "cli/record_flags.h"
#include "history/summary.h"
#include "report/check_report.h"
#include "report/json_writer.h"
#include "util/byte_size.h"
#include "util/error.h"

namespace ballast::cli {
namespace {

struct CheckArgs {
  std::string image;
  ImageRequestArgs source;
  std::string format = "text";
  bool exact = false;
  std::string ci_config;
  bool no_dive_ci = false;
  std::string baseline;
  std::string max_stored, max_final, max_compressed, max_reclaimable, max_reclaimable_percent;
  std::string max_growth, max_growth_percent, growth_of, growth_requires;
  std::string max_monthly_cost, max_pull_seconds;
  int max_layers = -1;
  std::string forbid_severity;
  std::vector<std::string> forbid;
  HistoryArgs history;
  CostArgs cost;
};

// "history:" (the image's own repository) or "history:REPO": the newest
// recorded run, read before this run is recorded.
constexpr std::string_view kHistoryBaseline = "history:";

analysis::ImageSnapshot history_baseline(const HistoryArgs& args, const config::ConfigFile& file,
                                         const std::string& baseline, const analysis::ImageSnapshot& image) {
  std::string repo = baseline.substr(kHistoryBaseline.size());
  if (repo.empty()) repo = history::repository_of(image);
  auto store = open_history(args, file, false);
  history::Query q;
  q.repository = repo;
  q.last = 1;
  const auto runs = store->runs(q);
  if (runs.empty())
    throw InputError("no recorded run of " + repo + " in " + store->where() +
                     " to measure growth against; record one with --record");
  return history::baseline_snapshot(runs.back());
}

std::uint64_t size_flag(const std::string& flag, const std::string& text) {
  auto v = parse_byte_size(text);
  if (!v) throw InputError(flag + " must be a size like 200MB or 1.5GiB, not '" + text + "'");
  return *v;
}

double percent_flag(const std::string& flag, const std::string& text) {
  auto v = check::parse_percent(text);
  if (!v) throw InputError(flag + " must be a percentage like 5 or 5%, not '" + text + "'");
  return *v;
}

double number_flag(const std::string& flag, const std::string& text, const char* example) {
  auto v = check::parse_non_negative(text);
  if (!v) throw InputError(flag + " must be a number >= 0 like " + example + ", not '" + text + "'");
  return *v;
}

void apply_flags(const CheckArgs& a, check::Budgets& b) {
  if (!a.max_stored.empty()) b.max_stored = size_flag("--max-stored", a.max_stored);
  if (!a.max_final.empty()) b.max_final = size_flag("--max-final", a.max_final);
  if (!a.max_compressed.empty()) b.max_compressed = size_flag("--max-compressed", a.max_compressed);
  if (!a.max_reclaimable.empty()) b.max_reclaimable = size_flag("--max-reclaimable", a.max_reclaimable);
  if (!a.max_reclaimable_percent.empty())
    b.max_reclaimable_percent = percent_flag("--max-reclaimable-percent", a.max_reclaimable_percent);
  if (!a.max_growth.empty()) b.max_growth = size_flag("--max-growth", a.max_growth);
  if (!a.max_growth_percent.empty()) b.max_growth_percent = percent_flag("--max-growth-percent", a.max_growth_percent);
  if (!a.growth_of.empty())
    b.growth_of = a.growth_of == "final" ? check::SizeMetric::kFinal
                  : a.growth_of == "compressed" ? check::SizeMetric::kCompressed
                                                : check::SizeMetric::kStored;
  if (!a.growth_requires.empty()) b.growth_requires_both = a.growth_requires == "both";
  if (!a.max_monthly_cost.empty()) b.max_monthly_cost = number_flag("--max-monthly-cost", a.max_monthly_cost, "25 or 0.5");
  if (!a.max_pull_seconds.empty()) b.max_pull_seconds = number_flag("--max-pull-seconds", a.max_pull_seconds, "30");
  if (a.max_layers >= 0) b.max_layers = static_cast<std::uint64_t>(a.max_layers);
  if (!a.forbid_severity.empty()) b.forbid_severity = model::parse_severity(a.forbid_severity);
  b.forbid_findings.insert(b.forbid_findings.end(), a.forbid.begin(), a.forbid.end());
  if (!a.baseline.empty()) b.baseline = a.baseline;
}

}  // namespace

Runner setup_check(CLI::App& sub) {
  auto args = std::make_shared<CheckArgs>();
  sub.add_option("IMAGE", args->image, "An image reference (as analyze takes) or a saved analyze --format json report")
      ->required();
  args->source.add_to(sub);
  sub.add_option("--format", args->format, "text, json, markdown (a PR comment) or github (annotations)")
      ->check(CLI::IsMember({"text", "json", "markdown", "github"}))
      ->capture_default_str();
  sub.add_flag("--bytes", args->exact, "Exact byte counts instead of human units");
  sub.add_option("--ci-config", args->ci_config, "dive's CI rules file (default: ./.dive-ci when present)");
  sub.add_flag("--no-dive-ci", args->no_dive_ci, "Ignore ./.dive-ci");
  CLI::Option* baseline_flag = sub.add_option("--baseline", args->baseline,
                 "Image or saved JSON report to measure growth against; bare (or history:[REPO]): the last recorded run")
      ->expected(0, 1);
  sub.add_option("--max-stored", args->max_stored, "Budget for stored bytes (200MB, 1.5GiB)");
  sub.add_option("--max-final", args->max_final, "Budget for bytes visible in the final filesystem");
  sub.add_option("--max-compressed", args->max_compressed, "Budget for compressed (pushed) bytes");
  sub.add_option("--max-layers", args->max_layers, "Most layers allowed")->check(count_validator());
  sub.add_option("--max-reclaimable", args->max_reclaimable, "Budget for bytes stored but hidden");
  sub.add_option("--max-reclaimable-percent", args->max_reclaimable_percent, "Same, as a percentage of stored");
  sub.add_option("--max-growth", args->max_growth, "Most growth against --baseline (bytes)");
  sub.add_option("--max-growth-percent", args->max_growth_percent, "Most growth against --baseline (percent)");
  sub.add_option("--growth-of", args->growth_of, "Which size grows: stored, final or compressed")
      ->check(CLI::IsMember({"stored", "final", "compressed"}));
  sub.add_option("--growth-requires", args->growth_requires, "With both growth limits: fail when both or either is crossed")
      ->check(CLI::IsMember({"both", "either"}));
  sub.add_option("--max-monthly-cost", args->max_monthly_cost,
                 "Most the image may cost a month at the --cost-rates (registry storage + egress, docs/cost.md)");
  sub.add_option("--max-pull-seconds", args->max_pull_seconds,
                 "Most seconds one pull may take at the rates' bandwidth (layers above a shared base)");
  sub.add_option("--forbid-severity", args->forbid_severity, "Fail on any finding at or above: info, warning, error")
      ->check(CLI::IsMember({"info", "warning", "error"}));
  sub.add_option("--forbid", args->forbid, "Fail when a finding of this id is present (repeatable)");
  args->cost.add_to(sub, "What the image costs a month and per pull");
  args->history.add_record_to(sub);

  return [args, baseline_flag] {
    const config::ConfigFile file = args->source.config_file();
    check::Budgets budgets = check::budgets_from_config(file);
    apply_flags(*args, budgets);
    if (args->baseline.empty() && baseline_flag->count() > 0) budgets.baseline = kHistoryBaseline;
    std::optional<check::DiveCi> dive_ci;
    if (!args->ci_config.empty()) dive_ci = check::load_dive_ci(args->ci_config);
    else if (!args->no_dive_ci && std::filesystem::is_regular_file(".dive-ci")) dive_ci = check::load_dive_ci(".dive-ci");
    if (budgets.empty() && !dive_ci)
      throw InputError("nothing to check: no budgets (a check: section in .ballast.yaml, or --max-stored and the "
                       "like) and no .dive-ci (or --ci-config FILE)");
    if ((budgets.max_growth || budgets.max_growth_percent) && budgets.baseline.empty())
      throw InputError("a growth budget needs a baseline: --baseline IMAGE|REPORT.json, a bare --baseline for the last recorded run "
                       "(or check.baseline)");

    // A cost budget prices the image even without --cost (at the cost: rates).
    const std::optional<cost::CostRates> rates = args->cost.resolve(file, budgets.needs_cost());
    auto load = [&](const std::string& image) {
      try {
        analysis::AnalyzeRequest request = args->source.request(image, file);
        request.cost = rates;  // the compressed-size basis, ISA-L estimates included
        return analysis::snapshot_of(request);
      } catch (const image::ImageChoiceError& e) {
        throw choose_image(e, "--image");
      }
    };
    const analysis::ImageSnapshot snapshot = load(args->image);
    std::optional<analysis::ImageSnapshot> baseline;
    if (!budgets.baseline.empty() && (budgets.max_growth || budgets.max_growth_percent))
      baseline = budgets.baseline.starts_with(kHistoryBaseline)
                     ? history_baseline(args->history, file, budgets.baseline, snapshot)
                     : load(budgets.baseline);
    args->source.report_cache();
    const check::CheckReport report =
        check::evaluate(snapshot, baseline ? &*baseline : nullptr, budgets, dive_ci ? &*dive_ci : nullptr,
                        rates ? &*rates : nullptr);
    // Recorded before anything is printed: a store that fails is one error line, not a report and then an error.
    if (args->history.record) record_run(args->history, file, snapshot, "check", report.failed() ? "fail" : "pass");
    if (args->format == "json") report::write_json(report::check_to_json(report), std::cout);
    else if (args->format == "markdown") std::cout << report::render_check_markdown(report);
    else if (args->format == "github") std::cout << report::render_check_github(report);
    else std::cout << report::fit_to_width(report::render_check_text(report, args->exact), stdout_style().width);
    return report.failed() ? kExitCheckFailed : kExitOk;
  };
}

}  // namespace ballast::cli
