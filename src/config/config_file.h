// .ballast.yaml, found and parsed once: the file nearest a directory (it or
// its nearest parent holds .ballast.yaml or .ballast.yml, like
// .editorconfig), checked as a whole against the schema (schema.h) so an
// unknown section or key is an InputError naming `file:line` (with a "did
// you mean" hint) whichever command reads it. Commands read the values of
// their own section through Section and Value, which carry the line each
// value was written on for their own error messages.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace YAML {
class Node;
}

namespace ballast::config {

// One value of the file and where it was written.
class Value {
 public:
  Value(std::shared_ptr<const YAML::Node> node, std::shared_ptr<const std::string> file);

  std::string where() const;  // "file:line"
  int line() const;           // 1-based; 0 when unknown
  // InputError "file:line: what".
  [[noreturn]] void fail(const std::string& what) const;

  bool is_null() const;
  bool is_scalar() const;
  bool is_list() const;
  bool is_map() const;

  // Each fails with "`name` must be ..." when the value has another shape.
  std::string string(std::string_view name) const;
  std::vector<std::string> string_list(std::string_view name) const;  // a scalar is a list of one
  std::uint64_t count(std::string_view name) const;
  bool boolean(std::string_view name) const;
  std::vector<std::pair<Value, Value>> entries(std::string_view name) const;  // of a mapping
  std::vector<Value> items(std::string_view name) const;                      // of a list

  const std::string& file() const { return *file_; }

 private:
  std::shared_ptr<const YAML::Node> node_;
  std::shared_ptr<const std::string> file_;
};

// One command's section; its keys are known to the schema.
class Section {
 public:
  Section(std::string name, std::vector<std::pair<std::string, Value>> keys) : name_(std::move(name)), keys_(std::move(keys)) {}
  const std::string& name() const { return name_; }
  std::optional<Value> get(std::string_view key) const;
  // In file order.
  const std::vector<std::pair<std::string, Value>>& keys() const { return keys_; }

 private:
  std::string name_;
  std::vector<std::pair<std::string, Value>> keys_;
};

class ConfigFile {
 public:
  ConfigFile() = default;  // no file: every section absent

  // Both throw InputError "file:line: ..." on bad YAML or a key the schema does not know.
  static ConfigFile parse(std::string_view yaml_text, const std::string& source);
  static ConfigFile load(const std::filesystem::path& path);

  const std::string& path() const { return path_; }  // "" when there is no file
  std::optional<Section> section(std::string_view name) const;

 private:
  std::string path_;
  std::vector<Section> sections_;
};

// nullopt when neither `start_dir` nor any parent holds one.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start_dir);

// What every command does: the file given (--config), else none when
// disabled (--no-config), else the one found upward from `start_dir`.
ConfigFile resolve_config(const std::string& explicit_path, bool disabled, const std::filesystem::path& start_dir);

}  // namespace ballast::config
