#include "config/config_file.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "config/schema.h"
#include "util/error.h"

namespace ballast::config {
namespace {

std::string where_of(const std::string& file, const YAML::Node& node) {
  if (node.Mark().line < 0) return file;
  return file + ":" + std::to_string(node.Mark().line + 1);
}

std::string joined(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

std::string did_you_mean(std::string_view name, std::span<const std::string_view> known) {
  std::string_view best = closest(name, known);
  return best.empty() ? std::string() : "did you mean '" + std::string(best) + "'?";
}

}  // namespace

Value::Value(std::shared_ptr<const YAML::Node> node, std::shared_ptr<const std::string> file)
    : node_(std::move(node)), file_(std::move(file)) {}

std::string Value::where() const { return where_of(*file_, *node_); }

int Value::line() const { return node_->Mark().line + 1; }

void Value::fail(const std::string& what) const { throw InputError(where() + ": " + what); }

bool Value::is_null() const { return node_->IsNull(); }
bool Value::is_scalar() const { return node_->IsScalar(); }
bool Value::is_list() const { return node_->IsSequence(); }
bool Value::is_map() const { return node_->IsMap(); }

std::string Value::string(std::string_view name) const {
  if (!node_->IsScalar()) fail(std::string(name) + " must be a string");
  return node_->Scalar();
}

std::vector<std::string> Value::string_list(std::string_view name) const {
  std::vector<std::string> out;
  if (node_->IsScalar()) {
    out.push_back(node_->Scalar());
  } else if (node_->IsSequence()) {
    for (const auto& item : *node_) {
      if (!item.IsScalar()) Value(std::make_shared<YAML::Node>(item), file_).fail(std::string(name) + " must be a list of strings");
      out.push_back(item.Scalar());
    }
  } else if (!node_->IsNull()) {
    fail(std::string(name) + " must be a list of strings");
  }
  return out;
}

std::uint64_t Value::count(std::string_view name) const {
  const std::string text = node_->IsScalar() ? node_->Scalar() : "";
  std::uint64_t n = 0;
  bool ok = !text.empty() && text.size() <= 18;
  for (char c : text) {
    if (c < '0' || c > '9') ok = false;
    else n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!ok) fail(std::string(name) + ": expected a number (0 or more), not '" + text + "'");
  return n;
}

bool Value::boolean(std::string_view name) const {
  // YAML 1.2 core schema booleans.
  const std::string text = node_->IsScalar() ? node_->Scalar() : "";
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  fail(std::string(name) + " must be true or false, not '" + text + "'");
}

std::vector<std::pair<Value, Value>> Value::entries(std::string_view name) const {
  std::vector<std::pair<Value, Value>> out;
  if (node_->IsNull()) return out;
  if (!node_->IsMap()) fail(std::string(name) + " must be a mapping");
  for (const auto& kv : *node_)
    out.emplace_back(Value(std::make_shared<YAML::Node>(kv.first), file_),
                     Value(std::make_shared<YAML::Node>(kv.second), file_));
  return out;
}

std::vector<Value> Value::items(std::string_view name) const {
  std::vector<Value> out;
  if (node_->IsNull()) return out;
  if (!node_->IsSequence()) fail(std::string(name) + " must be a list");
  for (const auto& item : *node_) out.emplace_back(std::make_shared<YAML::Node>(item), file_);
  return out;
}

std::optional<Value> Section::get(std::string_view key) const {
  for (const auto& [k, v] : keys_)
    if (k == key) return v;
  return std::nullopt;
}

ConfigFile ConfigFile::parse(std::string_view yaml_text, const std::string& source) {
  ConfigFile out;
  out.path_ = source;
  auto file = std::make_shared<const std::string>(source);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw InputError(source + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg);
  }
  if (root.IsNull()) return out;
  if (!root.IsMap()) throw InputError(where_of(source, root) + ": expected a mapping of sections at the top level");

  std::vector<std::string_view> section_names;
  for (const SectionSpec& s : sections()) section_names.push_back(s.name);
  try {
    for (const auto& entry : root) {
      const std::string name = entry.first.Scalar();
      const SectionSpec* spec = find_section(name);
      if (spec == nullptr)
        throw InputError(where_of(source, entry.first) + ": unknown section '" + name + "' (" + joined(section_names) + ")",
                         did_you_mean(name, section_names));
      const YAML::Node& body = entry.second;
      std::vector<std::pair<std::string, Value>> keys;
      if (!body.IsNull() && !body.IsMap()) throw InputError(where_of(source, body) + ": '" + name + "' must be a mapping");
      std::vector<std::string_view> key_names;
      for (const KeySpec& k : spec->keys) key_names.push_back(k.name);
      if (body.IsMap()) {
        for (const auto& kv : body) {
          const std::string key = kv.first.Scalar();
          if (find_key(*spec, key) == nullptr) {
            std::string known = key_names.empty() ? "none yet" : joined(key_names);
            throw InputError(where_of(source, kv.first) + ": " + name + "." + key + ": unknown key (" + known + ")",
                             did_you_mean(key, key_names));
          }
          keys.emplace_back(key, Value(std::make_shared<YAML::Node>(kv.second), file));
        }
      }
      out.sections_.emplace_back(name, std::move(keys));
    }
  } catch (const YAML::Exception& e) {
    throw InputError(source + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return out;
}

ConfigFile ConfigFile::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot read the configuration file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path.string());
}

std::optional<Section> ConfigFile::section(std::string_view name) const {
  for (const Section& s : sections_)
    if (s.name() == name) return s;
  return std::nullopt;
}

std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start_dir) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start_dir, ec).lexically_normal();
  if (ec) return std::nullopt;
  if (dir.has_parent_path() && !dir.has_filename()) dir = dir.parent_path();  // "/a/b/" -> "/a/b"
  while (true) {
    for (const char* name : {".ballast.yaml", ".ballast.yml"}) {
      auto candidate = dir / name;
      if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

ConfigFile resolve_config(const std::string& explicit_path, bool disabled, const std::filesystem::path& start_dir) {
  if (!explicit_path.empty()) return ConfigFile::load(explicit_path);
  if (disabled) return {};
  if (auto found = find_config_file(start_dir)) return ConfigFile::load(*found);
  return {};
}

}  // namespace ballast::config
