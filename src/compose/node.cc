#include "compose/node.h"

#include <yaml-cpp/yaml.h>

#include "util/error.h"

namespace ballast::compose {

const Node* Node::get(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  for (const auto& [k, v] : map) {
    if (k == key) return &v;
  }
  return nullptr;
}

Node* Node::get(std::string_view key) {
  return const_cast<Node*>(static_cast<const Node*>(this)->get(key));
}

Node& Node::set(std::string key, Node value) {
  kind = Kind::kMap;
  for (auto& [k, v] : map) {
    if (k == key) return v = std::move(value);
  }
  map.emplace_back(std::move(key), std::move(value));
  return map.back().second;
}

void Node::erase(std::string_view key) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first == key) {
      map.erase(it);
      return;
    }
  }
}

std::string Node::str(std::string_view key) const {
  const Node* n = get(key);
  return n && n->is_scalar() ? n->scalar : std::string();
}

bool Node::truthy() const {
  if (!is_scalar()) return false;
  for (const char* t : {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"}) {
    if (scalar == t) return true;
  }
  return false;
}

std::string Node::where() const {
  return (file ? *file : std::string("<compose>")) + ":" + std::to_string(def_line());
}

void Node::fail(const std::string& what) const { throw InputError(where() + ": " + what); }

Node make_node(Node::Kind kind, const Node& where) {
  Node n;
  n.kind = kind;
  n.file = where.file;
  n.base_dir = where.base_dir;
  n.line = where.line;
  return n;
}

Node make_scalar(std::string value, const Node& where) {
  Node n = make_node(Node::Kind::kScalar, where);
  n.raw = value;
  n.scalar = std::move(value);
  return n;
}

namespace {

// Aliases are expanded into copies: a "billion laughs" file would expand
// without end, so the tree is capped (Compose files have thousands of nodes).
constexpr std::size_t kMaxNodes = 1'000'000;

Node convert(const YAML::Node& y, const std::shared_ptr<const std::string>& file,
             const std::shared_ptr<const std::string>& base_dir, int depth, std::size_t& count) {
  Node n;
  n.file = file;
  n.base_dir = base_dir;
  n.line = y.Mark().is_null() ? 0 : y.Mark().line + 1;
  if (depth > 200) n.fail("YAML nested too deeply");
  if (y.Tag() == "!reset") n.merge_tag = Node::MergeTag::kReset;
  if (y.Tag() == "!override") n.merge_tag = Node::MergeTag::kOverride;
  if (++count > kMaxNodes) n.fail("more than 1000000 YAML values once aliases are expanded");
  switch (y.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      n.kind = Node::Kind::kNull;
      break;
    case YAML::NodeType::Scalar:
      n.kind = Node::Kind::kScalar;
      n.raw = n.scalar = y.Scalar();
      break;
    case YAML::NodeType::Sequence:
      n.kind = Node::Kind::kSeq;
      for (const auto& item : y) n.seq.push_back(convert(item, file, base_dir, depth + 1, count));
      break;
    case YAML::NodeType::Map: {
      n.kind = Node::Kind::kMap;
      std::vector<Node> merges;
      for (const auto& kv : y) {
        if (!kv.first.IsScalar()) {
          Node k = convert(kv.first, file, base_dir, depth + 1, count);
          k.fail("mapping keys must be strings");
        }
        std::string key = kv.first.Scalar();
        Node value = convert(kv.second, file, base_dir, depth + 1, count);
        value.key_line = kv.first.Mark().is_null() ? value.line : kv.first.Mark().line + 1;
        if (value.is_null() || value.line == 0) value.line = value.key_line;
        if (key == "<<" && kv.first.Tag() != "!") {
          if (value.is_map()) {
            merges.push_back(std::move(value));
          } else if (value.is_seq()) {
            for (auto& m : value.seq) {
              if (!m.is_map()) m.fail("a `<<` merge key takes a mapping or a list of mappings");
              merges.push_back(std::move(m));
            }
          } else {
            value.fail("a `<<` merge key takes a mapping or a list of mappings");
          }
          continue;
        }
        n.set(key, std::move(value));
      }
      // YAML merge keys: keys written in the mapping win, then earlier merged mappings.
      for (auto& m : merges) {
        for (auto& [k, v] : m.map) {
          if (!n.get(k)) n.map.emplace_back(k, std::move(v));
        }
      }
      break;
    }
  }
  return n;
}

}  // namespace

Node parse_yaml(const std::string& text, const std::string& file, const std::string& base_dir) {
  auto f = std::make_shared<const std::string>(file);
  auto d = std::make_shared<const std::string>(base_dir);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(file + ":" + std::to_string(e.mark.is_null() ? 0 : e.mark.line + 1) + ": malformed YAML: " +
                     e.msg);
  }
  std::size_t count = 0;
  return convert(root, f, d, 0, count);
}

}  // namespace ballast::compose
