// Which image paths are package databases (and other files whose contents
// later checks read), and how large they may be before ballast refuses to
// keep them in memory. The capture predicate handed to analyze_image() is
// built from this, so the databases come out of the same single pass over
// the layers as everything else.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

namespace ballast::attribution {

enum class DbKind : std::uint8_t {
  kNone,
  kDpkgStatus,       // var/lib/dpkg/status
  kDpkgStatusD,      // var/lib/dpkg/status.d/<name> (distroless)
  kDpkgMd5sums,      // var/lib/dpkg/status.d/<name>.md5sums
  kDpkgList,         // var/lib/dpkg/info/<name>.list
  kApkInstalled,     // lib/apk/db/installed
  kPyRecord,         // *.dist-info/RECORD
  kPyMetadata,       // *.dist-info/METADATA, *.egg-info/PKG-INFO, a *.egg-info file (Debian's)
  kPyTopLevel,       // *.dist-info/top_level.txt, *.egg-info/top_level.txt
  kEggInstalledFiles,  // *.egg-info/installed-files.txt
  kEggRequires,      // *.egg-info/requires.txt (an egg's Requires-Dist)
  kNodePackageJson,  // node_modules/<name>/package.json
  kCondaMeta,        // conda-meta/*.json
  kAptExtendedStates,  // var/lib/apt/extended_states (which packages are auto-installed)
  kApkWorld,         // etc/apk/world (what the user asked apk for)
};

// Names what the predicate keeps, for the layer cache: bump it whenever
// db_kind(), content_kind() or their size limits change, so that entries
// made under older rules are not used.
inline constexpr const char* kCaptureRules = "attribution-2";

DbKind db_kind(std::string_view path);
// Largest file of each kind that is read; larger ones are reported, not read.
std::uint64_t db_size_limit(DbKind kind);

// Other files whose contents checks read (secrets.h, elf_debug.h), and the
// Debian copyright files whose License: fields the SBOM reports (sbom/licenses.h).
enum class ContentKind : std::uint8_t {
  kNone,
  kCredentialsConfig,
  kKeyMaterial,
  kOsRelease,
  kElfCandidate,
  kDebianCopyright,  // usr/share/doc/<package>/copyright
  kNpmHiddenLockfile,  // <dir>/node_modules/.package-lock.json (findings_node.cc: devDependencies)
};
ContentKind content_kind(std::string_view path);
std::uint64_t content_size_limit(ContentKind kind);

struct CaptureOptions {
  // Keep ELF candidates for the unstripped-binaries check. Off by default:
  // reading them costs ~30% of analyze time on a /usr-like image
  // (docs/benchmarks.md#attribution); `ballast analyze --elf` turns it on.
  bool elf = false;
  std::uint64_t elf_budget = 64ull << 20;  // bytes of ELF candidates kept per analysis, in total
};

// The state behind the AnalyzeOptions::capture predicate. Thread-safe
// (layers are read in parallel); the ELF budget is shared by all layers, so
// which candidates fit is only deterministic while it is not exhausted.
class ContentCapture {
 public:
  explicit ContentCapture(const CaptureOptions& options)
      : elf_(options.elf), budget_(options.elf ? options.elf_budget : 0) {}
  bool operator()(std::string_view path, std::uint64_t size);
  bool elf_enabled() const { return elf_; }
  // ELF candidates that were skipped for lack of budget.
  std::uint64_t elf_skipped() const { return skipped_.load(); }

 private:
  bool elf_;
  std::atomic<std::uint64_t> budget_;
  std::atomic<std::uint64_t> skipped_{0};
};

// A predicate for AnalyzeOptions::capture that shares `state`.
std::function<bool(std::string_view, std::uint64_t)> capture_predicate(std::shared_ptr<ContentCapture> state);

}  // namespace ballast::attribution
