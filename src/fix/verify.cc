#include "fix/verify.h"

#include <stdlib.h>

#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include "fix/context_change.h"
#include "engine_run/process.h"
#include "util/error.h"

namespace ballast::fix {
namespace fs = std::filesystem;
using engine_run::last_lines;
namespace {

// A private directory under $TMPDIR for the two Dockerfiles and the context
// copy: outside the user's tree, removed on every path out of verify().
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/ballast-verify.XXXXXX";
    if (!::mkdtemp(tmpl.data())) throw InputError("cannot create a temporary directory in " + tmpl);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Writes `text` as dir/NAME, NAME the original's file name, with the
// original's Dockerfile-specific ignore file (NAME.dockerignore) beside it:
// the engine looks for that one next to the Dockerfile it builds.
fs::path write_dockerfile(const fs::path& dir, const fs::path& original, const std::string& text) {
  fs::create_directories(dir);
  std::string name = original.filename().string();
  if (name.empty() || name == "-") name = "Dockerfile";
  fs::path out = dir / name;
  std::ofstream f(out, std::ios::binary);
  f << text;
  if (!f) throw InputError("cannot write " + out.string());
  std::error_code ec;
  fs::path specific = original.string() + ".dockerignore";
  if (original != "-" && fs::is_regular_file(specific, ec)) fs::copy_file(specific, dir / (name + ".dockerignore"), ec);
  return out;
}

BuildSpec spec(const fs::path& dockerfile, const fs::path& context, std::string tag, bool no_cache,
               const VerifyRequest& r) {
  return BuildSpec{dockerfile, context, std::move(tag), no_cache, r.build_args, r.target};
}

// The cold build: tagged, --no-cache, in the user's context.
void build_side(BuildEngine& engine, SideReport& side, const fs::path& dockerfile, const fs::path& context,
                const VerifyRequest& request, BuildOutcome& outcome) {
  outcome = engine.build(spec(dockerfile, context, side.tag, /*no_cache=*/true, request));
  side.built = outcome.ok;
  side.cold_seconds = outcome.seconds;
  side.image_id = outcome.image_id;
}

// The warm rebuild in the changed copy: untagged, and removed at once
// unless it is the very image the cold build tagged (nothing was rebuilt).
void warm_rebuild(BuildEngine& engine, SideReport& side, const fs::path& dockerfile, const fs::path& copy,
                  const VerifyRequest& request) {
  BuildOutcome warm = engine.build(spec(dockerfile, copy, "", /*no_cache=*/false, request));
  if (!warm.ok) return;
  side.warm_seconds = warm.seconds;
  if (!warm.image_id.empty() && warm.image_id != side.image_id) engine.remove_image(warm.image_id);
}

}  // namespace

std::int64_t VerifyReport::stored_saved() const {
  return static_cast<std::int64_t>(before.figures.stored_bytes) - static_cast<std::int64_t>(after.figures.stored_bytes);
}
std::int64_t VerifyReport::final_saved() const {
  return static_cast<std::int64_t>(before.figures.final_bytes) - static_cast<std::int64_t>(after.figures.final_bytes);
}
std::int64_t VerifyReport::compressed_saved() const {
  return static_cast<std::int64_t>(before.figures.compressed_bytes) -
         static_cast<std::int64_t>(after.figures.compressed_bytes);
}

std::vector<std::string> findings_for_rule(const std::string& rule) {
  // Each lint rule's waste as analyze names it in the built image
  // (docs/findings.md). BA1001 (recommended packages) has none: which
  // packages were only recommended is not in the image.
  static const std::map<std::string, std::vector<std::string>> kMap = {
      {"BA1002", {"image.cache.apt-lists", "image.cache.apt-archives"}},
      {"BA1005", {"image.cache.pip"}},
      {"BA1006", {"image.cache.apk"}},
      {"BA1008", {"image.cache.npm", "image.cache.yarn"}},
      {"BA1010", {"image.rewritten-same-content"}},
      {"BA1011", {"image.build-toolchain"}},
      {"BA1012", {"image.build-toolchain"}},
      {"BA1018", {"image.node-dev-dependencies"}},
  };
  auto it = kMap.find(rule);
  return it == kMap.end() ? std::vector<std::string>{} : it->second;
}

std::vector<Prediction> predict(const std::vector<Change>& changes, const std::vector<model::Finding>& before) {
  std::vector<Prediction> out;
  std::set<std::string> taken;  // a finding counts once, whichever change fixes it
  for (const auto& change : changes) {
    for (const auto& rule : change.ids) {
      for (const auto& id : findings_for_rule(rule)) {
        if (taken.count(id)) continue;
        for (const auto& f : before) {
          if (f.id != id || f.bytes_saved == 0) continue;
          taken.insert(id);
          out.push_back({rule, id, f.bytes_saved});
          break;
        }
      }
    }
  }
  return out;
}

VerifyReport verify(const FixResult& fix, BuildEngine& engine, const VerifyRequest& request) {
  engine.check_reachable();
  VerifyReport report;
  report.before.tag = request.tag_prefix + ":before";
  report.after.tag = request.tag_prefix + ":after";
  report.kept = request.keep;
  // The builds tag PREFIX:before/after and the cleanup removes them: a tag
  // the engine has already (someone's image, a --keep run) would be moved
  // and then removed. Refused before anything is built.
  for (const std::string& tag : {report.before.tag, report.after.tag})
    if (engine.has_image(tag))
      throw InputError(tag + " is already in the engine: fix --verify would move it to its own build and remove it",
                       "pass another --tag-prefix, or docker rmi " + tag + " when it is a kept earlier run");
  TempDir tmp;
  fs::path before_file = write_dockerfile(tmp.path() / "before", request.dockerfile, fix.original);
  fs::path after_file = write_dockerfile(tmp.path() / "after", request.dockerfile, fix.fixed);

  engine_run::ImageCleanup cleanup(engine);
  // The fixed side's context: the user's, or a copy with the fixed
  // requirements files in it (the user's tree is written only by --write).
  std::map<std::string, std::string> replaced;
  for (const auto& f : fix.files) replaced[f.name] = f.fixed;
  fs::path after_context = request.context;
  if (!replaced.empty()) {
    after_context = tmp.path() / "after-context";
    fs::create_directories(after_context);
    copy_context(request.context, request.dockerfile, after_context, replaced, std::nullopt);
  }
  BuildOutcome outcome;
  build_side(engine, report.before, before_file, request.context, request, outcome);
  if (!outcome.ok) {
    throw InputError("the original Dockerfile does not build: " + last_lines(outcome.log, 1));
  }
  if (!request.keep) cleanup.add(report.before.tag);
  build_side(engine, report.after, after_file, after_context, request, outcome);
  report.before.figures = engine.measure(report.before.tag);
  report.predictions = predict(fix.changes, report.before.figures.findings);
  // A requirements fix carries its own evidence: the bytes deps measured in
  // the --image of the unused distributions and what only they needed.
  for (const auto& f : fix.files)
    if (f.bytes) report.predictions.push_back({"DEP002", "deps.unused:" + f.name, f.bytes});
  for (const auto& p : report.predictions) report.predicted_bytes += p.bytes;
  if (!outcome.ok) {
    report.after_build_error = last_lines(outcome.log, 10);
    report.verdict = "fix not recommended: the fixed Dockerfile does not build";
    return report;
  }
  if (!request.keep) cleanup.add(report.after.tag);
  report.after.figures = engine.measure(report.after.tag);

  // The warm rebuild, once both caches are filled by the cold builds.
  report.changed_file = pick_changed_file(request.context, request.dockerfile);
  if (report.changed_file) {
    fs::path copy = tmp.path() / "context";
    fs::create_directories(copy);
    copy_context(request.context, request.dockerfile, copy, {}, report.changed_file);
    warm_rebuild(engine, report.before, before_file, copy, request);
    fs::path after_copy = copy;
    if (!replaced.empty()) {
      after_copy = tmp.path() / "after-context-changed";
      fs::create_directories(after_copy);
      copy_context(request.context, request.dockerfile, after_copy, replaced, report.changed_file);
    }
    warm_rebuild(engine, report.after, after_file, after_copy, request);
  }

  engine_run::SmokeRequest smoke;
  smoke.command = request.smoke_command;
  smoke.seconds = request.smoke_seconds;
  smoke.timeout = request.smoke_timeout;
  report.smoke.after_name = "the fixed image";
  engine_run::run_smoke(engine, smoke, report.before.tag, report.after.tag, report.smoke);
  report.recommended = report.smoke.passed;
  report.verdict = report.recommended ? "fix recommended: the fixed image passes the smoke test"
                                      : "fix not recommended: the smoke test failed (" + report.smoke.reason + ")";
  return report;
}

}  // namespace ballast::fix
