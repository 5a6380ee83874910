// `--multi-stage` (BA1011, BA1012): a single-stage C/C++, Go or Rust build
// (make, gcc, cmake, go build, cargo build ... then `cp`/`install` of the
// result, a compiler's `-o /path`, or `make install`) or Python
// install (pip into a venv, or --prefix/--target) becomes a builder stage —
// the original instructions up to the last build step, `AS builder` added —
// and a runtime stage on the same base: the runtime OS packages of the
// original apt-get installs (build packages dropped), the results copied
// with COPY --from=builder, and the ENV/WORKDIR/EXPOSE/HEALTHCHECK/USER/
// CMD/ENTRYPOINT/LABEL/VOLUME/STOPSIGNAL and later COPYs carried in order.
// A -dev package in the build's apt install brings a runtime library the
// program may link: with --image, its dpkg Depends in the built image name
// the library packages the runtime stage installs; without, withheld.
// Withheld (the file left as it was) also when a RUN follows the build,
// when a RUN before it does more than install packages or create accounts,
// or when the result is not known.
// A Node build (BA1018: devDependencies the build needs) is split the same
// way, its result being the app directory after `npm prune --omit=dev`
// (multi_stage_node.cc says when that is safe).
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "fix/multi_stage.h"
#include "fix/pass.h"
#include "lint/rule_util.h"

namespace ballast::fix {
namespace {

// Packages only a build needs (the toolchain, headers of the C library and
// of Python, venv/pip bootstrap); other -dev packages are refused below.
bool build_only_package(std::string_view name) {
  static constexpr std::array<std::string_view, 31> kBuild = {
      "build-essential", "gcc", "g++", "cpp", "clang", "make", "cmake", "autoconf", "automake", "libtool",
      "pkg-config", "pkgconf", "binutils", "ninja-build", "meson", "bison", "flex", "libc6-dev", "linux-libc-dev",
      "libc-dev", "python3-dev", "python3-venv", "python3-pip", "python3-wheel", "python3-setuptools", "git",
      "patch", "gfortran", "golang", "cargo", "rustc"};
  if (std::find(kBuild.begin(), kBuild.end(), name) != kBuild.end()) return true;
  // golang-go, golang-1.19-go (Debian's Go toolchain packages).
  return name.starts_with("gcc-") || name.starts_with("g++-") || name.starts_with("clang-") ||
         name.starts_with("golang-") || (name.starts_with("python3.") && name.ends_with("-dev"));
}

bool compiles(const lint::Invocation& inv) {
  static constexpr std::array<std::string_view, 12> kTools = {"make", "gcc", "cc", "g++", "c++", "clang",
                                                              "clang++", "cmake", "ninja", "meson", "configure",
                                                              "ld"};
  // `go build -o /usr/local/bin/app .`, `cargo build --release` (its result
  // named by the `cp`/`install` that follows in the RUN).
  if ((inv.program == "go" || inv.program == "cargo") && inv.sub == "build") return true;
  return std::find(kTools.begin(), kTools.end(), inv.program) != kTools.end();
}

// "" when `inv` belongs to a C or Python build step (the builder only); else why not.
std::string build_command_problem(const lint::Invocation& inv) {
  static constexpr std::array<std::string_view, 12> kBuildSide = {"cp", "install", "mkdir", "cd", "rm", "mv",
                                                                  "strip", "pip", "venv", "virtualenv", "true", "ls"};
  if (compiles(inv) || std::find(kBuildSide.begin(), kBuildSide.end(), inv.program) != kBuildSide.end()) return "";
  return "runs `" + inv.program + "`, which the runtime stage may need: ballast cannot tell";
}

std::string strip_version(std::string_view pkg) { return std::string(pkg.substr(0, pkg.find_first_of("=<>"))); }

bool dev_package(std::string_view name) { return name.ends_with("-dev") || name.ends_with("-devel"); }

// The runtime packages `dev` brings by the image's dpkg Depends: each
// dependency group's first installed alternative, through other -dev
// packages (libpq-dev -> libssl-dev -> libssl3), that the base image does
// not have already. A superset of what the program links (ballast does not
// read its ELF NEEDED entries), so the split never drops a library it needs.
// `why` stays "" when the image lists `dev`; else it says why not.
std::vector<std::string> runtime_libraries(const ImageEvidence& image, const std::string& dev, std::string& why) {
  auto find = [&](std::string_view name) -> const ImagePackage* {
    for (const auto& p : image.os_packages)
      if (p.name == name) return &p;
    return nullptr;
  };
  if (!find(dev)) {
    why = dev + " is not installed in " + image.image + ": is that the image built from this Dockerfile?";
    return {};
  }
  std::vector<std::string> out, seen{dev}, todo{dev};
  while (!todo.empty()) {
    const ImagePackage* p = find(todo.back());
    todo.pop_back();
    for (const auto& group : p->depends) {
      const ImagePackage* dep = nullptr;
      for (const auto& alt : group)
        if ((dep = find(alt))) break;
      if (!dep || std::find(seen.begin(), seen.end(), dep->name) != seen.end()) continue;
      seen.push_back(dep->name);
      // A build package's own dependencies are the toolchain's (libc6-dev
      // -> libc-dev-bin): not the program's.
      if (build_only_package(dep->name)) continue;
      if (dev_package(dep->name)) todo.push_back(dep->name);
      else if (!dep->in_base) out.push_back(dep->name);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void fix_multi_stage(Pass& pass) {
  if (!pass.options().multi_stage) return;
  const auto& input = pass.input();
  const auto& model = input.model;
  std::vector<int> flagged;
  for (const char* rule : {"BA1012", "BA1011"}) {
    if (!pass.wants(rule)) continue;
    for (int i : pass.flagged(rule)) flagged.push_back(i);
  }
  std::vector<int> dev = pass.wants("BA1018") ? pass.flagged("BA1018") : std::vector<int>{};
  // devDependencies in the final image that --omit=dev could not remove (its
  // fixer ran before this one): the Node build.
  const bool node = !dev.empty();
  if (flagged.empty() && !node) return;
  std::string toolchain_id;  // the finding of the toolchain the runtime stage leaves out
  if (!flagged.empty()) toolchain_id = pass.wants("BA1012") && !pass.flagged("BA1012").empty() ? "BA1012" : "BA1011";
  std::string id = node ? "BA1018" : toolchain_id;
  int anchor = node ? dev.front() : flagged.front();
  auto refuse = [&](const std::string& why) { pass.withhold(id, anchor, "--multi-stage: " + why); };
  if (model.stages.size() != 1) return refuse("the Dockerfile has several stages already");
  const auto& stage = model.stages.front();
  if (stage.scratch || stage.base_raw.find('$') != std::string::npos) return refuse("the base image is scratch or a variable");
  if (!model.before_first_from.empty() || !model.global_args.empty()) return refuse("instructions before FROM");

  // The build steps and their results.
  int last_build = -1;
  std::vector<std::string> outputs;
  std::string app_dir;  // Node: the one result
  std::string venv;
  if (node) {
    NodeBuild build = find_node_build(pass, stage, anchor);
    if (!build.refusal.empty()) return refuse(build.refusal);
    last_build = build.last_build;
    app_dir = build.app_dir;
    outputs.push_back(app_dir);
  }
  for (int i : stage.instructions) {
    const auto& in = pass.inst(i);
    if (node || in.keyword != "run") continue;  // Node: found above
    for (const auto& ri : pass.invocations(i)) {
      const auto& inv = ri->inv;
      // `python3 -m venv DIR`: invocation_of reads it as program "venv".
      if (inv.program == "venv" || inv.program == "virtualenv") {
        if (!inv.sub.empty() && inv.sub.starts_with('/')) venv = std::string(inv.sub);
        for (auto op : inv.operands) {
          if (op.starts_with('/')) venv = std::string(op);
        }
      }
      if (inv.program == "pip" && inv.sub == "install") {
        std::string dir;
        for (std::size_t k = 0; k < inv.args.size(); ++k) {
          std::string_view a = inv.args[k];
          for (std::string_view f : {"--prefix", "--target", "--root"}) {
            if (a == f && k + 1 < inv.args.size()) dir = std::string(inv.args[k + 1]);
            if (a.starts_with(std::string(f) + "=")) dir = std::string(a.substr(f.size() + 1));
          }
          if (a == "--user") dir = "/root/.local";
        }
        if (dir.empty()) dir = venv;
        if (dir.empty()) return refuse("pip installs into the system Python: use a venv, --prefix or --user");
        outputs.push_back(input.resolve(i, dir));
        last_build = i;
      }
      if (compiles(inv)) {
        last_build = std::max(last_build, i);
        // `gcc -o /usr/local/bin/app ...`: the result named on the compiler line.
        for (std::size_t k = 0; k + 1 < inv.args.size(); ++k) {
          if (inv.args[k] == "-o" && inv.args[k + 1].starts_with('/')) outputs.emplace_back(inv.args[k + 1]);
        }
      }
      if (inv.program == "make" && inv.sub == "install") {
        outputs.push_back("/usr/local");
        last_build = i;
      }
      if ((inv.program == "cp" || inv.program == "install") && last_build == i && !inv.operands.empty()) {
        std::string dest(inv.operands.back());
        if (dest.starts_with('/') && dest.find('$') == std::string::npos) outputs.push_back(dest);
      }
    }
  }
  if (last_build < 0) return refuse("no build step found (make, gcc, cmake, pip install)");
  if (outputs.empty()) {
    return refuse("the build's result is not known: end the build RUN with `cp RESULT /usr/local/bin/` or `make install`");
  }
  // A venv is its own result: drop outputs inside one another.
  std::sort(outputs.begin(), outputs.end());
  outputs.erase(std::unique(outputs.begin(), outputs.end()), outputs.end());

  // Walk the stage: what goes to the builder, what is carried, what blocks.
  const SourceText& src = pass.source();
  std::string eol(src.eol());
  std::vector<std::string> runtime;  // instruction texts of the runtime stage
  std::vector<std::pair<std::size_t, std::size_t>> builder_cut;  // byte ranges moved out of the builder
  std::vector<std::string> dev_libraries;   // "libssl-dev -> libssl3", from --image
  std::vector<std::string> kept_libraries;  // those installed in the runtime stage
  bool copied_results = false;
  auto text_of = [&](int i) {
    const auto& in = pass.inst(i);
    std::size_t b = src.line(in.start_line).begin;
    std::string t(pass.text().substr(b, src.line(in.end_line).end - b));
    return t;
  };
  for (int i : stage.instructions) {
    const auto& in = pass.inst(i);
    const std::string& k = in.keyword;
    bool after = i > last_build;
    if (k == "run") {
      if (after) return refuse("the RUN at line " + std::to_string(in.start_line) + " follows the build: ballast cannot tell which stage it belongs to");
      std::vector<std::string> keep;
      bool only_packages = true, only_accounts = true;
      for (const auto& ri : pass.invocations(i)) {
        const auto& inv = ri->inv;
        bool apt = lint::is_apt(inv) || inv.program == "rm";
        if (!apt) only_packages = false;
        bool account = lint::creates_account(inv) || inv.program == "mkdir";
        if (!account) only_accounts = false;
        if (!lint::apt_install(inv)) continue;
        for (auto op : inv.operands) {
          std::string name = strip_version(op);
          if (name.find('$') != std::string::npos) return refuse("a package name with a variable");
          if (build_only_package(name)) continue;
          if (dev_package(name)) {
            if (!pass.options().image) {
              return refuse(name + " is a build package that brings a runtime library (the program may link it): "
                            "give --image (the image built from this Dockerfile) to read that library's package "
                            "from its dpkg database, or name it for the runtime stage by hand");
            }
            std::string why;
            std::vector<std::string> libs = runtime_libraries(*pass.options().image, name, why);
            if (!why.empty()) return refuse(why);
            std::string list = libs.empty() ? "none the base lacks" : lint::join(libs, ", ");
            dev_libraries.push_back(name + " -> " + list);
            for (auto& l : libs)
              if (std::find(keep.begin(), keep.end(), l) == keep.end() &&
                  std::find(kept_libraries.begin(), kept_libraries.end(), l) == kept_libraries.end()) {
                keep.push_back(l);
                kept_libraries.push_back(l);
              }
            continue;
          }
          keep.emplace_back(op);
        }
      }
      if (pass.invocations(i).empty()) return refuse("an exec-form RUN or a heredoc before the build");
      if (only_packages) {
        if (!keep.empty()) {
          runtime.push_back("RUN apt-get update && apt-get install -y --no-install-recommends " + lint::join(keep, " ") +
                            " && rm -rf /var/lib/apt/lists/*");
        }
        continue;
      }
      if (only_accounts) {
        runtime.push_back(text_of(i));  // accounts and directories exist in both stages
        continue;
      }
      // A build step (venv, compile, pip, npm, copying the result): in the builder only.
      for (const auto& ri : pass.invocations(i)) {
        std::string why = node ? node_build_command_problem(ri->inv, app_dir) : build_command_problem(ri->inv);
        if (!why.empty()) return refuse("the RUN at line " + std::to_string(in.start_line) + " " + why);
      }
      if (i == last_build && !copied_results) {
        for (const auto& o : outputs) runtime.push_back("COPY --from=builder " + o + " " + o);
        copied_results = true;
      }
      continue;
    }
    if (k == "copy" || k == "add") {
      if (after) {
        runtime.push_back(text_of(i));
        builder_cut.emplace_back(src.line(in.start_line).begin, src.whole_end(in));
      } else if (node) {
        // The sources reach the runtime stage inside the app directory, or not at all.
        std::string what = in.keyword_raw + " at line " + std::to_string(in.start_line);
        std::string dest = input.resolve(i, input.copy_destination(i));
        if (!lint::path_within(dest, app_dir)) {
          return refuse("the " + what + " writes " + dest + ", outside the app directory " + app_dir +
                        ": it would not reach the runtime stage");
        }
        for (const auto& f : in.flags) {
          if (f.starts_with("--chown")) return refuse("the " + what + " sets an owner (--chown), which COPY --from=builder would not carry");
        }
      }
      continue;  // sources of the build stay in the builder
    }
    static constexpr std::array<std::string_view, 11> kCarried = {"env", "workdir", "arg", "label", "expose",
                                                                  "healthcheck", "user", "cmd", "entrypoint",
                                                                  "volume", "stopsignal"};
    if (std::find(kCarried.begin(), kCarried.end(), k) != kCarried.end()) {
      runtime.push_back(text_of(i));
      bool config_only = k != "env" && k != "workdir" && k != "arg" && k != "user";
      if (config_only || after) builder_cut.emplace_back(src.line(in.start_line).begin, src.whole_end(in));
      if (k == "user" && !after) return refuse("USER before the build: the builder would build as that user");
      continue;
    }
    if (k == "shell" || k == "onbuild") return refuse(lint::to_lower(in.keyword_raw) + " cannot be carried safely");
  }

  // The builder: the original text with `AS builder` and without what moved.
  const auto& from = pass.inst(stage.from_instruction);
  std::string name = stage.name.empty() ? "builder" : stage.name;
  std::vector<Edit> edits;
  if (stage.name.empty()) {
    std::size_t at = src.head_end(from);
    edits.push_back(Edit{at, at, " AS builder"});
  }
  for (auto [b, e] : builder_cut) edits.push_back(Edit{b, e, ""});
  std::string prune_text;  // Node: the prune ends the last build RUN
  if (node) {
    std::string why;
    auto prune = append_command(pass, last_build, kNpmPrune, why);
    if (!prune) return refuse("`" + std::string(kNpmPrune) + "` cannot end the RUN at line " +
                              std::to_string(pass.inst(last_build).start_line) + ": " + why);
    if (prune->begin == pass.text().size()) {
      prune_text = prune->text;  // the file's last bytes: one insertion, in order
    } else {
      edits.push_back(std::move(*prune));
    }
  }
  std::string runtime_text = eol + "FROM " + stage.base_raw + eol;
  if (!stage.platform_raw.empty()) runtime_text = eol + "FROM --platform=" + stage.platform_raw + " " + stage.base_raw + eol;
  for (auto& r : runtime) {
    if (name != "builder") {
      auto pos = r.find("--from=builder");
      if (pos != std::string::npos) r.replace(pos, 14, "--from=" + name);
    }
    runtime_text += r + eol;
  }
  std::size_t end = pass.text().size();
  if (!pass.text().empty() && pass.text().back() != '\n') runtime_text = eol + runtime_text;
  edits.push_back(Edit{end, end, prune_text + runtime_text});
  std::vector<std::string> ids{id};
  if (node && !toolchain_id.empty()) ids.push_back(toolchain_id);  // build packages left out too
  std::string kept = node ? "the devDependencies stay in stage " + name + " (`" + std::string(kNpmPrune) + "` after the build)"
                          : "the toolchain stays in stage " + name;
  pass.propose(Proposal{std::move(ids), from.start_line,
                        "multi-stage: " + kept + ", the runtime stage gets " + lint::join(outputs, ", ") +
                            " with COPY --from=" + name +
                            (dev_libraries.empty() ? std::string()
                                                   : " and the runtime libraries of the -dev packages by " +
                                                         pass.options().image->image + "'s dpkg Depends (" +
                                                         lint::join(dev_libraries, "; ") + ")"),
                        std::move(edits)});
}

}  // namespace ballast::fix
