#include "compose/project.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "util/error.h"

extern char** environ;

namespace ballast::compose {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxComposeBytes = 16 * 1024 * 1024;

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw InputError(path + ": is a directory, not a Compose file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the Compose file (no such file?)");
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  if (text.size() > kMaxComposeBytes) throw InputError(path + ": too large for a Compose file");
  return text;
}

Environment process_environment() {
  Environment env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    auto eq = kv.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    env[std::string(kv.substr(0, eq))] = std::string(kv.substr(eq + 1));
  }
  return env;
}

bool is_url_context(std::string_view c) {
  return c.find("://") != std::string_view::npos || c.starts_with("git@") || c.starts_with("github.com/");
}

std::string absolute_from(const std::string& base, const std::string& path) {
  std::string p = path.empty() ? "." : path;
  if (p == "~" || p.starts_with("~/")) {
    if (const char* home = std::getenv("HOME")) p = std::string(home) + p.substr(1);
  }
  fs::path r = (fs::path(p).is_absolute() ? fs::path(p) : fs::path(base) / p).lexically_normal();
  std::string s = r.string();
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// "K=V" / "K" list entries -> a mapping (K: V, K: null); mappings kept.
void list_to_map(Node& n, char sep = '=') {
  if (!n.is_seq()) return;
  Node m = make_node(Node::Kind::kMap, n);
  for (const auto& item : n.seq) {
    if (!item.is_scalar()) item.fail("expected a \"KEY=VALUE\" string");
    auto eq = item.scalar.find(sep);
    if (eq == std::string::npos) {
      m.set(item.scalar, make_node(Node::Kind::kNull, item));
    } else {
      Node v = make_scalar(item.scalar.substr(eq + 1), item);
      auto raw_eq = item.raw.find(sep);
      v.raw = raw_eq == std::string::npos ? v.scalar : item.raw.substr(raw_eq + 1);
      m.set(item.scalar.substr(0, eq), std::move(v));
    }
  }
  n = std::move(m);
}

void seq_to_names_map(Node& n, const char* value_key = nullptr) {
  if (!n.is_seq()) return;
  Node m = make_node(Node::Kind::kMap, n);
  for (const auto& item : n.seq) {
    if (!item.is_scalar()) item.fail("expected a name");
    Node v = make_node(Node::Kind::kNull, item);
    if (value_key) {
      v.kind = Node::Kind::kMap;
      v.set("condition", make_scalar(value_key, item));
    }
    m.set(item.scalar, std::move(v));
  }
  n = std::move(m);
}

// The forms that mean the same thing made one, so files merge key by key.
void normalise_service(const std::string& name, Node& s) {
  if (!s.is_map()) s.fail("service \"" + name + "\" must be a mapping");
  for (const char* key : {"environment", "labels", "annotations", "sysctls"}) {
    if (Node* n = s.get(key)) list_to_map(*n);
  }
  if (Node* b = s.get("build")) {
    if (b->is_scalar()) {
      Node m = make_node(Node::Kind::kMap, *b);
      Node c = *b;
      c.key_line = 0;
      m.set("context", std::move(c));
      *b = std::move(m);
    } else if (!b->is_map()) {
      b->fail("service \"" + name + "\": build must be a string or a mapping");
    }
    for (const char* key : {"args", "labels"}) {
      if (Node* n = b->get(key)) list_to_map(*n);
    }
  }
  if (Node* d = s.get("depends_on")) seq_to_names_map(*d, "service_started");
  if (Node* n = s.get("networks")) seq_to_names_map(*n);
  if (Node* dep = s.get("deploy"); dep && dep->is_map()) {
    if (Node* l = dep->get("labels")) list_to_map(*l);
  }
}

void normalise_file(Node& root, const std::string& file) {
  if (root.is_null()) return;
  if (!root.is_map()) root.fail("a Compose file must be a mapping");
  Node* services = root.get("services");
  if (!services || services->is_null()) return;
  if (!services->is_map()) services->fail("`services` must be a mapping");
  for (auto& [name, s] : services->map) normalise_service(name, s);
}

bool same_scalar(const Node& a, const Node& b) { return a.is_scalar() && b.is_scalar() && a.scalar == b.scalar; }

std::string volume_key(const Node& n) {
  if (n.is_map()) return n.str("target");
  if (!n.is_scalar()) return {};
  std::string s = n.scalar;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto colon = s.find(':', start);
    parts.push_back(s.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return parts.size() == 1 ? parts[0] : parts[1];
}

std::string source_key(const Node& n) { return n.is_map() ? n.str("source") : n.is_scalar() ? n.scalar : ""; }

void merge_into(Node& base, const Node& over, const std::string& path);

// Sequence items unique by key: an override entry replaces the base entry with its key in place.
void merge_unique(Node& base, const Node& over, std::string (*key)(const Node&)) {
  for (const auto& item : over.seq) {
    std::string k = key(item);
    auto it = std::find_if(base.seq.begin(), base.seq.end(),
                           [&](const Node& b) { return !k.empty() && key(b) == k; });
    if (it != base.seq.end()) {
      *it = item;
    } else {
      base.seq.push_back(item);
    }
  }
}

void merge_into(Node& base, const Node& over, const std::string& path) {
  if (over.is_null() && !base.is_null() && (base.is_map() || base.is_seq())) return;
  if (base.is_map() && over.is_map()) {
    for (const auto& [k, v] : over.map) {
      std::string sub = path.empty() ? k : path + "." + k;
      Node* existing = base.get(k);
      if (v.merge_tag == Node::MergeTag::kReset) {
        base.erase(k);
        continue;
      }
      if (v.merge_tag == Node::MergeTag::kOverride) {
        base.set(k, v);
        continue;
      }
      bool replace = sub == "service.command" || sub == "service.entrypoint" || sub == "service.profiles" ||
                     sub == "service.healthcheck.test" || sub == "service.build.dockerfile_inline";
      if (!existing || replace) {
        base.set(k, v);
      } else if (path == "service" && (k == "volumes" || k == "devices") && existing->is_seq() && v.is_seq()) {
        merge_unique(*existing, v, volume_key);
      } else if (path == "service" && (k == "secrets" || k == "configs") && existing->is_seq() && v.is_seq()) {
        merge_unique(*existing, v, source_key);
      } else {
        merge_into(*existing, v, sub);
      }
    }
    return;
  }
  if (base.is_seq() && over.is_seq()) {
    for (const auto& item : over.seq) {
      bool dup = std::any_of(base.seq.begin(), base.seq.end(), [&](const Node& b) { return same_scalar(b, item); });
      if (!dup) base.seq.push_back(item);
    }
    return;
  }
  base = over;
}

void merge_service(Node& base, const Node& over) { merge_into(base, over, "service"); }

void merge_file(Node& root, const Node& file) {
  if (file.is_null()) return;
  if (root.is_null()) {
    root = file;
    return;
  }
  for (const auto& [k, v] : file.map) {
    Node* existing = root.get(k);
    if (v.merge_tag == Node::MergeTag::kReset) {
      root.erase(k);
    } else if (!existing || v.merge_tag == Node::MergeTag::kOverride) {
      root.set(k, v);
    } else if (k == "services" && existing->is_map() && v.is_map()) {
      for (const auto& [name, s] : v.map) {
        if (s.merge_tag == Node::MergeTag::kReset) {
          existing->erase(name);
        } else if (Node* es = existing->get(name); es && s.merge_tag != Node::MergeTag::kOverride) {
          merge_service(*es, s);
        } else {
          existing->set(name, s);
        }
      }
    } else {
      merge_into(*existing, v, k);
    }
  }
}

struct Loader {
  Environment env;
  std::map<std::string, Node> extended_files;  // absolute path -> interpolated, normalised root

  Node load_file(const std::string& path, const std::string& base_dir) {
    Node root = parse_yaml(read_file(path), path, base_dir);
    interpolate_tree(root, env);
    normalise_file(root, path);
    return root;
  }

  const Node& extended_file(const std::string& path) {
    std::string abs = fs::absolute(path).lexically_normal().string();
    auto it = extended_files.find(abs);
    if (it == extended_files.end()) {
      it = extended_files.emplace(abs, load_file(path, fs::path(abs).parent_path().string())).first;
    }
    return it->second;
  }

  // The service `name` of `root` with its extends chain applied.
  Node resolve(const Node& root, const std::string& file_key, const std::string& name,
               std::vector<std::string>& stack, const Node* at) {
    std::string key = file_key + "#" + name;
    const Node* services = root.get("services");
    const Node* s = services ? services->get(name) : nullptr;
    if (!s) {
      if (at) at->fail("extends: no service \"" + name + "\" in " + file_key);
      throw InputError(file_key + ": no service \"" + name + "\"");
    }
    if (std::find(stack.begin(), stack.end(), key) != stack.end()) {
      std::string chain;
      for (const auto& k : stack) chain += k.substr(k.find('#') + 1) + " -> ";
      (at ? *at : *s).fail("extends cycle: " + chain + name);
    }
    const Node* ext = s->get("extends");
    if (!ext) return *s;
    stack.push_back(key);
    std::string base_name, file;
    if (ext->is_scalar()) {
      base_name = ext->scalar;
    } else if (ext->is_map()) {
      base_name = ext->str("service");
      file = ext->str("file");
      if (base_name.empty()) ext->fail("extends: `service` is required");
    } else {
      ext->fail("extends must be a service name or a mapping");
    }
    Node base;
    if (file.empty()) {
      base = resolve(root, file_key, base_name, stack, ext);
    } else {
      std::string path = absolute_from(ext->base_dir ? *ext->base_dir : ".", file);
      std::error_code ec;
      if (!fs::exists(path, ec)) ext->fail("extends: " + file + ": no such file");
      const Node& other = extended_file(path);
      std::string abs = fs::absolute(path).lexically_normal().string();
      base = resolve(other, abs, base_name, stack, ext);
    }
    stack.pop_back();
    Node local = *s;
    local.erase("extends");
    base.erase("extends");
    merge_service(base, local);
    base.line = s->line;
    base.file = s->file;
    return base;
  }
};

void finalise_service(Node& s, const Environment& env) {
  if (Node* e = s.get("environment"); e && e->is_map()) {
    for (auto& [k, v] : e->map) {
      if (v.is_null()) {
        if (auto it = env.find(k); it != env.end()) {
          Node line_of = v;
          v = make_scalar(it->second, line_of);
        }
      }
    }
  }
  if (Node* b = s.get("build"); b && b->is_map()) {
    // An arg written without a value takes the environment's value (else stays unset).
    if (Node* args = b->get("args"); args && args->is_map()) {
      for (auto& [k, v] : args->map) {
        if (auto it = env.find(k); v.is_null() && it != env.end()) {
          Node line_of = v;
          v = make_scalar(it->second, line_of);
        }
      }
    }
    std::string base = b->base_dir ? *b->base_dir : ".";
    Node* c = b->get("context");
    if (!c) c = &b->set("context", make_scalar(".", *b));
    if (c->is_scalar() && !is_url_context(c->scalar)) c->scalar = absolute_from(base, c->scalar);
  }
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

nlohmann::json node_json(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kNull: return nullptr;
    case Node::Kind::kScalar: return n.scalar;
    case Node::Kind::kSeq: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& i : n.seq) a.push_back(node_json(i));
      return a;
    }
    case Node::Kind::kMap: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& [k, v] : n.map) o[k] = node_json(v);
      return o;
    }
  }
  return nullptr;
}

}  // namespace

bool is_compose_file_name(std::string_view path) {
  std::string_view name = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  for (std::string_view n : {"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml",
                             "compose.override.yaml", "compose.override.yml", "docker-compose.override.yml",
                             "docker-compose.override.yaml"}) {
    if (name == n) return true;
  }
  return false;
}

Volume parse_volume(const Node& n) {
  Volume v;
  v.node = &n;
  std::string base = n.base_dir ? *n.base_dir : ".";
  if (n.is_map()) {
    v.type = n.str("type");
    v.source = n.str("source");
    v.target = n.str("target");
    if (const Node* ro = n.get("read_only")) v.read_only = ro->truthy();
    if (v.type == "bind" && !v.source.empty()) v.source = absolute_from(base, v.source);
    return v;
  }
  if (!n.is_scalar()) n.fail("a volume must be a string or a mapping");
  std::vector<std::string> parts;
  std::size_t start = 0;
  const std::string& s = n.scalar;
  while (true) {
    auto colon = s.find(':', start);
    parts.push_back(s.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  if (parts.size() == 1) {
    v.type = "volume";
    v.target = parts[0];
    return v;
  }
  v.source = parts[0];
  v.target = parts[1];
  if (parts.size() >= 3) {
    for (const auto& opt : split_commas(parts[2])) {
      if (opt == "ro") v.read_only = true;
    }
  }
  bool path = v.source.starts_with('.') || v.source.starts_with('/') || v.source.starts_with('~');
  v.type = path ? "bind" : "volume";
  if (path) v.source = absolute_from(base, v.source);
  return v;
}

Project load_project(const ProjectOptions& options) {
  if (options.files.empty()) throw InputError("no Compose file given");
  Project project;
  project.files = options.files;
  const std::string& first = options.files.front();
  std::error_code ec;
  if (!fs::exists(first, ec)) throw InputError(first + ": no such Compose file");
  project.project_dir = fs::absolute(first).parent_path().lexically_normal().string();
  if (project.project_dir.size() > 1 && project.project_dir.back() == '/') project.project_dir.pop_back();

  Loader loader;
  // .env next to the first file, the process environment over it.
  std::string dotenv = project.project_dir + "/.env";
  if (fs::is_regular_file(dotenv, ec)) loader.env = parse_env_file(read_file(dotenv), dotenv);
  for (const auto& [k, v] : options.environment ? *options.environment : process_environment()) loader.env[k] = v;

  Node merged;
  for (const auto& f : options.files) {
    if (!fs::exists(f, ec)) throw InputError(f + ": no such Compose file");
    Node root = loader.load_file(f, project.project_dir);
    // extends within each file, before the files are merged (compose-go's
    // phase 6 then 7; docker-compose 1.29 alike).
    if (Node* services = root.get("services"); services && services->is_map()) {
      Node resolved = *services;
      for (auto& [name, s] : resolved.map) {
        std::vector<std::string> stack;
        s = loader.resolve(root, f, name, stack, nullptr);
      }
      *services = std::move(resolved);
    }
    merge_file(merged, root);
  }
  if (merged.is_null()) {
    merged.kind = Node::Kind::kMap;
    merged.file = std::make_shared<const std::string>(first);
  }
  if (Node* services = merged.get("services"); services && services->is_map()) {
    for (auto& [name, s] : services->map) finalise_service(s, loader.env);
  }

  project.profiles = options.profiles;
  if (auto it = loader.env.find("COMPOSE_PROFILES"); it != loader.env.end()) {
    for (auto& p : split_commas(it->second)) project.profiles.push_back(p);
  }
  bool all_profiles = std::find(project.profiles.begin(), project.profiles.end(), "*") != project.profiles.end();
  if (Node* services = merged.get("services"); services && services->is_map()) {
    auto& m = services->map;
    m.erase(std::remove_if(m.begin(), m.end(),
                           [&](const auto& kv) {
                             const Node* p = kv.second.get("profiles");
                             if (!p || !p->is_seq() || p->seq.empty() || all_profiles) return false;
                             for (const auto& item : p->seq) {
                               if (std::find(project.profiles.begin(), project.profiles.end(), item.scalar) !=
                                   project.profiles.end()) {
                                 return false;
                               }
                             }
                             return true;
                           }),
            m.end());
    std::sort(m.begin(), m.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  project.env = std::move(loader.env);
  project.root = std::move(merged);
  if (const Node* services = project.root.get("services"); services && services->is_map()) {
    for (const auto& [name, s] : services->map) {
      Service svc;
      svc.name = name;
      svc.node = &s;
      if (const Node* vols = s.get("volumes"); vols && vols->is_seq()) {
        for (const auto& v : vols->seq) svc.volumes.push_back(parse_volume(v));
      }
      project.services.push_back(std::move(svc));
    }
  }
  return project;
}

nlohmann::json project_to_json(const Project& project) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : project.root.map) {
    if (k == "services") continue;
    j[k] = node_json(v);
  }
  nlohmann::json services = nlohmann::json::object();
  for (const auto& s : project.services) {
    nlohmann::json o = node_json(*s.node);
    if (!s.volumes.empty()) {
      nlohmann::json vols = nlohmann::json::array();
      for (const auto& v : s.volumes) {
        vols.push_back({{"type", v.type}, {"source", v.source}, {"target", v.target}, {"read_only", v.read_only}});
      }
      o["volumes"] = vols;
    }
    services[s.name] = o;
  }
  j["services"] = services;
  j["project_dir"] = project.project_dir;
  j["profiles"] = project.profiles;
  return j;
}

}  // namespace ballast::compose
