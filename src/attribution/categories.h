// The category rule table: every stored byte gets exactly one category, by
// the first rule that matches its file (most specific rules first, the
// catch-all "unknown" last). The built-in table is documented in
// docs/attribution.md (a test checks that every rule is); users prepend
// their own rules (ballast analyze --categories FILE, or by API), so theirs
// win over the built-ins.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
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
};

const std::vector<CategoryRule>& builtin_category_rules();

// What a rule is matched against.
struct FileFacts {
  std::string_view path;
  const PackageInfo* package = nullptr;  // nullptr: [unowned]
  bool base_layer = false;
  bool copy_layer = false;
  bool in_workdir = false;
};

// Compiled rules: category ids index names().
class CategoryTable {
 public:
  // `user_rules` are tried before the built-ins. Throws InputError when a
  // rule sets no condition or names an unknown manager.
  explicit CategoryTable(std::vector<CategoryRule> user_rules = {});
  std::uint16_t classify(const FileFacts& facts) const;
  const std::vector<std::string>& names() const { return names_; }
  std::uint16_t id(std::string_view name) const;  // names().size() when absent
  const std::vector<CategoryRule>& rules() const { return rules_; }

 private:
  struct Compiled {
    std::uint16_t category = 0;
    std::string literal;  // longest literal run of the path glob: a cheap pre-filter
    int manager_mask = 0;  // bit per Manager; 0: any
    bool unowned_only = false;
  };
  std::vector<CategoryRule> rules_;
  std::vector<Compiled> compiled_;
  std::vector<std::string> names_;
  std::uint16_t unknown_ = 0;
};

}  // namespace ballast::attribution
