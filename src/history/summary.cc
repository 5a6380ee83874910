#include "history/summary.h"

#include "history/time_text.h"
#include "image/resolved_image.h"
#include "model/severity.h"

namespace ballast::history {

std::pair<std::string, std::string> split_repository(const std::string& name) {
  std::string repo = name;
  if (const std::size_t at = repo.find('@'); at != std::string::npos) repo.resize(at);
  // A tag is after the last ':' that follows the last '/' ("reg:5000/app" has none).
  const std::size_t slash = repo.rfind('/');
  const std::size_t colon = repo.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash))
    return {repo.substr(0, colon), repo.substr(colon + 1)};
  return {repo, ""};
}

namespace {

std::pair<std::string, std::string> identity(const analysis::ImageSnapshot& s) {
  if (s.name.empty()) return {s.source, ""};
  std::string name = s.name;
  // Digest-pinned names stay as they are; others gain ":latest" and lose
  // the default registry, as the engine resolves them.
  if (name.find('@') == std::string::npos) name = image::normalize_image_name(name);
  return split_repository(name);
}

}  // namespace

std::string repository_of(const analysis::ImageSnapshot& snapshot) {
  return identity(snapshot).first;
}

Run summarize(const analysis::ImageSnapshot& s, const RecordContext& context) {
  Run run;
  std::tie(run.repository, run.tag) = identity(s);
  run.digest = s.digest;
  run.time = context.time;
  run.command = context.command;
  run.source = s.source;
  run.stored_bytes = s.stored_bytes;
  run.final_bytes = s.final_bytes;
  run.compressed_bytes = s.compressed_bytes;
  run.layers = s.layers.size();
  if (s.attributed)
    for (const auto& c : s.categories) run.categories[c.name] = c.stored_bytes;
  if (s.has_findings) {
    // Every severity is present (0 when none), so "no findings" reads as such.
    for (auto sev : {model::Severity::kInfo, model::Severity::kWarning, model::Severity::kError})
      run.findings[std::string(model::to_string(sev))] = 0;
    for (const auto& f : s.findings) ++run.findings[std::string(model::to_string(f.severity))];
  }
  run.git_commit = context.git_commit;
  run.result = context.result;
  return run;
}

analysis::ImageSnapshot baseline_snapshot(const Run& run) {
  analysis::ImageSnapshot s;
  s.source = "history:" + run.repository + (run.tag.empty() ? "" : ":" + run.tag) + " (run " +
             std::to_string(run.id) + ", " + format_time(run.time) + ")";
  s.name = run.repository + (run.tag.empty() ? "" : ":" + run.tag);
  s.digest = run.digest;
  s.stored_bytes = run.stored_bytes;
  s.final_bytes = run.final_bytes;
  s.compressed_bytes = run.compressed_bytes;
  return s;
}

}  // namespace ballast::history
