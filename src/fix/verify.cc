#include "fix/verify.h"

#include <stdlib.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <stdexcept>

#include "fix/context_change.h"
#include "fix/process.h"
#include "util/error.h"

namespace ballast::fix {
namespace fs = std::filesystem;
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

// Removes the images this run made, unless the user keeps the tagged ones:
// also when a later step throws.
class Cleanup {
 public:
  explicit Cleanup(BuildEngine& engine) : engine_(engine) {}
  ~Cleanup() {
    // Last built, first removed.
    for (auto it = images_.rbegin(); it != images_.rend(); ++it) {
      try {
        engine_.remove_image(*it);
      } catch (...) {  // the error that got us here matters more
      }
    }
  }
  void add(const std::string& image) { images_.push_back(image); }

 private:
  BuildEngine& engine_;
  std::vector<std::string> images_;
};

BuildSpec spec(const fs::path& dockerfile, const fs::path& context, std::string tag, bool no_cache,
               const VerifyRequest& r) {
  return BuildSpec{dockerfile, context, std::move(tag), no_cache, r.build_args, r.target};
}

void run_smoke(BuildEngine& engine, const VerifyRequest& request, VerifyReport& report) {
  SmokeReport& s = report.smoke;
  if (request.smoke_command) {
    s.mode = SmokeMode::kCommand;
    s.command = *request.smoke_command;
    s.timeout = request.smoke_timeout;
    s.before = engine.run(report.before.tag, s.command, s.timeout);
    s.after = engine.run(report.after.tag, s.command, s.timeout);
  } else {
    // Both at once: the wait is paid once.
    s.mode = SmokeMode::kCmd;
    s.seconds = request.smoke_seconds;
    std::string a = engine.start(report.before.tag, s.before);
    std::string b;
    auto remove = [&] {
      if (!a.empty()) engine.remove_container(a);
      if (!b.empty()) engine.remove_container(b);
    };
    try {
      b = engine.start(report.after.tag, s.after);
      if (!a.empty() || !b.empty()) engine.sleep(s.seconds);
      if (!a.empty()) s.before = engine.observe(a);
      if (!b.empty()) s.after = engine.observe(b);
    } catch (...) {
      remove();
      throw;
    }
    remove();
  }
  s.ran = true;
  judge_smoke(s);
}

// The cold build: tagged, --no-cache, in the user's context.
void build_side(BuildEngine& engine, SideReport& side, const fs::path& dockerfile, const VerifyRequest& request,
                BuildOutcome& outcome) {
  outcome = engine.build(spec(dockerfile, request.context, side.tag, /*no_cache=*/true, request));
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

void judge_smoke(SmokeReport& s) {
  const RunOutcome& a = s.before;
  const RunOutcome& b = s.after;
  if (a.timed_out || b.timed_out) {
    // A command that does not end proves nothing, in either image.
    s.passed = false;
    std::string where = a.timed_out && b.timed_out ? "in both images" : a.timed_out ? "in the original" : "in the fixed image";
    char limit[32];
    std::snprintf(limit, sizeof limit, "%g", s.timeout);
    s.reason = "the smoke command did not end within " + std::string(limit) + " s " + where;
    return;
  }
  if (s.mode == SmokeMode::kCmd && a.running && b.running) {
    s.passed = true;
    s.reason = "both images still running after the wait";
    return;
  }
  if (s.mode == SmokeMode::kCmd && a.running != b.running) {
    s.passed = false;
    s.reason = a.running ? "the fixed image exited (code " + std::to_string(b.exit_code) + "), the original still runs"
                         : "the original exited (code " + std::to_string(a.exit_code) + "), the fixed image still runs";
    return;
  }
  if (a.exit_code != b.exit_code) {
    s.passed = false;
    s.reason = "exit codes differ: " + std::to_string(a.exit_code) + " before, " + std::to_string(b.exit_code) + " after";
  } else if (a.out != b.out) {
    s.passed = false;
    s.reason = "stdout differs (same exit code " + std::to_string(a.exit_code) + ")";
  } else {
    s.passed = true;
    s.reason = "same exit code (" + std::to_string(a.exit_code) + ") and stdout";
  }
}

VerifyReport verify(const FixResult& fix, BuildEngine& engine, const VerifyRequest& request) {
  engine.check_reachable();
  VerifyReport report;
  report.before.tag = request.tag_prefix + ":before";
  report.after.tag = request.tag_prefix + ":after";
  report.kept = request.keep;
  TempDir tmp;
  fs::path before_file = write_dockerfile(tmp.path() / "before", request.dockerfile, fix.original);
  fs::path after_file = write_dockerfile(tmp.path() / "after", request.dockerfile, fix.fixed);

  Cleanup cleanup(engine);
  BuildOutcome outcome;
  build_side(engine, report.before, before_file, request, outcome);
  if (!outcome.ok) {
    throw InputError("the original Dockerfile does not build: " + last_lines(outcome.log, 1));
  }
  if (!request.keep) cleanup.add(report.before.tag);
  build_side(engine, report.after, after_file, request, outcome);
  report.before.figures = engine.measure(report.before.tag);
  report.predictions = predict(fix.changes, report.before.figures.findings);
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
    copy_context_with_change(request.context, request.dockerfile, *report.changed_file, copy);
    warm_rebuild(engine, report.before, before_file, copy, request);
    warm_rebuild(engine, report.after, after_file, copy, request);
  }

  run_smoke(engine, request, report);
  report.recommended = report.smoke.passed;
  report.verdict = report.recommended ? "fix recommended: the fixed image passes the smoke test"
                                      : "fix not recommended: the smoke test failed (" + report.smoke.reason + ")";
  return report;
}

}  // namespace ballast::fix
