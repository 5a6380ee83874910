#include "compose/lint_compose.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "compose/rules.h"
#include "config/config_file.h"
#include "dockerfile/parser.h"
#include "dockerfile/stages.h"
#include "lint/context_from_dir.h"
#include "lint/lint_input.h"
#include "lint/config.h"
#include "lint/rule.h"
#include "util/error.h"

namespace ballast::compose {
namespace fs = std::filesystem;

namespace {

std::vector<std::vector<std::string>> project_file_lists(const lint::LintRequest& request,
                                                         const ComposeLintOptions& compose,
                                                         std::vector<std::string>* dockerfiles) {
  std::vector<std::vector<std::string>> out;
  for (const auto& f : request.files) {
    if (f != "-" && is_compose_file_name(f)) {
      out.push_back({f});
    } else if (dockerfiles) {
      dockerfiles->push_back(f);
    }
  }
  if (!compose.files.empty()) out.push_back(compose.files);
  return out;
}

void append(lint::LintReport& into, lint::LintReport&& from, const lint::ComposeOrigin* origin,
            const std::string& suffix) {
  for (auto& f : from.findings) {
    if (origin) {
      into.compose[into.findings.size()] = *origin;
      f.message += suffix;
    }
    into.findings.push_back(std::move(f));
  }
  for (auto& [i, o] : from.compose) into.compose[i + into.findings.size() - from.findings.size()] = o;
  for (auto& e : from.errors) into.errors.push_back(std::move(e));
  for (auto& f : from.files) into.files.push_back(std::move(f));
  if (from.failed) into.failed = true;
}

lint::Config compose_config(const Project& project, const lint::LintRequest& request) {
  if (request.config_path) return lint::load_config(*request.config_path);
  if (request.search_config) {
    if (auto found = config::find_config_file(project.project_dir)) return lint::load_config(*found);
  }
  return {};
}

std::string relative_display(const std::string& abs, const Project& project) {
  std::string first_dir = fs::path(project.files.front()).parent_path().string();
  std::error_code ec;
  fs::path rel = fs::relative(abs, project.project_dir, ec);
  if (ec || rel.empty() || rel.string().starts_with("..")) return abs;
  return first_dir.empty() ? rel.string() : (fs::path(first_dir) / rel).string();
}

// `# ballast ignore=BA6005,BA6006` on a finding's line or alone on the line
// above it, `# ballast global ignore=...` anywhere: the Dockerfile's syntax.
struct FileSuppressions {
  std::set<std::string> global;
  std::map<int, std::set<std::string>> by_line;
};

void add_ids(std::string_view list, std::set<std::string>& into) {
  list = list.substr(0, list.find_first_of(" \t"));  // the list ends at a blank
  while (!list.empty()) {
    auto comma = list.find(',');
    for (auto& id : lint::resolve_rule_name(list.substr(0, comma))) into.insert(id);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

FileSuppressions read_suppressions(const std::string& path) {
  FileSuppressions out;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto hash = line.find('#');
    if (hash == std::string::npos) continue;
    std::string_view comment = std::string_view(line).substr(hash + 1);
    while (!comment.empty() && comment[0] == ' ') comment.remove_prefix(1);
    if (!comment.starts_with("ballast ")) continue;
    comment.remove_prefix(8);
    bool global = comment.starts_with("global ");
    if (global) comment.remove_prefix(7);
    if (!comment.starts_with("ignore=")) continue;
    comment.remove_prefix(7);
    bool alone = line.find_first_not_of(" \t") == hash;
    add_ids(comment, global ? out.global : out.by_line[alone ? number + 1 : number]);
  }
  return out;
}

}  // namespace

std::vector<Project> load_projects(const lint::LintRequest& request, const ComposeLintOptions& compose) {
  std::vector<Project> out;
  for (const auto& files : project_file_lists(request, compose, nullptr)) {
    ProjectOptions options;
    options.files = files;
    options.profiles = compose.profiles;
    out.push_back(load_project(options));
  }
  return out;
}

void lint_project(const Project& project, const lint::LintRequest& request, lint::LintReport& report) {
  lint::FailureThreshold threshold = report.threshold;
  lint::Config config = compose_config(project, request);
  if (!request.threshold && config.failure_threshold) threshold = *config.failure_threshold;

  // Each service's Dockerfile and context, with its build args and target.
  std::vector<BuildFacts> builds(project.services.size());
  for (std::size_t si = 0; si < project.services.size(); ++si) {
    const Service& svc = project.services[si];
    const Node* build = svc.node->get("build");
    if (!build || !build->is_map()) continue;
    std::string context = build->str("context");
    if (context.empty() || !fs::path(context).is_absolute()) continue;  // a URL context: nothing local to read
    if (build->get("dockerfile_inline")) continue;
    std::string dockerfile = build->str("dockerfile");
    if (dockerfile.empty()) dockerfile = "Dockerfile";
    std::string path = fs::path(dockerfile).is_absolute() ? dockerfile : (fs::path(context) / dockerfile).string();
    lint::ComposeOrigin origin{svc.name, build->file ? *build->file : "", build->def_line()};
    std::string display = relative_display(fs::path(path).lexically_normal().string(), project);
    std::error_code ec;
    if (!fs::is_directory(context, ec)) {
      report.errors.push_back({origin.file, build->where() + ": service \"" + svc.name + "\": build context " +
                                                context + " is not a directory"});
      continue;
    }
    if (!fs::is_regular_file(path, ec)) {
      report.errors.push_back({origin.file, build->where() + ": service \"" + svc.name + "\": no Dockerfile at " +
                                                display});
      continue;
    }
    lint::LintRequest sub;
    sub.files = {display};
    sub.config_path = request.config_path;
    sub.search_config = request.search_config;
    sub.threshold = request.threshold;
    if (const Node* args = build->get("args"); args && args->is_map()) {
      for (const auto& [k, v] : args->map) {
        if (v.is_scalar()) sub.build_args[k] = v.scalar;  // null: unset in the environment too
      }
    }
    if (std::string target = build->str("target"); !target.empty()) sub.target = target;
    lint::ContextInfo info;
    try {
      info = lint::context_from_dir(context, display);
      sub.context = &info;
    } catch (const InputError& e) {
      report.errors.push_back({origin.file, build->where() + ": service \"" + svc.name + "\": " + e.what()});
      continue;
    }
    lint::LintReport r = lint::lint_files(sub);
    for (auto& e : r.errors) e.message = build->where() + ": service \"" + svc.name + "\": " + e.message;
    r.files.clear();
    if (!r.failed) {
      for (const auto& f : r.findings) {
        if (lint::reaches(f.severity, threshold)) r.failed = true;
      }
    }
    append(report, std::move(r), &origin, " (service " + svc.name + ", " + origin.file + ":" +
                                              std::to_string(origin.line) + ")");
    // The facts the Compose rules need from the Dockerfile.
    BuildFacts& facts = builds[si];
    facts.context = context;
    facts.dockerfile = display;
    facts.context_info = std::move(info);
    try {
      std::ifstream in(path, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      facts.parsed = dockerfile::parse_dockerfile(text.str(), display);
      facts.model = dockerfile::build_stage_model(*facts.parsed, sub.build_args, sub.target);
    } catch (const InputError&) {
      facts.parsed.reset();  // reported above as the Dockerfile's error
    }
  }

  std::vector<model::Finding> found = compose_rules(project, builds);
  std::map<std::string, FileSuppressions> suppressions;
  for (auto& f : found) {
    if (f.location) {
      auto it = suppressions.find(f.location->file);
      if (it == suppressions.end()) {
        it = suppressions.emplace(f.location->file, read_suppressions(f.location->file)).first;
      }
      const FileSuppressions& sup = it->second;
      auto at = sup.by_line.find(f.location->line);
      if (sup.global.count(f.id) || (at != sup.by_line.end() && at->second.count(f.id))) continue;
    }
    const lint::RuleInfo* rule = lint::find_rule(f.id);
    if (!rule) continue;
    if (!rule->default_enabled && !config.enabled.count(f.id)) continue;
    if (config.ignored.count(f.id)) continue;
    if (auto it = config.severity.find(f.id); it != config.severity.end()) f.severity = it->second;
    if (lint::reaches(f.severity, threshold)) report.failed = true;
    std::string service = f.paths.empty() ? "" : f.paths.front();
    f.paths.erase(f.paths.begin(), f.paths.begin() + (f.paths.empty() ? 0 : 1));
    report.compose[report.findings.size()] = {service, f.location ? f.location->file : "",
                                              f.location ? f.location->line : 0};
    report.findings.push_back(std::move(f));
  }
}

lint::LintReport lint_all(const lint::LintRequest& request, const ComposeLintOptions& compose) {
  std::vector<std::string> dockerfiles;
  auto projects = project_file_lists(request, compose, &dockerfiles);
  lint::LintReport report;
  if (!dockerfiles.empty() || projects.empty()) {
    lint::LintRequest plain = request;
    plain.files = dockerfiles;
    report = lint::lint_files(plain);
  } else {
    if (request.threshold) {
      report.threshold = *request.threshold;
    } else if (request.config_path) {
      if (auto t = lint::load_config(*request.config_path).failure_threshold) report.threshold = *t;
    }
  }
  for (const auto& files : projects) {
    for (const auto& f : files) report.files.push_back(f);
    try {
      ProjectOptions options;
      options.files = files;
      options.profiles = compose.profiles;
      Project project = load_project(options);
      lint_project(project, request, report);
    } catch (const InputError& e) {
      std::string message = e.what();
      if (!e.hint().empty()) message += "; " + e.hint();
      report.errors.push_back({files.front(), std::move(message)});
    }
  }
  return report;
}

}  // namespace ballast::compose
