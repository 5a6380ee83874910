// A Compose file's YAML as a small tree that remembers where each value was
// written (file and 1-based line), so findings and errors point at
// `compose.yml:LINE` after interpolation, merging and `extends`. Scalars keep
// the text as written (`raw`) beside the interpolated value.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ballast::compose {

struct Node {
  enum class Kind { kNull, kScalar, kSeq, kMap };
  Kind kind = Kind::kNull;
  std::string scalar;  // interpolated value
  std::string raw;     // as written, before interpolation
  std::vector<Node> seq;
  std::vector<std::pair<std::string, Node>> map;  // in file order
  std::shared_ptr<const std::string> file;        // where written
  // The directory relative paths of this value resolve against: the project
  // directory for `-f` files, the extended file's directory for `extends.file`.
  std::shared_ptr<const std::string> base_dir;
  int line = 0;
  int key_line = 0;  // for a mapping's value: the line of its key (0 otherwise)
  // The specification's merge tags: `!reset` removes the value from what is
  // merged, `!override` replaces it instead of merging.
  enum class MergeTag { kNone, kReset, kOverride };
  MergeTag merge_tag = MergeTag::kNone;

  // The line that defines this value: its key's line when it has one.
  int def_line() const { return key_line ? key_line : line; }
  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_seq() const { return kind == Kind::kSeq; }
  bool is_map() const { return kind == Kind::kMap; }

  const Node* get(std::string_view key) const;
  Node* get(std::string_view key);
  // Adds (or replaces) a key, keeping the order.
  Node& set(std::string key, Node value);
  void erase(std::string_view key);
  // The scalar of `key` ("" when absent or not a scalar).
  std::string str(std::string_view key) const;
  // A plain YAML boolean true (true/True/TRUE; yes/on too, as YAML 1.1 and 1.29 read them).
  bool truthy() const;

  std::string where() const;  // "file:line"
  [[noreturn]] void fail(const std::string& what) const;  // InputError "file:line: what"
};

// Parses YAML text (one document) into a Node; `<<` merge keys are applied.
// Throws InputError "file:line: ..." on malformed YAML.
Node parse_yaml(const std::string& text, const std::string& file, const std::string& base_dir);

// An empty node of `kind` at where's file and line,
// so that rewritten forms still point at what the user wrote.
Node make_node(Node::Kind kind, const Node& where);
Node make_scalar(std::string value, const Node& where);

}  // namespace ballast::compose
