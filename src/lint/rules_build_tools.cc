// BA1011 (compilers and -dev packages in the final image) and BA1012 (a
// single-stage build that compiles). A toolchain is 200-400 MB (Debian's
// build-essential with gcc/g++ and headers) that the running program never
// needs: build in one stage, COPY --from the result into a clean one.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

bool is_package_install(const Invocation& inv) {
  if (inv.program == "apt-get" || inv.program == "apt" || inv.program == "yum" || inv.program == "dnf" ||
      inv.program == "microdnf" || inv.program == "zypper") {
    return inv.sub == "install" || inv.sub == "in";
  }
  return inv.program == "apk" && inv.sub == "add";
}

bool is_build_package(std::string_view pkg) {
  static constexpr std::array<std::string_view, 22> kExact = {
      "build-essential", "gcc", "g++", "clang", "make", "cmake", "autoconf", "automake", "libtool",
      "pkg-config", "pkgconf", "build-base", "alpine-sdk", "gfortran", "musl-dev", "linux-headers",
      "cargo", "rustc", "golang", "gcc-c++", "ninja-build", "meson"};
  std::string_view name = pkg.substr(0, pkg.find_first_of("=<>"));
  if (std::find(kExact.begin(), kExact.end(), name) != kExact.end()) return true;
  if (name.starts_with("gcc-") || name.starts_with("g++-") || name.starts_with("clang-")) return true;
  return name.ends_with("-dev") || name.ends_with("-devel");
}

// What one RUN does with build packages: those it installs and does not
// remove again before it ends, and whether it installed some and removed them
// all (then what it compiles ships no toolchain). Removal is `apt-get
// purge/remove/autoremove PKG`, the official images' `apt-mark auto` then
// `apt-get purge --auto-remove` (or autoremove), yum/dnf remove, and `apk
// del NAME` of the `apk add --virtual NAME` that installed them.
struct BuildPackages {
  std::vector<std::string> kept;
  bool installed_and_removed = false;
};


BuildPackages build_packages(const RunInfo& run) {
  std::vector<std::string_view> removed;
  std::vector<std::string_view> apk_deleted;
  bool marked_auto = false, auto_removed = false;
  for (const auto& inv : run.invocations) {
    if (is_apt(inv) && (inv.sub == "purge" || inv.sub == "remove" || inv.sub == "autoremove")) {
      removed.insert(removed.end(), inv.operands.begin(), inv.operands.end());
      if (inv.sub == "autoremove" || inv.has_any_flag({"--auto-remove", "--autoremove"})) auto_removed = true;
    }
    if (inv.program == "apt-mark" && inv.sub == "auto") marked_auto = true;
    if (inv.program == "apk" && inv.sub == "del") apk_deleted.insert(apk_deleted.end(), inv.operands.begin(), inv.operands.end());
    if ((inv.program == "yum" || inv.program == "dnf") && (inv.sub == "remove" || inv.sub == "erase")) {
      removed.insert(removed.end(), inv.operands.begin(), inv.operands.end());
    }
  }
  auto listed = [](const std::vector<std::string_view>& v, std::string_view x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  BuildPackages out;
  bool installed = false;
  for (const auto& inv : run.invocations) {
    if (!is_package_install(inv)) continue;
    std::string_view virtual_name = inv.program == "apk" ? inv.flag_value("--virtual") : std::string_view();
    if (virtual_name.empty() && inv.program == "apk") virtual_name = inv.flag_value("-t");
    const bool apk_virtual_removed = !virtual_name.empty() && listed(apk_deleted, virtual_name);
    for (std::string_view pkg : inv.operands) {
      if (pkg == virtual_name || !is_build_package(pkg)) continue;
      installed = true;
      if (apk_virtual_removed || listed(removed, pkg) || listed(apk_deleted, pkg)) continue;
      if (is_apt(inv) && marked_auto && auto_removed) continue;
      out.kept.emplace_back(pkg);
    }
  }
  out.installed_and_removed = installed && out.kept.empty();
  return out;
}

bool compiles(const Invocation& inv) {
  static constexpr std::array<std::string_view, 10> kCompilers = {
      "gcc", "g++", "cc", "c++", "clang", "clang++", "make", "cmake", "ninja", "rustc"};
  if (std::find(kCompilers.begin(), kCompilers.end(), inv.program) != kCompilers.end()) return true;
  if (inv.program == "go" && (inv.sub == "build" || inv.sub == "install")) return true;
  if (inv.program == "cargo" && (inv.sub == "build" || inv.sub == "install")) return true;
  if (inv.program == "mvn" || inv.program == "mvnw" || inv.program == "gradle" || inv.program == "gradlew") return true;
  if (inv.program == "javac" || inv.program == "configure") return true;
  if (inv.program == "dotnet" && (inv.sub == "publish" || inv.sub == "build")) return true;
  return false;
}

}  // namespace

void check_build_tools(const LintInput& input, Sink& sink) {
  bool single_stage = input.model.stages.size() == 1;
  int compile_at = -1;
  std::vector<std::string> all_tools;
  for_each_run(input, true, [&](int index, const RunInfo& run) {
    const BuildPackages packages = build_packages(run);
    const auto& tools = packages.kept;
    if (!tools.empty()) {
      sink.report("BA1011", input.inst(index), "build tools in the final image: " + join(tools, ", "),
                  "install them in a builder stage and COPY --from=builder only the built artifacts");
      all_tools.insert(all_tools.end(), tools.begin(), tools.end());
    }
    // A RUN that installs its toolchain, compiles and removes it again ships none of it.
    if (packages.installed_and_removed) return;
    for (const auto& inv : run.invocations) {
      if (compile_at < 0 && compiles(inv)) compile_at = index;
    }
  });
  if (single_stage && (compile_at >= 0 || !all_tools.empty())) {
    const auto& stage = input.model.stages.front();
    if (stage.from_instruction < 0) return;
    std::string why = compile_at >= 0 ? "it compiles at " + line_ref(input, compile_at)
                                      : "it installs " + join(all_tools, ", ");
    sink.report("BA1012", input.inst(stage.from_instruction),
                "single-stage build: " + why + " and ships the toolchain in the image",
                "compile in a `FROM ... AS build` stage, then COPY --from=build into a slim or distroless base");
  }
}

}  // namespace ballast::lint
