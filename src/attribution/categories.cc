#include "attribution/categories.h"

#include <cstring>
#include <algorithm>

#include "attribution/path_util.h"
#include "util/error.h"

namespace ballast::attribution {
namespace {

using L = LayerScope;

// CUDA (driver, runtime and math libraries), cuDNN and NCCL, by soname:
// lib<family>.so*, lib<family>_<part>.so* (libcudnn_ops.so.9),
// lib<family>-<part>.so* (libnvrtc-builtins.so) and their static archives.
const char* const kGpuLibraryGlobs[] = {
    "**/libcuda.so*",      "**/libcudart.so*",     "**/libcudart_static.a", "**/libcudadevrt.a",
    "**/libcublas.so*",    "**/libcublasLt.so*",   "**/libcublas_static.a", "**/libcublasLt_static.a",
    "**/libcudnn.so*",     "**/libcudnn_*.so*",    "**/libcudnn*_static*.a", "**/libnccl.so*",
    "**/libnccl_static.a", "**/libcufft.so*",      "**/libcufftw.so*",      "**/libcufft_static*.a",
    "**/libcurand.so*",    "**/libcurand_static.a", "**/libcusolver.so*",   "**/libcusolverMg.so*",
    "**/libcusolver_static.a", "**/libcusparse.so*", "**/libcusparseLt.so*", "**/libcusparse_static.a",
    "**/libnvrtc.so*",     "**/libnvrtc-builtins.so*", "**/libnvrtc_static.a", "**/libnvJitLink.so*",
    "**/libnvJitLink_static.a", "**/libnvToolsExt.so*", "**/libnvtx3interop.so*", "**/libcupti.so*",
    "**/libnvperf_host.so*", "**/libnvperf_target.so*", "**/libnvjpeg.so*", "**/libnpp[cis]*.so*",
    "**/libcufile.so*",    "**/libcufile_rdma.so*", "**/libnvblas.so*",     "**/libnvidia-ml.so*",
    "**/libnvidia-ptxjitcompiler.so*", "**/libnvidia-nvvm.so*", "**/libnvvm.so*", "**/libnvshmem*.so*",
};

// pip's CUDA wheels: nvidia-<library>-cu11/-cu12 (and the unsuffixed names
// of the CUDA 13 era). nvidia-ml-py (NVML's Python bindings, a few KB) is not
// among them.
const char* const kGpuWheelGlobs[] = {
    "nvidia-*-cu1*", "nvidia-cublas", "nvidia-cuda-*", "nvidia-cudnn", "nvidia-cufft", "nvidia-cufile",
    "nvidia-curand", "nvidia-cusolver", "nvidia-cusparse", "nvidia-cusparselt", "nvidia-nccl", "nvidia-nvjitlink",
    "nvidia-nvshmem", "nvidia-nvtx",
};

// Debian (contrib/non-free: nvidia-cuda-toolkit, libcudart12, libcublas12,
// libcuda1...) and NVIDIA's repository (cuda-*, libcublas-12-4, libcudnn9-cuda-12,
// libnccl2): lib<family> followed by a version or a dash.
const char* const kGpuPackageGlobs[] = {
    "nvidia-cuda-*", "nvidia-cudnn", "cuda-*", "libnvidia-*",
    "libcuda[0-9]*", "libcudart[0-9]*", "libcudart-*", "libcublas[0-9]*", "libcublas-*", "libcublaslt[0-9]*",
    "libcudnn[0-9]*", "libcudnn-*", "libnccl[0-9]*", "libnccl-*", "libcufft[0-9]*", "libcufft-*",
    "libcufftw[0-9]*", "libcurand[0-9]*", "libcurand-*", "libcusolver[0-9]*", "libcusolver-*", "libcusolvermg[0-9]*",
    "libcusparse[0-9]*", "libcusparse-*", "libcusparselt[0-9]*", "libcusparselt-*", "libnvrtc[0-9]*",
    "libnvrtc-*", "libnvjitlink[0-9]*", "libnvjitlink-*", "libnvtoolsext[0-9]*", "libcupti[0-9]*",
    "libcupti-*", "libnvjpeg[0-9]*", "libnvjpeg-*", "libnpp-*", "libnppc[0-9]*", "libnvblas[0-9]*",
    "libcufile-*",
};

// What the build-toolchain finding names and advises to move to a builder
// stage: compilers, linkers and -dev packages.
const char* const kToolchainPackageGlobs[] = {
    "gcc", "gcc-*", "g++", "g++-*", "cpp", "cpp-*", "binutils*", "make", "build-essential", "*-dev",
    "dpkg-dev", "libc-dev-bin", "autoconf", "automake", "libtool", "pkg-config", "pkgconf*", "cmake",
    "cmake-data", "musl-dev", "build-base", "fortify-headers", "libc-dev", "clang", "clang-*", "lld", "lld-*",
};

// Libraries that only the compilers and binutils load: counted with the
// toolchain, never named in its advice (purge --auto-remove takes them).
// libmpfr (gawk) and libjansson (many) are not here: other programs use them.
const char* const kToolchainSupportGlobs[] = {
    "libasan*", "libtsan*", "liblsan*", "libubsan*", "libhwasan*", "libcc1-*", "libisl*", "libmpc[0-9]*",
    "libbinutils", "libctf*", "libgprofng*",
};

std::vector<CategoryRule> make_builtin_rules() {
  std::vector<CategoryRule> r;
  auto path = [&](const char* cat, const char* glob, const char* why) {
    r.push_back({cat, glob, "", "", L::kAny, why});
  };
  auto pkg = [&](const char* cat, const char* glob, const char* manager, const char* why) {
    r.push_back({cat, "", glob, manager, L::kAny, why});
  };
  auto beside = [&](const char* cat, const char* glob, const char* sibling, const char* why) {
    r.push_back({cat, glob, "", "", L::kAny, why, sibling});
  };
  // A git repository is the application's checkout (image.git-directory):
  // its packs and objects are never weights, caches or headers.
  path("app", "**/.git/**", "a git repository (the application's checkout)");
  // Model weights first: a Hugging Face cache is a cache of models.
  path("ml-models", "**/.cache/huggingface/**", "Hugging Face hub cache");
  path("ml-models", "**/.cache/torch/hub/**", "torch.hub cache");
  path("ml-models", "**/*.safetensors", "safetensors weights");
  path("ml-models", "**/*.ckpt", "checkpoints");
  path("ml-models", "**/*.gguf", "llama.cpp weights");
  path("ml-models", "**/*.onnx", "ONNX models");
  path("ml-models", "**/*.pt", "torch.save files");
  // .pth is also Python's path-configuration file (site-packages/*.pth),
  // which packages own: only unowned .pth files are weights.
  r.push_back({"ml-models", "**/*.pth", "[unowned]", "", L::kAny, "torch.save files no package owns"});
  // Caches: never needed at run time.
  path("caches", "**/.cache/pip/**", "pip's HTTP and wheel cache");
  path("caches", "var/lib/apt/lists/**", "apt package lists (apt-get update)");
  path("caches", "var/cache/apt/**", "apt's downloaded .debs and pkgcache.bin");
  path("caches", "var/cache/apk/**", "apk cache");
  path("caches", "etc/apk/cache/**", "apk cache");
  path("caches", "**/.npm/_cacache/**", "npm cache");
  path("caches", "**/.cache/yarn/**", "yarn cache");
  path("caches", "**/.yarn/cache/**", "yarn berry cache");
  path("caches", "**/.cache/go-build/**", "go build cache");
  path("caches", "**/go/pkg/mod/cache/**", "go module download cache");
  path("caches", "**/.cache/uv/**", "uv cache");
  path("caches", "**/.cache/poetry/**", "poetry cache");
  path("caches", "tmp/**", "/tmp");
  path("caches", "var/tmp/**", "/var/tmp");
  path("caches", "**/__pycache__/**", "compiled bytecode (rebuilt on import)");
  // ".bin" is any binary blob (firmware, game data, dictionaries): weights
  // only where models live.
  path("ml-models", "**/models/**/*.bin", "weights in a models directory");
  path("ml-models", "**/checkpoints/**/*.bin", "weights in a checkpoints directory");
  beside("ml-models", "**/*.bin", "config.json", "weights saved with their config.json (save_pretrained)");
  // Tests shipped inside installed packages.
  path("tests", "**/site-packages/**/tests/**", "test suites inside Python packages");
  path("tests", "**/site-packages/**/test/**", "test suites inside Python packages");
  path("tests", "**/dist-packages/**/tests/**", "test suites inside Python packages");
  path("tests", "**/dist-packages/**/test/**", "test suites inside Python packages");
  path("tests", "**/node_modules/**/test/**", "test suites inside node modules");
  path("tests", "**/node_modules/**/tests/**", "test suites inside node modules");
  path("tests", "usr/lib/python3*/test/**", "CPython's own test suite");
  path("tests", "usr/local/lib/python3*/test/**", "CPython's own test suite");
  // GPU libraries, by the sonames of the CUDA, cuDNN and NCCL families and
  // the packages that ship them: never a bare prefix ("libcu" is libcurl and
  // libcups too).
  path("gpu-libs", "usr/local/cuda*/**", "CUDA toolkit");
  path("gpu-libs", "**/site-packages/nvidia/**", "nvidia-* wheels (cuDNN, cuBLAS, NCCL...)");
  path("gpu-libs", "**/site-packages/triton/**", "triton (CUDA kernels compiler for torch)");
  for (const char* glob : kGpuLibraryGlobs) path("gpu-libs", glob, "CUDA, cuDNN and NCCL libraries by soname");
  path("gpu-libs", "**/libtorch_cuda*.so*", "torch's CUDA kernels");
  path("gpu-libs", "**/libc10_cuda*.so*", "torch's CUDA kernels");
  for (const char* glob : kGpuWheelGlobs) pkg("gpu-libs", glob, "python", "NVIDIA's CUDA wheels (nvidia-cublas-cu12...)");
  for (const char* glob : kGpuPackageGlobs) pkg("gpu-libs", glob, "os", "CUDA, cuDNN and NCCL packages (Debian, NVIDIA's repository)");
  // Documentation.
  path("docs", "usr/share/doc/**", "package documentation");
  path("docs", "usr/share/man/**", "man pages");
  path("docs", "usr/share/info/**", "info pages");
  path("docs", "usr/share/locale/**", "message translations");
  path("docs", "usr/share/gtk-doc/**", "API documentation");
  path("docs", "usr/local/share/man/**", "man pages");
  path("docs", "usr/local/share/doc/**", "documentation");
  pkg("docs", "*-doc", "os", "documentation packages");
  // Build toolchain: compilers, linkers, -dev packages, and the headers and
  // static libraries no package owns (make install). Headers a runtime
  // package ships (python3-numpy's include/) stay that package's.
  r.push_back({"build-toolchain", "usr/include/**", "[unowned]", "", L::kAny, "C/C++ headers no package owns"});
  r.push_back({"build-toolchain", "usr/local/include/**", "[unowned]", "", L::kAny, "C/C++ headers no package owns"});
  r.push_back({"build-toolchain", "**/*.a", "[unowned]", "", L::kAny, "static libraries no package owns"});
  r.push_back({"build-toolchain", "**/*.h", "[unowned]", "", L::kAny, "C/C++ headers no package owns"});
  r.push_back({"build-toolchain", "**/*.hpp", "[unowned]", "", L::kAny, "C++ headers no package owns"});
  for (const char* p : kToolchainPackageGlobs)
    pkg("build-toolchain", p, "os", "compilers, binutils, make and -dev packages");
  for (const char* p : kToolchainSupportGlobs)
    pkg("build-toolchain", p, "os", "libraries only the compilers use (removed with them by --auto-remove)");
  // Language packages before runtimes: site-packages lives under the runtime's lib dir.
  r.push_back({"python-packages", "", "", "python", L::kAny, "installed by pip (RECORD)"});
  r.push_back({"python-packages", "", "", "conda", L::kAny, "installed by conda"});
  path("python-packages", "**/site-packages/**", "pip-installed packages");
  path("python-packages", "**/dist-packages/**", "Debian python3-* packages");
  r.push_back({"node-modules", "", "", "npm", L::kAny, "node packages"});
  path("node-modules", "**/node_modules/**", "node packages");
  // Language runtimes and their standard libraries.
  for (const char* p : {"python3", "python3.*", "python3-minimal", "libpython3*", "python3.*-minimal",
                        "nodejs", "libnode*", "openjdk-*", "default-jre*", "default-jdk*", "ca-certificates-java",
                        "golang*", "ruby*", "libruby*", "php*", "python3-*", "node-*"})
    pkg("language-runtime", p, "os", "interpreters and their standard libraries");
  path("language-runtime", "usr/local/lib/python3*/**", "CPython built from source (python images)");
  path("language-runtime", "usr/local/bin/python*", "CPython built from source (python images)");
  path("language-runtime", "usr/local/lib/libpython*", "CPython built from source (python images)");
  path("language-runtime", "usr/local/bin/node", "Node.js (node images)");
  path("language-runtime", "usr/local/include/node/**", "Node.js (node images)");
  path("language-runtime", "usr/lib/jvm/**", "JVMs");
  path("language-runtime", "opt/java/**", "JVMs (eclipse-temurin images)");
  path("language-runtime", "usr/local/go/**", "Go toolchain (golang images)");
  path("language-runtime", "opt/conda/lib/python3*/**", "conda's CPython");
  // What remains: OS files of the base image, OS packages added later, the app.
  r.push_back({"os-base", "", "", "", L::kBase, "everything else in the base image's layers"});
  r.push_back({"os-packages", "", "", "os", L::kAny, "OS packages installed after the base"});
  path("os-packages", "var/lib/dpkg/**", "dpkg's database");
  path("os-packages", "var/log/**", "package manager logs");
  path("os-packages", "etc/**", "configuration");
  r.push_back({"app", "", "", "", L::kCopy, "files added by COPY/ADD"});
  r.push_back({"app", "", "", "", L::kWorkdir, "files made below WORKDIR"});
  r.push_back({"unknown", "**", "", "", L::kAny, "catch-all"});
  return r;
}

int manager_mask(std::string_view m) {
  auto bit = [](Manager x) { return 1 << static_cast<int>(x); };
  if (m.empty()) return 0;
  if (m == "dpkg") return bit(Manager::kDpkg);
  if (m == "apk") return bit(Manager::kApk);
  if (m == "os") return bit(Manager::kDpkg) | bit(Manager::kApk);
  if (m == "python") return bit(Manager::kPython);
  if (m == "npm" || m == "node") return bit(Manager::kNode);
  if (m == "conda") return bit(Manager::kConda);
  return -1;
}

std::string longest_literal(std::string_view glob) {
  std::string best, cur;
  for (char c : glob) {
    if (c == '*' || c == '?' || c == '[' || c == ']') {
      if (cur.size() > best.size()) best = cur;
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (cur.size() > best.size()) best = cur;
  return best;
}

}  // namespace

bool is_build_tool_package(std::string_view name) {
  for (const char* glob : kToolchainPackageGlobs)
    if (glob_match(glob, name)) return true;
  return false;
}

const std::vector<CategoryRule>& builtin_category_rules() {
  static const std::vector<CategoryRule> rules = make_builtin_rules();
  return rules;
}

CategoryTable::CategoryTable(std::vector<CategoryRule> user_rules) {
  for (std::string_view n : kCategoryNames) names_.emplace_back(n);
  rules_ = std::move(user_rules);
  const auto& builtin = builtin_category_rules();
  rules_.insert(rules_.end(), builtin.begin(), builtin.end());
  for (const auto& rule : rules_) {
    if (rule.category.empty()) throw InputError("category rule without a category");
    if (rule.path.empty() && rule.package.empty() && rule.manager.empty() && rule.layers == LayerScope::kAny)
      throw InputError("category rule for '" + rule.category + "' sets no condition (path, package, manager, layers)");
    if (!rule.beside.empty() && rule.path.empty())
      throw InputError("category rule for '" + rule.category + "': 'beside' needs a 'path' too");
    if (!rule.beside.empty() && std::find(beside_names_.begin(), beside_names_.end(), rule.beside) == beside_names_.end())
      beside_names_.push_back(rule.beside);
    Compiled c;
    auto it = std::find(names_.begin(), names_.end(), rule.category);
    if (it == names_.end()) {
      names_.push_back(rule.category);
      it = names_.end() - 1;
    }
    c.category = static_cast<std::uint16_t>(it - names_.begin());
    c.literal = longest_literal(rule.path);
    std::size_t first = rule.path.find_first_of("*?[");
    std::size_t last = rule.path.find_last_of("*?]");
    c.prefix = rule.path.substr(0, first);
    if (last != std::string::npos) c.suffix = rule.path.substr(last + 1);
    if (c.literal == c.prefix || c.literal == c.suffix) c.literal.clear();
    if (rule.path.starts_with("**/") && rule.path.find('/', 3) == std::string::npos &&
        rule.path.find("**", 3) == std::string::npos) {
      c.base_only = true;
      c.base_glob = rule.path.substr(3);
      c.base_prefix = c.base_glob.substr(0, c.base_glob.find_first_of("*?["));
    }
    c.manager_mask = manager_mask(rule.manager);
    if (c.manager_mask < 0)
      throw InputError("category rule for '" + rule.category + "': unknown manager '" + rule.manager +
                       "' (dpkg, apk, os, python, npm, conda)");
    c.unowned_only = rule.package == "[unowned]";
    compiled_.push_back(std::move(c));
    (rule.path.empty() ? pathless_rules_ : path_rules_).push_back(compiled_.size() - 1);
    dir_only_.push_back(rule.path.size() >= 3 && rule.path.ends_with("/**"));
  }
  for (std::size_t i : path_rules_) {
    (dir_only_[i] ? dir_rules_ : file_rules_).push_back(i);
    if (!dir_only_[i]) file_rules_any_.push_back(static_cast<std::uint32_t>(i));
  }
  file_slot_.assign(1 << 16, -1);
  unknown_ = id("unknown");
}

std::uint16_t CategoryTable::id(std::string_view name) const {
  auto it = std::find(names_.begin(), names_.end(), name);
  return static_cast<std::uint16_t>(it - names_.begin());
}

bool CategoryTable::package_matches(std::size_t rule, const FileFacts& f) const {
  if (!f.package) return false;
  if (f.package_id == ~std::uint32_t{0}) return glob_match(rules_[rule].package, f.package->name);
  if (package_cache_.size() < rules_.size()) package_cache_.resize(rules_.size());
  auto& cache = package_cache_[rule];
  if (cache.size() <= f.package_id) cache.resize(f.package_id + 1, 0);
  std::uint8_t& v = cache[f.package_id];
  if (v == 0) v = glob_match(rules_[rule].package, f.package->name) ? 1 : 2;
  return v == 1;
}

bool CategoryTable::conditions_match(std::size_t i, const FileFacts& f) const {
  const CategoryRule& r = rules_[i];
  const Compiled& c = compiled_[i];
  if (r.layers == LayerScope::kBase && !f.base_layer) return false;
  if (r.layers == LayerScope::kCopy && !f.copy_layer) return false;
  if (r.layers == LayerScope::kWorkdir && !f.in_workdir) return false;
  if (c.manager_mask && (!f.package || !(c.manager_mask & (1 << static_cast<int>(f.package->manager)))))
    return false;
  if (c.unowned_only) {
    if (f.package) return false;
  } else if (!r.package.empty() && !package_matches(i, f)) {
    return false;
  }
  if (!r.beside.empty()) {
    if (!f.beside_files) return false;
    std::string_view dir = parent_dir(f.path);
    std::string sibling = dir.empty() ? r.beside : std::string(dir) + "/" + r.beside;
    if (!f.beside_files->contains(sibling)) return false;
  }
  return true;
}

bool CategoryTable::path_matches(std::size_t i, std::string_view path, std::string_view base) const {
  const CategoryRule& r = rules_[i];
  const Compiled& c = compiled_[i];
  if (r.path.empty()) return true;
  if (!path.starts_with(c.prefix) || !path.ends_with(c.suffix)) return false;
  if (c.base_only) {
    return base.starts_with(c.base_prefix) && glob_match(c.base_glob, base);
  }
  // memmem, not string_view::find: libstdc++'s find calls memcmp at every
  // position the first byte matches.
  if (!c.literal.empty() && !::memmem(path.data(), path.size(), c.literal.data(), c.literal.size())) return false;
  return glob_match(r.path, path);
}

bool CategoryTable::rule_matches(std::size_t i, const FileFacts& f) const {
  return conditions_match(i, f) && path_matches(i, f.path, base_name(f.path));
}

const std::vector<std::uint32_t>& CategoryTable::dir_rules_for(std::string_view dir) const {
  if (last_dir_matches_ && last_dir_ == dir) return *last_dir_matches_;
  auto [it, added] = dir_matches_.try_emplace(std::string(dir));
  if (added) {
    // Evaluated on "DIR/_", which a "/**" glob matches exactly when it
    // matches "DIR/<any base name>".
    const std::string probe = dir.empty() ? std::string("_") : std::string(dir) + "/_";
    for (std::size_t i : dir_rules_)
      if (path_matches(i, probe, "_")) it->second.push_back(static_cast<std::uint32_t>(i));
  }
  last_dir_ = dir;
  last_dir_matches_ = &it->second;
  return it->second;
}

const std::vector<std::uint32_t>& CategoryTable::file_rules_for(unsigned char first, unsigned char last) const {
  std::int32_t& slot = file_slot_[std::size_t{first} << 8 | last];
  if (slot < 0) {
    std::vector<std::uint32_t> list;
    for (std::size_t i : file_rules_) {
      const Compiled& c = compiled_[i];
      if (!c.suffix.empty() && static_cast<unsigned char>(c.suffix.back()) != last) continue;
      if (c.base_only && !c.base_prefix.empty() && static_cast<unsigned char>(c.base_prefix[0]) != first) continue;
      list.push_back(static_cast<std::uint32_t>(i));
    }
    slot = static_cast<std::int32_t>(file_lists_.size());
    file_lists_.push_back(std::move(list));
  }
  return file_lists_[static_cast<std::size_t>(slot)];
}

std::size_t CategoryTable::first_pathless_match(const FileFacts& f) const {
  const int flags = (f.base_layer ? 1 : 0) | (f.copy_layer ? 2 : 0) | (f.in_workdir ? 4 : 0);
  const bool cacheable = !f.package || f.package_id != ~std::uint32_t{0};
  std::uint32_t* slot = nullptr;
  if (cacheable) {
    std::size_t key = f.package ? std::size_t{f.package_id} + 1 : 0;
    if (pathless_cache_.size() <= key) pathless_cache_.resize(key + 1, std::array<std::uint32_t, 8>{});
    slot = &pathless_cache_[key][flags];
    if (*slot) return *slot - 1;
  }
  std::size_t found = rules_.size();
  for (std::size_t i : pathless_rules_)
    if (rule_matches(i, f)) {
      found = i;
      break;
    }
  if (slot) *slot = static_cast<std::uint32_t>(found + 1);
  return found;
}

std::uint16_t CategoryTable::classify(const FileFacts& f) const {
  std::size_t limit = first_pathless_match(f);
  for (std::uint32_t i : dir_rules_for(parent_dir(f.path))) {
    if (i >= limit) break;
    if (conditions_match(i, f)) {
      limit = i;
      break;
    }
  }
  const std::string_view base = base_name(f.path);
  const auto& candidates =
      f.path.empty() ? file_rules_any_
                     : file_rules_for(base.empty() ? 0 : static_cast<unsigned char>(base[0]),
                                      static_cast<unsigned char>(f.path.back()));
  for (std::uint32_t i : candidates) {
    if (i >= limit) break;
    if (conditions_match(i, f) && path_matches(i, f.path, base)) return compiled_[i].category;
  }
  return limit < rules_.size() ? compiled_[limit].category : unknown_;
}

}  // namespace ballast::attribution
