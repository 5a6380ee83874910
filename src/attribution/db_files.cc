#include "attribution/db_files.h"

#include "attribution/node_db.h"
#include "attribution/path_util.h"

namespace ballast::attribution {

DbKind db_kind(std::string_view path) {
  std::string_view base = base_name(path);
  std::string_view dir = parent_dir(path);
  std::string_view dir_name = base_name(dir);
  if (dir_name.ends_with(".dist-info")) {
    if (base == "RECORD") return DbKind::kPyRecord;
    if (base == "METADATA") return DbKind::kPyMetadata;
    if (base == "top_level.txt") return DbKind::kPyTopLevel;
    return DbKind::kNone;
  }
  if (dir_name.ends_with(".egg-info")) {
    if (base == "installed-files.txt") return DbKind::kEggInstalledFiles;
    if (base == "PKG-INFO") return DbKind::kPyMetadata;
    if (base == "top_level.txt") return DbKind::kPyTopLevel;
    if (base == "requires.txt") return DbKind::kEggRequires;
    return DbKind::kNone;
  }
  // distutils and Debian install an egg-info as one PKG-INFO-format file.
  if (base.ends_with(".egg-info")) return DbKind::kPyMetadata;
  if (base == "package.json") return node_package_dir(path) ? DbKind::kNodePackageJson : DbKind::kNone;
  if (dir_name == "conda-meta") return base.ends_with(".json") ? DbKind::kCondaMeta : DbKind::kNone;
  if (path == "var/lib/dpkg/status") return DbKind::kDpkgStatus;
  if (dir == "var/lib/dpkg/info") return base.ends_with(".list") ? DbKind::kDpkgList : DbKind::kNone;
  if (dir == "var/lib/dpkg/status.d")
    return base.ends_with(".md5sums") ? DbKind::kDpkgMd5sums : DbKind::kDpkgStatusD;
  if (path == "lib/apk/db/installed") return DbKind::kApkInstalled;
  if (path == "var/lib/apt/extended_states") return DbKind::kAptExtendedStates;
  if (path == "etc/apk/world") return DbKind::kApkWorld;
  return DbKind::kNone;
}

std::uint64_t db_size_limit(DbKind kind) {
  switch (kind) {
    case DbKind::kNone: return 0;
    case DbKind::kDpkgStatus:
    case DbKind::kAptExtendedStates:
    case DbKind::kApkInstalled:
    case DbKind::kCondaMeta: return 64ull << 20;
    case DbKind::kDpkgList:
    case DbKind::kDpkgMd5sums:
    case DbKind::kPyRecord:
    case DbKind::kEggInstalledFiles: return 16ull << 20;
    case DbKind::kPyMetadata:
    case DbKind::kDpkgStatusD: return 4ull << 20;
    case DbKind::kPyTopLevel:
    case DbKind::kEggRequires:
    case DbKind::kApkWorld:
    case DbKind::kNodePackageJson: return 1ull << 20;
  }
  return 0;
}

ContentKind content_kind(std::string_view path) {
  std::string_view base = base_name(path);
  if (base == ".npmrc" || base == ".pypirc" || base == ".netrc" || base == ".git-credentials" ||
      base == ".dockercfg" || (base == "config.json" && base_name(parent_dir(path)) == ".docker"))
    return ContentKind::kCredentialsConfig;
  if (base.ends_with(".pem") || base.ends_with(".key") || base.starts_with("id_rsa") ||
      base.starts_with("id_dsa") || base.starts_with("id_ecdsa") || base.starts_with("id_ed25519"))
    return ContentKind::kKeyMaterial;
  if (path == "etc/os-release" || path == "usr/lib/os-release") return ContentKind::kOsRelease;
  if (base == "copyright" && parent_dir(parent_dir(path)) == "usr/share/doc") return ContentKind::kDebianCopyright;
  if (base == ".package-lock.json" && base_name(parent_dir(path)) == "node_modules") return ContentKind::kNpmHiddenLockfile;
  // ELF files that matter for size: shared objects and executables in the
  // usual binary directories (modes are not known to the predicate).
  if (base.ends_with(".so") || base.find(".so.") != std::string_view::npos) return ContentKind::kElfCandidate;
  std::string_view dir_name = base_name(parent_dir(path));
  if (dir_name == "bin" || dir_name == "sbin" || dir_name == "libexec") return ContentKind::kElfCandidate;
  return ContentKind::kNone;
}

std::uint64_t content_size_limit(ContentKind kind) {
  switch (kind) {
    case ContentKind::kNone: return 0;
    case ContentKind::kCredentialsConfig:
    case ContentKind::kKeyMaterial:
    case ContentKind::kOsRelease: return 64 * 1024;
    // Most are a few KiB (debian:12's largest, libc6's, is ~25 KiB); all of
    // a Debian base's together are ~1 MiB, kept once per analysis.
    case ContentKind::kDebianCopyright: return 256 * 1024;
    case ContentKind::kElfCandidate: return 16ull << 20;
    // A few hundred bytes per package: 16 MiB holds some 30,000 packages.
    case ContentKind::kNpmHiddenLockfile: return 16ull << 20;
  }
  return 0;
}

bool ContentCapture::operator()(std::string_view path, std::uint64_t size) {
  DbKind db = db_kind(path);
  if (db != DbKind::kNone) return size <= db_size_limit(db);
  ContentKind c = content_kind(path);
  if (c == ContentKind::kNone || size > content_size_limit(c)) return false;
  if (c != ContentKind::kElfCandidate) return true;
  // ELF section headers sit at the end of the file, so the whole file is
  // needed; tiny files are not worth it (and are mostly scripts).
  if (!elf_ || size < 4096) return false;
  std::uint64_t left = budget_.load(std::memory_order_relaxed);
  while (left >= size)
    if (budget_.compare_exchange_weak(left, left - size, std::memory_order_relaxed)) return true;
  skipped_.fetch_add(1, std::memory_order_relaxed);
  return false;
}

std::function<bool(std::string_view, std::uint64_t)> capture_predicate(std::shared_ptr<ContentCapture> state) {
  return [state = std::move(state)](std::string_view path, std::uint64_t size) { return (*state)(path, size); };
}

}  // namespace ballast::attribution
