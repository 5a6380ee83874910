// bytes-saved accounting over hand-written installed distributions: removing
// a package frees its own bytes plus dependencies nothing else needs.
#include <gtest/gtest.h>

#include "python/installed.h"

namespace ballast::python {
namespace {

std::vector<InstalledDistribution> environment() {
  // torchaudio -> torch -> {nvidia-cublas-cu12, sympy, numpy?no, filelock}
  // scipy -> numpy ; librosa -> {numpy, scipy, soundfile}; soundfile -> cffi
  return {
      {"torch", "2.1.0", {"torch"}, 1000, {"filelock", "sympy", "nvidia-cublas-cu12; platform_system == \"Linux\"",
                                           "typing-extensions", "opt-einsum; extra == \"opt-einsum\""}},
      {"torchaudio", "2.1.0", {"torchaudio"}, 100, {"torch (==2.1.0)"}},
      {"nvidia-cublas-cu12", "12.1", {}, 5000, {}},
      {"sympy", "1.12", {"sympy"}, 60, {"mpmath>=0.19"}},
      {"mpmath", "1.3", {"mpmath"}, 10, {}},
      {"filelock", "3.13", {"filelock"}, 1, {}},
      {"typing_extensions", "4.9", {"typing_extensions"}, 2, {}},
      {"opt-einsum", "3.3", {"opt_einsum"}, 7, {}},
      {"numpy", "1.24.3", {"numpy"}, 300, {}},
      {"scipy", "1.11.4", {"scipy"}, 400, {"numpy"}},
      {"soundfile", "0.12.1", {"soundfile"}, 20, {"cffi>=1.0", "numpy"}},
      {"cffi", "1.16", {"cffi"}, 3, {"pycparser"}},
      {"pycparser", "2.21", {"pycparser"}, 4, {}},
      {"librosa", "0.10.1", {"librosa"}, 50, {"numpy", "scipy", "soundfile", "typing-extensions"}},
      {"pip", "23.0", {"pip"}, 9, {}},
  };
}

TEST(Removal, UnusedTorchFreesItsCudaLibraries) {
  RemovalPlan plan = plan_removal(environment(), {"torch", "torchaudio"});
  // torch 1000 + torchaudio 100 + nvidia 5000 + sympy 60 + mpmath 10 + filelock 1.
  // typing-extensions stays (librosa needs it); opt-einsum is an extra, not pulled.
  EXPECT_EQ(plan.total_bytes, 1000u + 100u + 5000u + 60u + 10u + 1u);
  EXPECT_EQ(plan.bytes_by_root["torchaudio"], 100u);
  EXPECT_EQ(plan.bytes_by_root["torch"], 1000u + 5000u + 60u + 10u + 1u);
  EXPECT_EQ(plan.freed_by_root["torch"].front(), "torch");
  std::uint64_t sum = 0;
  for (const auto& [root, bytes] : plan.bytes_by_root) sum += bytes;
  EXPECT_EQ(sum, plan.total_bytes);  // every byte has exactly one owner
}

TEST(Removal, PackageStillNeededByAKeptOneFreesNothing) {
  // torchaudio stays and needs torch: removing torch alone frees nothing.
  RemovalPlan plan = plan_removal(environment(), {"torch"});
  EXPECT_EQ(plan.total_bytes, 0u);
  // numpy is needed by scipy/librosa: removing it frees nothing either.
  EXPECT_EQ(plan_removal(environment(), {"numpy"}).total_bytes, 0u);
}

TEST(Removal, SharedDependencyFreedOnlyWithBothRoots) {
  // soundfile and librosa: cffi/pycparser go with soundfile, numpy/scipy stay? No:
  // scipy and numpy are needed only by librosa and soundfile, so they go too.
  RemovalPlan plan = plan_removal(environment(), {"librosa"});
  // soundfile is only needed by librosa: freed with it (and cffi, pycparser,
  // scipy, numpy); typing-extensions stays for torch.
  EXPECT_EQ(plan.total_bytes, 50u + 20u + 3u + 4u + 400u + 300u);
  EXPECT_EQ(plan.bytes_by_root.size(), 1u);
}

TEST(Removal, UnknownRootsAndCycles) {
  std::vector<InstalledDistribution> env = {
      {"a", "1", {"a"}, 10, {"b"}},
      {"b", "1", {"b"}, 20, {"a"}},  // cycle a <-> b
      {"c", "1", {"c"}, 5, {}},
  };
  EXPECT_EQ(plan_removal(env, {"a"}).total_bytes, 30u);
  EXPECT_EQ(plan_removal(env, {"not-installed"}).total_bytes, 0u);
}

// An unused distribution Debian installed frees its package's removal
// closure over the OS packages; its Requires-Dist never reaches pip's world.
TEST(Removal, OsPackageFreesItsRemovalClosure) {
  auto deb = [](const std::string& name, std::vector<std::vector<std::string>> depends, bool is_auto,
                std::uint64_t bytes) {
    attribution::Package p;
    p.info.manager = attribution::Manager::kDpkg;
    p.info.name = name;
    p.info.depends = std::move(depends);
    p.info.auto_installed = is_auto;
    p.label = "deb:" + name;
    p.final_bytes = bytes;
    return p;
  };
  std::vector<attribution::Package> os = {
      deb("python3-torch", {{"libtorch2.0"}, {"python3"}}, false, 1000),
      deb("libtorch2.0", {{"libdnnl3"}, {"libc6"}}, true, 20000),
      deb("libdnnl3", {}, true, 3000),
      deb("python3", {{"libc6"}}, true, 400),
      deb("python3-yaml", {{"python3"}}, false, 50),
      deb("libc6", {}, false, 9),
  };
  InstalledDistribution torch{"torch", "2.0", {"torch"}, 1000, {"filelock"}, "deb:python3-torch", true};
  std::vector<InstalledDistribution> env = {torch, {"filelock", "3", {"filelock"}, 7, {}, "pypi:filelock", false},
                                            {"mypkg", "1", {"mypkg"}, 5, {}, "pypi:mypkg", false}};
  RemovalPlan plan = plan_removal(env, {"torch", "mypkg"}, {}, &os);
  // python3 stays for python3-yaml; libc6 is manual; filelock is pip's.
  EXPECT_EQ(plan.bytes_by_root["torch"], 1000u + 20000u + 3000u);
  EXPECT_EQ(plan.freed_by_root["torch"],
            (std::vector<std::string>{"deb:python3-torch", "deb:libdnnl3", "deb:libtorch2.0"}));
  EXPECT_EQ(plan.freed_bytes_by_root["torch"], (std::vector<std::uint64_t>{1000, 3000, 20000}));
  EXPECT_EQ(plan.world_by_root["torch"], "dpkg");
  EXPECT_EQ(plan.os_package_by_root["torch"], "deb:python3-torch");
  EXPECT_EQ(plan.bytes_by_root["mypkg"], 5u);
  EXPECT_EQ(plan.world_by_root["mypkg"], "pip");
  EXPECT_EQ(plan.total_bytes, 24000u + 5u);
  // Without the OS packages: the distribution's own bytes.
  EXPECT_EQ(plan_removal(env, {"torch"}).bytes_by_root["torch"], 1000u);
}

}  // namespace
}  // namespace ballast::python
