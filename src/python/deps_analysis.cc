#include "python/deps_analysis.h"

#include <algorithm>
#include <map>
#include <set>
#include <system_error>

#include "context/matcher.h"
#include "dockerfile/instruction.h"
#include "dockerfile/parser.h"
#include "python/import_scan.h"
#include "python/known_packages.h"
#include "python/marker.h"
#include "python/package_name.h"
#include "python/project_files.h"
#include "python/pyproject.h"
#include "python/requirements_txt.h"
#include "python/setup_cfg.h"
#include "python/stdlib_modules.h"
#include "python/text_file.h"
#include "python/version.h"
#include "util/error.h"
#include "util/human_bytes.h"

namespace ballast::python {

namespace fs = std::filesystem;

namespace {

// How a declared distribution is used.
struct Usage {
  bool runtime = false;    // imported by application code at run time, or run as a command
  bool tests = false;      // imported by tests
  bool type_only = false;  // imported under TYPE_CHECKING
  bool optional = false;   // imported by application code, but only under an ImportError guard
  model::SourceLocation first;
};

struct DeclaredPackage {
  std::string normalized;
  std::vector<std::string> import_names;
  bool guessed = true;
  std::vector<const Requirement*> entries;  // every declaration, in reading order
  bool production = false;                  // declared outside dev groups/files
  bool installable = true;                  // its marker can be true in the image
  Usage usage;
};

struct Use {
  std::string module;  // dotted, absolute
  std::vector<std::string> names;
  model::SourceLocation location;
  bool test = false, type_only = false, optional = false;
  bool relative = false;
  std::string file;  // importing file (for script-directory first-party names)
};

bool matches_import_name(const std::string& name, const Use& use) {
  if (use.module == name || use.module.rfind(name + ".", 0) == 0) return true;
  // `from google import protobuf` for import name "google.protobuf".
  for (const auto& n : use.names) {
    if (use.module + "." + n == name) return true;
  }
  return false;
}

std::string where(const model::SourceLocation& l) {
  return l.line ? l.file + ":" + std::to_string(l.line) : l.file;
}

model::Finding make(std::string id, model::Severity severity, std::string message, std::string fix,
                    const model::SourceLocation& location) {
  model::Finding f;
  f.id = std::move(id);
  f.severity = severity;
  f.message = std::move(message);
  f.fix = std::move(fix);
  f.location = location;
  if (!location.file.empty()) f.paths.push_back(location.file);
  return f;
}

bool is_cuda_framework(const Requirement& r) {
  const std::string& n = r.normalized;
  if (n == "torch" || n == "torchvision" || n == "torchaudio") return true;
  if (n == "tensorflow-gpu") return true;
  if (n == "tensorflow" || n == "jax") {
    for (const auto& e : r.extras) {
      if (e == "and-cuda" || e.rfind("cuda", 0) == 0) return true;
    }
  }
  return n.rfind("nvidia-", 0) == 0;
}

class Analysis {
 public:
  explicit Analysis(const DepsOptions& options) : options_(options) {
    env_.python_version = "3." + std::to_string(options.python_minor);
  }

  DepsReport run() {
    std::error_code ec;
    if (!fs::is_directory(options_.root, ec)) {
      throw InputError(options_.root.string() + ": not a directory");
    }
    report_.root = options_.root.string();
    report_.python_minor = options_.python_minor;
    report_.image = options_.image;
    if (options_.installed) report_.installed = *options_.installed;
    read_dockerignore();
    WalkOptions walk;
    walk.excludes = options_.excludes;
    walk.dockerignore = dockerignore_ ? &*dockerignore_ : nullptr;
    files_ = find_project_files(options_.root, walk);
    append(report_.warnings, files_.warnings);
    report_.skipped = files_.skipped;

    read_manifests();
    read_dockerfile();
    scan_sources();
    // A Dockerfile read is something analysed even when it lists no packages
    // (it is then no manifest): `deps --image` of such a project still reads the image.
    if (report_.manifests.empty() && report_.python_files == 0 && dockerfile_shown_.empty()) {
      throw InputError(options_.root.string() +
                       ": nothing to analyse (no requirements*.txt, pyproject.toml, setup.cfg, Dockerfile or .py file)");
    }
    collect_declared();
    resolve_uses();
    report_findings();
    std::sort(report_.findings.begin(), report_.findings.end(), [](const model::Finding& a, const model::Finding& b) {
      auto key = [](const model::Finding& f) {
        return std::make_tuple(f.location ? f.location->file : "", f.location ? f.location->line : 0, f.id, f.message);
      };
      return key(a) < key(b);
    });
    return std::move(report_);
  }

 private:
  template <typename T>
  static void append(std::vector<T>& to, const std::vector<T>& from) {
    to.insert(to.end(), from.begin(), from.end());
  }

  std::string display(const fs::path& p) const {
    std::error_code ec;
    fs::path rel = fs::relative(p, options_.root, ec);
    if (ec || rel.empty() || rel.string().rfind("..", 0) == 0) return p.generic_string();
    return rel.generic_string();
  }

  void read_dockerignore() {
    if (!options_.dockerignore) return;
    auto text = read_text_file(*options_.dockerignore);
    if (!text) throw InputError(options_.dockerignore->string() + ": cannot read .dockerignore");
    dockerignore_ = context::Matcher::from_file_content(*text, options_.dockerignore->string());
  }

  void read_manifests() {
    RequirementsReader reader(options_.root);
    // Production files first, so an include reached from both sides is read
    // in its production role.
    std::vector<std::string> ordered = files_.requirements_files;
    std::stable_partition(ordered.begin(), ordered.end(),
                          [](const std::string& f) { return !is_dev_requirements_name(f); });
    for (const auto& rel : ordered) {
      if (!reader.read(options_.root / rel, decl_)) {
        decl_.warnings.push_back({{rel}, "cannot read file"});
      }
    }
    for (const auto& rel : files_.pyproject_files) {
      auto text = read_text_file(options_.root / rel);
      if (!text) {
        decl_.warnings.push_back({{rel}, "cannot read file"});
        continue;
      }
      read_pyproject(*text, rel, decl_);
    }
    for (const auto& rel : files_.setup_cfg_files) {
      auto text = read_text_file(options_.root / rel);
      if (text) read_setup_cfg(*text, rel, decl_);
    }
    append(report_.manifests, decl_.files);
  }

  void read_dockerfile() {
    fs::path path;
    if (options_.dockerfile) {
      path = *options_.dockerfile;
    } else {
      std::error_code ec;
      if (!fs::is_regular_file(options_.root / "Dockerfile", ec)) return;
      path = options_.root / "Dockerfile";
    }
    std::string shown = display(path);
    dockerfile::ParsedDockerfile parsed;
    try {
      parsed = dockerfile::parse_dockerfile_file(path.string());
    } catch (const InputError& e) {
      if (options_.dockerfile) throw;  // the user named it: a bad one is bad input
      report_.warnings.push_back({{shown}, std::string("Dockerfile not analysed: ") + e.what()});
      return;
    }
    dockerfile_shown_ = shown;
    DockerfileFacts facts = read_dockerfile_facts(parsed, shown);
    // A manifest only when it declares packages: a Dockerfile with no pip line
    // (its commands still name the console scripts it runs) is not one.
    if (!facts.installs.requirements.empty() || !facts.requirement_files.empty() || !facts.installs.indexes.empty())
      report_.manifests.push_back(shown);
    report_.entry_points = facts.uses;
    mark_production_files(facts.requirement_files, shown);
    report_copied_not_installed(parsed, facts.requirement_files, shown);
    for (auto& r : facts.installs.requirements) {
      r.group = "Dockerfile";
      decl_.requirements.push_back(r);
    }
    append(decl_.indexes, facts.installs.indexes);
  }

  // A requirements file the Dockerfile COPY/ADDs but no `pip install -r`
  // installs: either the install is missing (the image lacks the packages)
  // or the copy is (a layer and a cache key for nothing).
  void report_copied_not_installed(const dockerfile::ParsedDockerfile& parsed, const std::vector<std::string>& installed,
                                   const std::string& shown) {
    std::set<std::string> installed_files;
    for (const auto& w : installed)
      if (auto f = project_file_for(w)) installed_files.insert(*f);
    std::set<std::string> reported;
    for (const auto& inst : parsed.instructions) {
      if ((inst.keyword != "copy" && inst.keyword != "add") || inst.args.size() < 2) continue;
      if (dockerfile::flag_value(inst, "from")) continue;  // from another stage or image, not the project
      for (std::size_t i = 0; i + 1 < inst.args.size(); ++i) {
        const std::string& src = inst.args[i];
        const std::string name = fs::path(src).filename().string();
        if (name.empty() || name == "." || src.find_first_of("*?[$") != std::string::npos) continue;
        auto f = project_file_for(src);
        if (!f || fs::path(*f).filename().string() != name || is_manifest_name(*f)) continue;
        if (installed_files.count(*f) || !reported.insert(*f).second) continue;
        report_.warnings.push_back({{shown, inst.start_line},
                                    *f + " is copied into the image but no `pip install -r` installs it"});
      }
    }
  }

  // The project file a Dockerfile's `pip install -r PATH` names: PATH is
  // inside the image, so the file whose trailing path components match most
  // ("/app/requirements/prod.txt" -> requirements/prod.txt).
  std::optional<std::string> project_file_for(const std::string& written) const {
    auto components = [](const std::string& p) {
      std::vector<std::string> out;
      for (const auto& part : fs::path(p).lexically_normal()) {
        std::string s = part.string();
        if (!s.empty() && s != "/" && s != ".") out.push_back(s);
      }
      return out;
    };
    std::vector<std::string> want = components(written);
    std::optional<std::string> best;
    std::size_t best_score = 0;
    for (const auto& f : decl_.files) {
      std::vector<std::string> have = components(f);
      std::size_t score = 0;
      while (score < want.size() && score < have.size() &&
             want[want.size() - 1 - score] == have[have.size() - 1 - score])
        ++score;
      if (score > best_score) best_score = score, best = f;
    }
    return best;
  }

  // When the Dockerfile says which requirements files it installs, those
  // (and what they include with -r) are production, whatever their names,
  // and the project's other requirements files are not: a
  // requirements-dev.txt the image installs ships its tools, a
  // requirements.txt it never installs costs the image nothing.
  void mark_production_files(const std::vector<std::string>& written, const std::string& dockerfile_shown) {
    std::set<std::string> production;
    for (const auto& w : written) {
      if (auto f = project_file_for(w)) {
        production.insert(*f);
      } else {
        report_.warnings.push_back({{dockerfile_shown}, "`pip install -r " + w +
                                                            "`: no such requirements file in the project"});
      }
    }
    if (production.empty()) return;
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& [from, to] : decl_.includes)
        if (production.count(from) && production.insert(to).second) grew = true;
    }
    std::set<std::string> requirement_files(decl_.files.begin(), decl_.files.end());
    for (Requirement& r : decl_.requirements) {
      const std::string& file = r.location.file;
      if (!r.group.empty() || !requirement_files.count(file) || is_manifest_name(file)) continue;
      r.dev = !production.count(file);
    }
    report_.production_files.assign(production.begin(), production.end());
  }

  static bool is_manifest_name(const std::string& file) {
    std::string base = fs::path(file).filename().string();
    return base == "pyproject.toml" || base == "setup.cfg";
  }

  void scan_sources() {
    for (const auto& rel : files_.python_files) {
      auto text = read_text_file(options_.root / rel);
      if (!text) {
        report_.warnings.push_back({{rel}, "cannot read file"});
        continue;
      }
      ++report_.python_files;
      if (int bad = first_invalid_utf8_line(*text)) {
        std::string coding = coding_declaration(*text);
        if (coding.empty()) {
          report_.warnings.push_back(
              {{rel, bad}, "not valid UTF-8 and no coding declaration (PEP 263); scanned as bytes"});
        }
      }
      FileImports scanned = scan_imports(*text);
      // The first few problems of a file say enough; the scan goes on anyway.
      constexpr size_t kMaxIssuesPerFile = 3;
      for (size_t k = 0; k < scanned.issues.size() && k < kMaxIssuesPerFile; ++k) {
        const auto& issue = scanned.issues[k];
        std::string more = k + 1 == kMaxIssuesPerFile && scanned.issues.size() > kMaxIssuesPerFile
                               ? "; " + std::to_string(scanned.issues.size() - kMaxIssuesPerFile) + " more in this file"
                               : "";
        report_.warnings.push_back(
            {{rel, issue.line}, "syntax error: " + issue.message + " (rest of the file still scanned" + more + ")"});
      }
      bool test = is_test_file(rel);
      if (!scanned.gpu_lines.empty() && !test && gpu_use_.file.empty()) gpu_use_ = {rel, scanned.gpu_lines[0]};
      for (auto& imp : scanned.imports) {
        Use use;
        use.module = imp.module;
        use.names = imp.names;
        use.location = {rel, imp.line};
        use.test = test;
        use.type_only = imp.type_only;
        use.optional = imp.optional;
        use.relative = imp.level > 0;
        use.file = rel;
        uses_.push_back(std::move(use));
      }
    }
    report_.imports = uses_.size();
  }

  void collect_declared() {
    std::set<std::string> self(decl_.project_names.begin(), decl_.project_names.end());
    std::map<std::string, const InstalledDistribution*> installed;
    if (options_.installed) {
      for (const auto& d : *options_.installed) installed[normalize_name(d.name)] = &d;
    }
    for (const Requirement& r : decl_.requirements) {
      if (r.normalized.empty() || self.count(r.normalized)) continue;
      auto [it, fresh] = declared_.try_emplace(r.normalized);
      DeclaredPackage& p = it->second;
      if (fresh) {
        p.normalized = r.normalized;
        auto found = installed.find(r.normalized);
        if (found != installed.end() && !found->second->import_names.empty()) {
          p.import_names = found->second->import_names;
          p.guessed = false;
        } else {
          ImportNames names = import_names_for(r.normalized);
          p.import_names = names.names;
          p.guessed = names.guessed;
        }
        p.installable = false;
      }
      p.entries.push_back(&r);
      if (r.constraint) continue;
      bool can_install = r.marker.empty() || evaluate_marker(r.marker, env_) != Tri::kFalse;
      p.installable = p.installable || can_install;
      if (!r.dev && can_install) p.production = true;
    }
    report_.requirements = decl_.requirements;
    report_.indexes = decl_.indexes;
    append(report_.warnings, decl_.warnings);
  }

  // The declared package providing `use`, or nullptr.
  DeclaredPackage* provider(const Use& use) {
    DeclaredPackage* best = nullptr;
    size_t best_len = 0;
    for (auto& [name, p] : declared_) {
      if (p.entries.empty()) continue;
      for (const auto& import_name : p.import_names) {
        // The longest import name wins: "google.protobuf" over "google".
        if (matches_import_name(import_name, use) && import_name.size() > best_len) {
          best = &p;
          best_len = import_name.size();
        }
      }
    }
    return best;
  }

  void note_use(Usage& usage, const Use& use) {
    bool runtime = !use.test && !use.type_only && !use.optional;
    if (usage.first.file.empty() || (runtime && !usage.runtime)) usage.first = use.location;
    usage.runtime = usage.runtime || runtime;
    usage.tests = usage.tests || use.test;
    usage.type_only = usage.type_only || use.type_only;
    usage.optional = usage.optional || (use.optional && !use.test && !use.type_only);
  }

  void resolve(const Use& use) {
    std::string top = top_level(use.module);
    ModuleOrigin origin;
    std::string dist;
    DeclaredPackage* p = nullptr;
    if (use.relative) {
      origin = ModuleOrigin::kFirstParty;
      top = "." + top;
    } else if (top.empty()) {
      return;
    } else if (is_stdlib_module(top, options_.python_minor)) {
      origin = ModuleOrigin::kStdlib;
    } else if (first_party_->is_first_party(top, use.file)) {
      origin = ModuleOrigin::kFirstParty;
    } else if ((p = provider(use)) != nullptr) {
      origin = ModuleOrigin::kDeclared;
      dist = p->normalized;
      note_use(p->usage, use);
    } else if (first_party_->is_project_name(top)) {
      origin = ModuleOrigin::kFirstParty;
    } else {
      origin = ModuleOrigin::kUndeclared;
      dist = distribution_for_module(top);
      note_use(undeclared_[top], use);
    }
    auto [it, fresh] = modules_.try_emplace(top);
    ModuleSummary& m = it->second;
    if (fresh) {
      m.module = top;
      m.origin = origin;
      m.distribution = dist;
      m.first = use.location;
    }
    ++m.uses;
    m.runtime = m.runtime || (!use.test && !use.type_only && !use.optional);
  }

  void resolve_uses() {
    std::vector<std::string> py = files_.python_files;
    first_party_.emplace(py);
    for (const auto& use : uses_) resolve(use);
    // Console scripts of the project name the module they run.
    for (const auto& script : decl_.scripts) {
      Use use;
      use.module = script.module;
      use.location = script.location;
      resolve(use);
    }
    // Commands of the Dockerfile: a console script names its distribution;
    // `python -m x` and worker classes name modules.
    for (const auto& ep : report_.entry_points) {
      if (!ep.distribution.empty()) {
        auto it = declared_.find(ep.distribution);
        Use use;
        use.location = ep.location;
        if (it != declared_.end()) {
          note_use(it->second.usage, use);
        } else if (!is_dev_tool(ep.distribution)) {
          note_use(undeclared_commands_[ep.distribution], use);
          command_names_[ep.distribution] = ep.command;
        }
      }
      if (!ep.module.empty()) {
        Use use;
        use.module = ep.module;
        use.location = ep.location;
        resolve(use);
      }
    }
    for (auto& [name, m] : modules_) report_.modules.push_back(m);
  }

  const Requirement& first_production_entry(const DeclaredPackage& p) const {
    for (const Requirement* r : p.entries) {
      if (!r->constraint && !r->dev) return *r;
    }
    return *p.entries.front();
  }

  // Every distribution reachable through the dependencies of declared ones
  // (from the image when known, else the built-in table).
  std::map<std::string, std::string> transitive_closure() const {
    std::map<std::string, std::string> via;  // dist -> declared root that pulls it
    std::map<std::string, std::vector<std::string>> graph;
    if (options_.installed) graph = dependency_graph(*options_.installed, env_);
    std::vector<std::pair<std::string, std::string>> todo;
    for (const auto& [name, p] : declared_) {
      if (p.production) todo.push_back({name, name});
    }
    while (!todo.empty()) {
      auto [name, root] = todo.back();
      todo.pop_back();
      std::vector<std::string> deps = options_.installed ? graph[name] : known_dependencies(name);
      for (const auto& dep : deps) {
        if (declared_.count(dep) || via.count(dep)) continue;
        via[dep] = root;
        todo.push_back({dep, root});
      }
    }
    return via;
  }

  void report_findings() {
    std::vector<std::string> unused;
    std::map<std::string, size_t> unused_finding;
    for (auto& [name, p] : declared_) {
      if (!p.production) continue;
      const Requirement& r = first_production_entry(p);
      std::string shown = python::display(r);
      std::string guess_note = p.guessed ? " (import name '" + p.import_names.front() + "' guessed from the name)" : "";
      std::string std_name = guess_import_name(name);
      if (is_stdlib_module(std_name, options_.python_minor)) {
        report_.findings.push_back(make("DEP005", model::Severity::kWarning,
                                        shown + " is declared but '" + std_name + "' is in the standard library of Python 3." +
                                            std::to_string(options_.python_minor),
                                        "remove " + r.name + " from " + r.location.file, r.location));
        continue;
      }
      if (is_dev_tool(name)) {
        if (!p.usage.runtime) {
          report_.findings.push_back(make("DEP004", model::Severity::kWarning,
                                          shown + " is a development tool declared in production requirements" +
                                              (p.usage.tests ? " (imported only by tests)" : ""),
                                          "move " + r.name + " to a dev requirements file or group", r.location));
        }
        continue;
      }
      // An import under an ImportError guard is still a use: the code takes
      // the package when it is installed.
      if (!p.usage.runtime && !p.usage.optional && p.installable) {
        std::string reason = std::string(implicit_use_reason(name));
        std::string message = shown + " is declared but never imported" + guess_note;
        if (p.usage.tests) message = shown + " is imported only by tests (" + where(p.usage.first) + ")";
        else if (p.usage.type_only) message = shown + " is imported only under TYPE_CHECKING (" + where(p.usage.first) + ")";
        model::Severity severity = model::Severity::kWarning;
        if (!reason.empty()) {
          message += "; it may be used without an import: " + reason;
          severity = model::Severity::kInfo;
        }
        std::string fix = p.usage.tests || p.usage.type_only ? "move " + r.name + " to dev requirements"
                                                               : "remove " + r.name + " from " + r.location.file;
        model::Finding f = make("DEP002", severity, message, fix, r.location);
        for (const Requirement* e : p.entries) {
          if (e != &r && std::find(f.paths.begin(), f.paths.end(), e->location.file) == f.paths.end())
            f.paths.push_back(e->location.file);
        }
        unused_finding[name] = report_.findings.size();
        report_.findings.push_back(std::move(f));
        unused.push_back(name);
      }
    }
    report_pins();
    report_conflicts();
    report_missing();
    report_cuda(unused);
    apply_sizes(unused, unused_finding);
  }

  void report_pins() {
    std::set<std::string> exact_constraints;
    for (const auto& r : decl_.requirements) {
      if (r.constraint && pin_kind(r) == PinKind::kExact) exact_constraints.insert(r.normalized);
    }
    for (const auto& [name, p] : declared_) {
      if (!p.production || exact_constraints.count(name)) continue;
      bool any_exact = false;
      for (const Requirement* r : p.entries) any_exact = any_exact || pin_kind(*r) == PinKind::kExact || pin_kind(*r) == PinKind::kUrl;
      if (any_exact) continue;
      const Requirement& r = first_production_entry(p);
      PinKind kind = pin_kind(r);
      std::string message = kind == PinKind::kUnpinned
                                ? r.name + " is not pinned: every build may install a different version"
                                : python::display(r) + " is range-pinned: the installed version changes as releases appear";
      report_.findings.push_back(make("DEP101", kind == PinKind::kUnpinned ? model::Severity::kWarning : model::Severity::kInfo,
                                      message, "pin an exact version (" + r.name + "==X.Y.Z) or use a constraints/lock file",
                                      r.location));
    }
  }

  void report_conflicts() {
    for (const auto& [name, p] : declared_) {
      std::vector<const Requirement*> pinned;
      for (const Requirement* r : p.entries) {
        if (!r->specifier.empty()) pinned.push_back(r);
      }
      if (pinned.size() < 2) continue;
      // Two exact pins that differ, or an exact pin another clause excludes.
      for (size_t a = 0; a < pinned.size(); ++a) {
        if (pin_kind(*pinned[a]) != PinKind::kExact || pinned[a]->specifier.rfind("===", 0) == 0) continue;
        auto version = parse_version(pinned[a]->specifier.substr(2));
        if (!version) continue;
        for (size_t b = 0; b < pinned.size(); ++b) {
          if (a == b) continue;
          auto ok = satisfies_all(*version, pinned[b]->specifier);
          if (!ok || *ok) continue;
          if (pin_kind(*pinned[b]) == PinKind::kExact && b < a) continue;  // reported once per pair
          const Requirement* later = a > b ? pinned[a] : pinned[b];
          const Requirement* earlier = a > b ? pinned[b] : pinned[a];
          model::Finding f = make("DEP102", model::Severity::kError,
                                  name + " is pinned " + later->specifier + " at " + where(later->location) + " but " +
                                      earlier->specifier + " at " + where(earlier->location),
                                  "use one pin for " + name + " across the requirement files", later->location);
          if (std::find(f.paths.begin(), f.paths.end(), earlier->location.file) == f.paths.end())
            f.paths.push_back(earlier->location.file);
          report_.findings.push_back(std::move(f));
          b = pinned.size();
          a = pinned.size();
        }
      }
    }
  }

  void report_missing() {
    std::map<std::string, std::string> via = transitive_closure();
    for (const auto& [module, usage] : undeclared_) {
      if (!usage.runtime) continue;  // optional, type-only or test imports need no runtime package
      std::string dist = distribution_for_module(module);
      auto pulled = via.find(dist);
      if (pulled != via.end()) {
        report_.findings.push_back(make("DEP003", model::Severity::kWarning,
                                        "'" + module + "' is imported but " + dist + " is only installed as a dependency of " +
                                            pulled->second,
                                        "declare " + dist + " explicitly (pinned)", usage.first));
      } else {
        bool command = !dockerfile_shown_.empty() && usage.first.file == dockerfile_shown_;
        report_.findings.push_back(make("DEP001", model::Severity::kError,
                                        "'" + module + (command ? "' is used by a Dockerfile command" : "' is imported") +
                                            " but no requirement provides it",
                                        "add " + dist + " to the requirements (PyPI name guessed from the module)",
                                        usage.first));
      }
    }
    for (const auto& [dist, usage] : undeclared_commands_) {
      std::string command = command_names_[dist];
      report_.findings.push_back(make("DEP001", model::Severity::kError,
                                      "'" + command + "' is run by the Dockerfile but " + dist + " is not declared",
                                      "add " + dist + " to the requirements", usage.first));
    }
  }

  void report_cuda(const std::vector<std::string>& unused) {
    if (!gpu_use_.file.empty()) return;
    bool cpu_index = false;
    for (const auto& index : decl_.indexes) cpu_index = cpu_index || is_cpu_torch_index(index.url);
    for (const auto& [name, p] : declared_) {
      if (!p.production || std::find(unused.begin(), unused.end(), name) != unused.end()) continue;
      const Requirement& r = first_production_entry(p);
      if (!is_cuda_framework(r)) continue;
      bool torch = name == "torch" || name == "torchvision" || name == "torchaudio";
      if (torch && (cpu_index || r.specifier.find("+cpu") != std::string::npos ||
                    r.url.find("/cpu") != std::string::npos))
        continue;
      std::string fix = torch ? "install from the CPU index: --index-url https://download.pytorch.org/whl/cpu "
                                "(or --extra-index-url in " + r.location.file + ")"
                        : name == "tensorflow" || name == "tensorflow-gpu" ? "use tensorflow-cpu (or tensorflow without [and-cuda])"
                        : name == "jax" ? "use jax without the CUDA extra"
                                        : "remove " + r.name + " (CUDA runtime library)";
      report_.findings.push_back(make("DEP103", model::Severity::kWarning,
                                      python::display(r) + " installs the CUDA build but no code uses a GPU (no .cuda, "
                                                   "torch.cuda or \"cuda\" device in the sources)",
                                      fix, r.location));
    }
  }

  void apply_sizes(const std::vector<std::string>& unused, const std::map<std::string, size_t>& index) {
    if (!options_.installed || unused.empty()) return;
    RemovalPlan plan = plan_removal(*options_.installed, unused, env_, options_.os_packages);
    report_.bytes_saved = plan.total_bytes;
    for (const auto& [name, bytes] : plan.bytes_by_root)
      report_.removals.push_back({name, bytes, plan.freed_by_root[name], plan.world_by_root[name],
                                  plan.os_package_by_root[name], plan.freed_bytes_by_root[name]});
    for (const auto& r : report_.removals) {
      auto it = index.find(r.root);
      if (it == index.end()) continue;
      model::Finding& f = report_.findings[it->second];
      f.bytes_saved = r.bytes;
      f.message += "; removing it frees " + human_bytes(r.bytes) + freed_list(r);
      // An OS package's copy is not removed by editing requirements.
      if (!r.os_package.empty()) {
        std::string pkg = r.os_package.substr(r.os_package.find(':') + 1);
        f.fix += r.world == "apk" ? " and `apk del " + pkg + "` in the image"
                                  : " and `apt-get remove --autoremove " + pkg + "` in the image";
        // The closure may hold a package the code still uses (numpy pulled
        // in by python3-torch): the fix must not remove it with the rest.
        std::vector<std::string> keep = used_os_packages(r);
        if (!keep.empty()) {
          std::string list;
          for (const auto& k : keep) list += (list.empty() ? "" : " ") + k;
          f.fix += r.world == "apk" ? " (first `apk add " + list + "`: the code uses them; they go with it otherwise)"
                                    : " (first `apt-mark manual " + list +
                                          "`: the code uses them; they go with it otherwise)";
        }
      }
    }
  }

  // The OS packages in a removal closure that hold a distribution the code
  // uses (declared and used, or imported undeclared), by name.
  std::vector<std::string> used_os_packages(const DepsReport::Removal& r) const {
    std::set<std::string> used;
    for (const auto& [name, p] : declared_)
      if (p.usage.runtime || p.usage.optional) used.insert(name);
    for (const auto& [module, usage] : undeclared_)
      if (usage.runtime) used.insert(normalize_name(distribution_for_module(module)));
    std::set<std::string> out;
    for (const auto& d : *options_.installed) {
      if (!d.os_package || !used.count(normalize_name(d.name))) continue;
      if (std::find(r.freed.begin() + 1, r.freed.end(), d.owner) != r.freed.end())
        out.insert(d.owner.substr(d.owner.find(':') + 1));
    }
    return {out.begin(), out.end()};
  }

  // " with a, b, c": what goes along, the largest five first.
  static std::string freed_list(const DepsReport::Removal& r) {
    if (r.freed.size() <= 1) return "";
    std::vector<std::size_t> order;
    for (std::size_t k = 1; k < r.freed.size(); ++k) order.push_back(k);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return a < r.freed_bytes.size() && b < r.freed_bytes.size() && r.freed_bytes[a] > r.freed_bytes[b];
    });
    std::string list;
    for (std::size_t k = 0; k < order.size() && k < 5; ++k) list += (k ? ", " : "") + r.freed[order[k]];
    if (order.size() > 5) list += " and " + std::to_string(order.size() - 5) + " more";
    return " with " + list;
  }

  const DepsOptions& options_;
  MarkerEnvironment env_;
  std::optional<context::Matcher> dockerignore_;
  ProjectFiles files_;
  Declarations decl_;
  DepsReport report_;
  std::vector<Use> uses_;
  std::map<std::string, DeclaredPackage> declared_;
  std::map<std::string, Usage> undeclared_;
  std::map<std::string, Usage> undeclared_commands_;
  std::map<std::string, std::string> command_names_;
  std::map<std::string, ModuleSummary> modules_;
  std::optional<FirstParty> first_party_;
  model::SourceLocation gpu_use_;
  std::string dockerfile_shown_;
};

}  // namespace

std::string_view to_string(ModuleOrigin origin) {
  switch (origin) {
    case ModuleOrigin::kStdlib: return "stdlib";
    case ModuleOrigin::kFirstParty: return "first-party";
    case ModuleOrigin::kDeclared: return "declared";
    case ModuleOrigin::kUndeclared: return "undeclared";
  }
  return "unknown";
}

DepsReport analyze_deps(const DepsOptions& options) { return Analysis(options).run(); }

}  // namespace ballast::python
