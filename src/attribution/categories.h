// The category rule table: every stored byte gets exactly one category, by
// the first rule that matches its file (most specific rules first, the
// catch-all "unknown" last). The built-in table is documented in
// docs/attribution.md (a test checks that every rule is); users prepend
// their own rules (ballast analyze --categories FILE, or by API), so theirs
// win over the built-ins.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "attribution/package.h"

namespace ballast::attribution {

// Built-in category names, in report order.
inline constexpr std::string_view kCategoryNames[] = {
    "os-base",     "os-packages", "language-runtime", "python-packages", "node-modules", "app",
    "caches",      "build-toolchain", "docs",         "ml-models",       "gpu-libs",     "tests",
    "unknown"};

// Which layers a rule applies to.
enum class LayerScope : std::uint8_t {
  kAny,
  kBase,  // the base image's layers (AttributionOptions::base_layers)
  kCopy,  // layers made by COPY/ADD after the base
  kWorkdir,  // below the image's WORKDIR (when it is not "/"), after the base
};

// A rule matches when every condition it sets holds.
struct CategoryRule {
  std::string category;
  std::string path;      // glob over the image path (path_util.h glob_match); empty: any
  std::string package;   // glob over the owning package's name; "[unowned]": no owner; empty: any
  std::string manager;   // "dpkg", "apk", "os" (dpkg or apk), "python", "npm", "conda"; empty: any
  LayerScope layers = LayerScope::kAny;
  std::string why;       // one line for the docs table
  // A file of this name must sit in the same directory ("config.json": a
  // Hugging Face model directory); empty: any. Needs a path condition too.
  std::string beside;
};

const std::vector<CategoryRule>& builtin_category_rules();

// A compiler, linker or -dev package (gcc-12, binutils, libc6-dev...): what
// the build-toolchain finding may advise to install in a builder stage.
bool is_build_tool_package(std::string_view name);

// What a rule is matched against.
struct FileFacts {
  std::string_view path;
  const PackageInfo* package = nullptr;  // nullptr: [unowned]
  // An id for `package` that stays the same for the table's lifetime, so the
  // package conditions are evaluated once per package (~0u: don't cache).
  std::uint32_t package_id = ~std::uint32_t{0};
  bool base_layer = false;
  bool copy_layer = false;
  bool in_workdir = false;
  // Paths of the image's regular files whose base name some rule's `beside`
  // names (CategoryTable::beside_names()); nullptr: none known.
  const std::unordered_set<std::string>* beside_files = nullptr;
};

// Compiled rules: category ids index names(). classify() caches package
// matches, so one table must not be shared between threads.
class CategoryTable {
 public:
  // `user_rules` are tried before the built-ins. Throws InputError when a
  // rule sets no condition or names an unknown manager.
  explicit CategoryTable(std::vector<CategoryRule> user_rules = {});
  std::uint16_t classify(const FileFacts& facts) const;
  const std::vector<std::string>& names() const { return names_; }
  std::uint16_t id(std::string_view name) const;  // names().size() when absent
  const std::vector<CategoryRule>& rules() const { return rules_; }
  // The base names `beside` conditions ask about, for FileFacts::beside_files.
  const std::vector<std::string>& beside_names() const { return beside_names_; }

 private:
  struct Compiled {
    std::uint16_t category = 0;
    // Cheap pre-filters from the path glob: the path must start with
    // `prefix` (the literal before the first wildcard), end with `suffix`
    // (the literal after the last one) and contain `literal` (the longest
    // literal run), before the glob itself is tried.
    std::string prefix;
    std::string suffix;
    std::string literal;
    // "**/NAME" with no '/' in NAME: it matches exactly the paths whose base
    // name matches NAME ('*', '?' and classes never match '/'), so only the
    // base name is globbed, after `base_prefix` (NAME's literal start).
    bool base_only = false;
    std::string base_glob;
    std::string base_prefix;
    int manager_mask = 0;  // bit per Manager; 0: any
    bool unowned_only = false;
  };
  std::vector<CategoryRule> rules_;
  bool package_matches(std::size_t rule, const FileFacts& f) const;
  // A rule matches when its conditions other than the path glob hold
  // (layers, manager, package, beside) and its path glob matches.
  bool conditions_match(std::size_t rule, const FileFacts& f) const;
  // `base` is base_name(path), taken once per file.
  bool path_matches(std::size_t rule, std::string_view path, std::string_view base) const;
  bool rule_matches(std::size_t rule, const FileFacts& f) const;
  // The first rule without a path condition that matches: it depends only
  // on the package and the layer flags, so it is cached per (package, flags).
  std::size_t first_pathless_match(const FileFacts& f) const;
  // The dir-only rules whose glob matches files of `dir`, in rule order.
  const std::vector<std::uint32_t>& dir_rules_for(std::string_view dir) const;
  // The file rules a path with this base name's first byte and this last
  // byte can match, in rule order (built on first use).
  const std::vector<std::uint32_t>& file_rules_for(unsigned char first, unsigned char last) const;

  std::vector<Compiled> compiled_;
  // Per package id: 0 unknown, 1 matches, 2 does not (rules with a package glob).
  mutable std::vector<std::vector<std::uint8_t>> package_cache_;
  std::vector<std::size_t> path_rules_;      // indexes of rules with a path glob, in order
  // Path rules whose glob ends in "/**": they only see the file's
  // directory, so which of them match a directory is computed once per
  // directory (a layer has far fewer directories than files, and tar order
  // interleaves a directory's files with its subdirectories).
  std::vector<bool> dir_only_;
  std::vector<std::size_t> dir_rules_;  // their indexes, in order
  mutable std::unordered_map<std::string, std::vector<std::uint32_t>> dir_matches_;
  mutable std::string last_dir_;
  mutable const std::vector<std::uint32_t>* last_dir_matches_ = nullptr;
  // The other path rules, by (first byte of the base name, last byte of the
  // path): a rule is listed when its suffix ends in that last byte (or it
  // has none) and, for "**/NAME" rules, its base prefix starts with that
  // first byte (or is empty). Built lazily: an image meets a few hundred
  // of the 65536 pairs. `file_rules_any_`: every file rule, for the empty path.
  std::vector<std::size_t> file_rules_;
  mutable std::vector<std::int32_t> file_slot_;  // [first << 8 | last] -> index in file_lists_, -1: not built
  mutable std::vector<std::vector<std::uint32_t>> file_lists_;
  std::vector<std::uint32_t> file_rules_any_;
  std::vector<std::size_t> pathless_rules_;  // the others
  // [package id + 1 (0: unowned)][layer flags] -> rule index + 1 (0: not computed).
  mutable std::vector<std::array<std::uint32_t, 8>> pathless_cache_;
  std::vector<std::string> names_;
  std::vector<std::string> beside_names_;
  std::uint16_t unknown_ = 0;
};

}  // namespace ballast::attribution
