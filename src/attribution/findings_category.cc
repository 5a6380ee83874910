// Findings about kinds of bytes still visible in the final filesystem:
// caches, build toolchains, docs, tests, static libraries, GPU libraries,
// model weights, and a base image larger than needed.
#include <algorithm>
#include <map>

#include "attribution/finding_builder.h"
#include "attribution/path_util.h"
#include "util/human_bytes.h"

namespace ballast::attribution {
namespace {

using image::EntryRef;

// usr/share/doc/<package>/copyright: the licence text Debian requires every
// package to ship; the docs fix keeps it.
bool is_copyright_file(std::string_view path) {
  return path.starts_with("usr/share/doc/") && base_name(path) == "copyright" &&
         parent_dir(parent_dir(path)) == "usr/share/doc";
}

struct CacheKind {
  const char* id;
  const char* glob;
  const char* root;  // the cache's directory, named in the message
  const char* what;
  const char* fix;
  model::Severity severity;
};

const CacheKind kCaches[] = {
    {"image.cache.pip", "**/.cache/pip/**", ".cache/pip", "pip cache",
     "pip install --no-cache-dir (or RUN --mount=type=cache,target=/root/.cache/pip pip install ...)",
     model::Severity::kWarning},
    {"image.cache.apt-lists", "var/lib/apt/lists/**", "var/lib/apt/lists", "apt package lists",
     "End the RUN that runs apt-get update with && rm -rf /var/lib/apt/lists/* (or RUN "
     "--mount=type=cache,target=/var/lib/apt/lists)",
     model::Severity::kWarning},
    {"image.cache.apt-archives", "var/cache/apt/**", "var/cache/apt", "apt cache (.debs, pkgcache.bin)",
     "apt-get clean in the same RUN as apt-get install (or RUN --mount=type=cache,target=/var/cache/apt)",
     model::Severity::kWarning},
    {"image.cache.apk", "var/cache/apk/**", "var/cache/apk", "apk cache", "apk add --no-cache",
     model::Severity::kWarning},
    {"image.cache.npm", "**/.npm/**", ".npm", "npm cache",
     "npm cache clean --force in the same RUN as npm ci (or RUN --mount=type=cache,target=/root/.npm)",
     model::Severity::kWarning},
    {"image.cache.yarn", "**/.cache/yarn/**", ".cache/yarn", "yarn cache",
     "yarn cache clean in the same RUN as yarn install (or RUN --mount=type=cache,target=/usr/local/share/.cache/yarn)",
     model::Severity::kWarning},
    {"image.cache.go-build", "**/.cache/go-build/**", ".cache/go-build", "go build cache",
     "Build in a builder stage and COPY --from only the binary (or RUN --mount=type=cache,target=/root/.cache/go-build)",
     model::Severity::kWarning},
    {"image.cache.tmp", "tmp/**", "tmp", "files left in /tmp", "Remove temporary files in the RUN that creates them",
     model::Severity::kWarning},
    {"image.cache.pycache", "**/__pycache__/*.pyc", "__pycache__", "Python bytecode caches",
     "If start-up time does not matter: ENV PYTHONDONTWRITEBYTECODE=1 and pip install --no-compile",
     model::Severity::kInfo},
};

std::string cache_root(std::string_view path, const char* root) {
  std::size_t at = path.find(root);
  if (at == std::string_view::npos) return "/" + std::string(parent_dir(path));
  return "/" + std::string(path.substr(0, at + std::string_view(root).size()));
}

// Whether `path` can match any of kCaches: each glob there starts at var/
// or tmp/, or needs a path component starting with '.' (.cache, .npm) or
// '_' (__pycache__). One pass over the components instead of nine
// substring searches for most files (the /usr of an image); keep it true
// for every row added above.
bool may_hold_cache(std::string_view path) {
  if (path.starts_with("var/") || path.starts_with("tmp/")) return true;
  for (std::size_t at = 0; at < path.size();) {
    if (path[at] == '.' || path[at] == '_') return true;
    const std::size_t slash = path.find('/', at);
    if (slash == std::string_view::npos) return false;
    at = slash + 1;
  }
  return false;
}

}  // namespace

void find_caches(const image::ImageModel& m, const Attribution& a, Pending& out) {
  constexpr std::size_t n = std::size(kCaches);
  std::vector<PendingFinding> found(n);
  std::vector<std::map<std::string, std::uint64_t>> roots(n);
  for_each_visible(m, a, [&](EntryRef r, std::string_view path) {
    if (!may_hold_cache(path)) return;
    for (std::size_t k = 0; k < n; ++k) {
      if (path.find(kCaches[k].root) == std::string_view::npos || !glob_match(kCaches[k].glob, path)) continue;
      std::uint64_t size = m.entry(r).size;
      found[k].items.push_back({r, size});
      roots[k][cache_root(path, kCaches[k].root)] += size;
      break;
    }
  });
  for (std::size_t k = 0; k < n; ++k) {
    PendingFinding& p = found[k];
    if (p.items.empty()) continue;
    std::vector<std::pair<std::uint64_t, std::string>> rs;
    for (auto& [root, b] : roots[k]) rs.push_back({b, root});
    std::sort(rs.rbegin(), rs.rend());
    for (std::size_t i = 0; i < rs.size() && i < 10; ++i) p.fixed_paths.push_back(rs[i].second);
    p.finding.id = kCaches[k].id;
    p.finding.severity = kCaches[k].severity;
    p.finding.message = std::string(kCaches[k].what) + " left in the image: " + human_bytes(total(p)) + " in " +
                        p.fixed_paths.front() + (rs.size() > 1 ? " and " + std::to_string(rs.size() - 1) + " more" : "") +
                        ", from " + where(m, p);
    p.finding.fix = kCaches[k].fix;
    out.push_back(std::move(p));
  }
}

void find_by_category(const image::ImageModel& m, const Attribution& a, Pending& out) {
  const CategoryTable& cats = *a.categories;
  const std::uint16_t toolchain = cats.id("build-toolchain"), docs = cats.id("docs"), tests = cats.id("tests"),
                      gpu = cats.id("gpu-libs"), models = cats.id("ml-models");
  PendingFinding tc, dc, ts, st, gp, ml;
  std::map<std::string, std::uint64_t> tc_packages, gpu_packages;
  for_each_visible(m, a, [&](EntryRef r, std::string_view path) {
    std::uint16_t c = a.category[r.layer][r.entry];
    std::uint64_t size = m.entry(r).size;
    bool base = r.layer < a.base_layers;
    const Package* pkg = a.package_of(r);
    if (c == toolchain && !base) {
      tc.items.push_back({r, size});
      // Only OS packages that are tools: a runtime package is never advised
      // to move to a builder stage.
      if (pkg && pkg->info.manager != Manager::kPython && pkg->info.manager != Manager::kNode &&
          pkg->info.manager != Manager::kConda && is_build_tool_package(pkg->info.name))
        tc_packages[pkg->info.name] += size;
    }
    // Docs the fix can drop: those installed after the base (path-exclude
    // acts on later installs; deleting base files frees nothing), minus
    // the copyright files the fix keeps.
    if (c == docs && !base && !is_copyright_file(path)) dc.items.push_back({r, size});
    if (c == tests) ts.items.push_back({r, size});
    if (c == gpu) {
      gp.items.push_back({r, size});
      gpu_packages[pkg ? pkg->label : std::string("[unowned]")] += size;
    }
    if (c == models) ml.items.push_back({r, size});
    if (path.ends_with(".a") && !base) st.items.push_back({r, size});
  });
  auto top_names = [](const std::map<std::string, std::uint64_t>& sizes, std::size_t n) {
    std::vector<std::pair<std::uint64_t, std::string>> v;
    for (auto& [name, b] : sizes) v.push_back({b, name});
    std::sort(v.rbegin(), v.rend());
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < n; ++i) s += (i ? " " : "") + v[i].second;
    return s;
  };
  if (!tc.items.empty()) {
    std::string names = top_names(tc_packages, 8);
    tc.finding.id = "image.build-toolchain";
    tc.finding.severity = model::Severity::kWarning;
    tc.finding.message = "build toolchain in the final image: " + human_bytes(total(tc)) +
                         (names.empty() ? std::string(" of headers and static libraries")
                                        : " (" + names + ")") +
                         ", from " + where(m, tc);
    tc.finding.fix = "Use a multi-stage build: install " + (names.empty() ? std::string("the compilers") : names) +
                     " in a builder stage, build wheels/binaries there and COPY --from only the results "
                     "(or apt-get purge --auto-remove them in the same RUN)";
    out.push_back(std::move(tc));
  }
  if (!dc.items.empty()) {
    dc.finding.id = "image.docs";
    dc.finding.severity = model::Severity::kInfo;
    dc.finding.message = "documentation, man pages and translations: " + human_bytes(total(dc));
    dc.finding.fix = "Before apt-get install, add /etc/dpkg/dpkg.cfg.d/excludes with path-exclude=/usr/share/doc/*, "
                     "path-include=/usr/share/doc/*/copyright, path-exclude=/usr/share/man/*, "
                     "path-exclude=/usr/share/locale/* (copyright files stay: licences require them), or remove "
                     "the same paths in the RUN that installs the packages";
    out.push_back(std::move(dc));
  }
  if (!ts.items.empty()) {
    ts.finding.id = "image.package-tests";
    ts.finding.severity = model::Severity::kInfo;
    ts.finding.message = "test suites inside installed packages: " + human_bytes(total(ts)) + ", from " + where(m, ts);
    ts.finding.fix = "In the RUN that installs the packages, delete their tests/ and test/ folders, e.g. find "
                     "/usr/local/lib/python3*/site-packages -type d \\( -name tests -o -name test \\) -prune "
                     "-exec rm -rf {} + (and the same under node_modules), after checking the app never imports "
                     "from them";
    out.push_back(std::move(ts));
  }
  if (!st.items.empty()) {
    st.finding.id = "image.static-libraries";
    st.finding.severity = model::Severity::kInfo;
    st.finding.message = std::to_string(st.items.size()) + " static libraries (.a): " + human_bytes(total(st)) +
                         "; nothing links against them at run time";
    st.finding.fix = "Build in a builder stage, or delete *.a in the same RUN that installs them";
    out.push_back(std::move(st));
  }
  if (!gp.items.empty()) {
    bool gpu_intended = false;
    for (const auto& e : m.config.env)
      if (e.starts_with("NVIDIA_VISIBLE_DEVICES=") || e.starts_with("CUDA_VERSION=")) gpu_intended = true;
    gp.finding.id = "image.gpu-libraries";
    gp.finding.severity = gpu_intended ? model::Severity::kInfo : model::Severity::kWarning;
    gp.finding.message = "GPU libraries (CUDA, cuDNN, cuBLAS, NCCL): " + human_bytes(total(gp)) + " in " +
                         top_names(gpu_packages, 5) +
                         (gpu_intended ? " (the image is configured for NVIDIA GPUs)" : "");
    gp.finding.fix = "If the image never runs on a GPU, install CPU wheels: pip install torch --index-url "
                     "https://download.pytorch.org/whl/cpu (no CUDA, cuDNN or NCCL)";
    out.push_back(std::move(gp));
  }
  if (!ml.items.empty()) {
    ml.finding.id = "image.model-weights";
    ml.finding.severity = model::Severity::kWarning;
    ml.finding.message = std::to_string(ml.items.size()) + " model weight files baked into the image: " +
                         human_bytes(total(ml)) + ", from " + where(m, ml);
    ml.finding.fix = "Mount the weights at run time (a volume or docker run -v) or download them on start, and "
                     "keep them out of the build context (.dockerignore)";
    out.push_back(std::move(ml));
  }
}

void find_base_image(const image::ImageModel& m, const Attribution& a, Pending& out) {
  if (a.base_layers <= 0 || a.base_layers >= static_cast<int>(m.layers.size())) return;
  const CategoryTable& cats = *a.categories;
  const std::uint16_t toolchain = cats.id("build-toolchain"), docs = cats.id("docs");
  PendingFinding p;
  std::uint64_t tc = 0, dc = 0, base = 0;
  for_each_visible(m, a, [&](EntryRef r, std::string_view) {
    if (r.layer >= a.base_layers) return;
    std::uint16_t c = a.category[r.layer][r.entry];
    std::uint64_t size = m.entry(r).size;
    base += size;
    if (c == toolchain) tc += size;
    if (c == docs) dc += size;
    if (c == toolchain || c == docs) p.items.push_back({r, size});
  });
  // A base with a compiler is a "full" variant (buildpack-deps: python:3.x,
  // node:x, golang...); a -slim variant ships neither compilers nor docs.
  if (tc < (8ull << 20)) return;
  p.finding.id = "image.base-image";
  p.finding.severity = model::Severity::kWarning;
  p.finding.message = "the base image (" + std::to_string(a.base_layers) + " layers, " + human_bytes(base) +
                      ") ships a build toolchain (" + human_bytes(tc) + ") and docs (" + human_bytes(dc) +
                      ") the application does not run with";
  p.finding.fix = "Use the -slim variant of the base image (python:3.x-slim, node:x-slim, debian:12-slim) or a "
                  "distroless/alpine one, and build in a separate stage from the full image";
  out.push_back(std::move(p));
}

}  // namespace ballast::attribution
