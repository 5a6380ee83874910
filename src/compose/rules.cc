#include "compose/rules.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>

#include "lint/image_ref.h"
#include "lint/lint_input.h"
#include "lint/rule.h"
#include "lint/rule_util.h"
#include "util/human_bytes.h"

namespace ballast::compose {
namespace fs = std::filesystem;

namespace {

struct Reporter {
  std::vector<model::Finding> out;

  model::Finding& report(std::string_view id, const std::string& service, const Node& at, std::string message,
                         std::string fix) {
    const lint::RuleInfo* rule = lint::find_rule(id);
    model::Finding f;
    f.id = std::string(id);
    f.severity = rule ? rule->severity : model::Severity::kWarning;
    f.message = message.empty() && rule ? std::string(rule->message) : std::move(message);
    f.fix = std::move(fix);
    f.paths.push_back(service);
    f.location = model::SourceLocation{at.file ? *at.file : "", at.def_line(), 1, 0};
    out.push_back(std::move(f));
    return out.back();
  }
};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> components(const std::string& path) {
  std::vector<std::string> out;
  for (const auto& part : fs::path(path)) {
    std::string p = part.string();
    if (!p.empty() && p != "/") out.push_back(lower(p));
  }
  return out;
}

bool any_component(const std::string& path, std::initializer_list<std::string_view> names) {
  for (const auto& c : components(path)) {
    for (auto n : names) {
      if (c == n) return true;
    }
  }
  return false;
}

// Directories that hold read-mostly artefacts: models and data sets.
bool model_or_data_name(const std::string& path, bool with_data) {
  if (any_component(path, {"models", "model", "weights", "datasets", "dataset", "pretrained"})) return true;
  return with_data && any_component(path, {"data"});
}

// Images that write the directories mounted into them (databases, stores, notebooks, trackers).
bool writes_its_mounts(const std::string& image, const std::string& service) {
  static constexpr std::array<std::string_view, 30> kStores = {
      "postgres", "mysql", "mariadb", "mongo", "redis", "valkey", "elasticsearch", "opensearch", "minio",
      "rabbitmq", "influxdb", "clickhouse", "cassandra", "neo4j", "zookeeper", "kafka", "etcd", "couchdb",
      "qdrant", "weaviate", "milvus", "chroma", "grafana", "prometheus", "loki", "jupyter", "mlflow",
      "ollama", "localai", "label-studio"};
  std::string haystack = lower(image) + " " + lower(service);
  return std::any_of(kStores.begin(), kStores.end(),
                     [&](std::string_view s) { return haystack.find(s) != std::string::npos; });
}

std::vector<std::string> words_of(const Node* n) {
  std::vector<std::string> out;
  if (!n) return out;
  if (n->is_scalar()) {
    std::string w;
    for (char c : n->scalar) {
      if (c == ' ' || c == '\t') {
        if (!w.empty()) out.push_back(w);
        w.clear();
      } else {
        w += c;
      }
    }
    if (!w.empty()) out.push_back(w);
  } else if (n->is_seq()) {
    for (const auto& i : n->seq) {
      if (i.is_scalar()) out.push_back(i.scalar);
    }
  }
  return out;
}

// A sign the service writes below `target`: a cache/output-like variable or
// a training/download-like command naming the path.
bool writes_below(const Node& service, const std::string& target) {
  static constexpr std::array<std::string_view, 16> kWriteWords = {
      "OUTPUT", "OUT", "SAVE", "CACHE", "LOG", "LOGS", "UPLOAD", "WRITE", "EXPORT", "DUMP", "CHECKPOINT",
      "DOWNLOAD", "HOME", "TMP", "STATE", "DB"};
  if (const Node* env = service.get("environment"); env && env->is_map()) {
    for (const auto& [k, v] : env->map) {
      if (!v.is_scalar() || v.scalar.find(target) == std::string::npos) continue;
      std::string key = k;
      for (auto& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      for (auto w : kWriteWords) {
        if (key.find(w) != std::string::npos) return true;
      }
    }
  }
  for (const char* key : {"command", "entrypoint"}) {
    for (const auto& w : words_of(service.get(key))) {
      std::string lw = lower(w);
      for (std::string_view verb : {"train", "download", "convert", "export", "quantize", "fine-tune", "finetune",
                                    "pull", "sync", "cp", "mv", "rsync", "wget", "curl"}) {
        if (lw == verb || lw.find(std::string(verb) + ".") != std::string::npos ||
            lw.find(std::string(verb) + "_") != std::string::npos) {
          return true;
        }
      }
    }
  }
  return false;
}

bool is_numeric_or_bool(const std::string& v) {
  if (v.empty()) return true;
  std::string l = lower(v);
  if (l == "true" || l == "false" || l == "yes" || l == "no" || l == "on" || l == "off") return true;
  return std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool one_shot(const Project& project, const Service& svc) {
  const Node& s = *svc.node;
  std::string restart = s.str("restart");
  if (restart == "no" || restart.starts_with("on-failure")) return true;
  if (const Node* deploy = s.get("deploy"); deploy && deploy->is_map()) {
    if (const Node* rp = deploy->get("restart_policy"); rp && rp->is_map()) {
      std::string c = rp->str("condition");
      if (c == "none" || c == "on-failure") return true;
    }
  }
  if (const Node* p = s.get("profiles"); p && p->is_seq()) {
    for (const auto& item : p->seq) {
      std::string name = lower(item.scalar);
      for (std::string_view job : {"tools", "tool", "job", "jobs", "cli", "test", "tests", "debug", "setup",
                                   "init", "migrate", "migrations", "admin", "oneshot", "one-shot", "manual"}) {
        if (name == job) return true;
      }
    }
  }
  // An init job: another service waits for it to complete.
  for (const auto& other : project.services) {
    const Node* dep = other.node->get("depends_on");
    if (!dep || !dep->is_map()) continue;
    if (const Node* d = dep->get(svc.name); d && d->is_map() && d->str("condition") == "service_completed_successfully") {
      return true;
    }
  }
  return false;
}

std::uint64_t dir_bytes(const fs::path& dir) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code e2;
    if (it->is_regular_file(e2) && !it->is_symlink(e2)) total += it->file_size(e2);
  }
  return total;
}

// The Dockerfile's final image has a HEALTHCHECK (other than NONE): Compose inherits it.
bool image_has_healthcheck(const BuildFacts& b) {
  if (!b.parsed || !b.model) return false;
  static const lint::Config kDefaults;
  lint::LintInput input(*b.parsed, *b.model, kDefaults, nullptr);
  auto chain = input.final_chain();
  if (chain.empty()) return false;
  bool has = false;
  for (int i : input.chain_instructions(chain.back())) {
    const auto& inst = input.inst(i);
    if (inst.keyword != "healthcheck") continue;
    has = !(inst.args.size() == 1 && lower(inst.args[0]) == "none");
  }
  return has;
}

void check_shadowed_copies(const Service& svc, const BuildFacts& b, Reporter& r) {
  if (!b.parsed || !b.model || svc.volumes.empty()) return;
  static const lint::Config kDefaults;
  lint::LintInput input(*b.parsed, *b.model, kDefaults, nullptr);
  auto chain = input.final_chain();
  if (chain.empty()) return;
  std::vector<std::string> reported;
  for (int i : input.chain_instructions(chain.back())) {
    const auto& inst = input.inst(i);
    if ((inst.keyword != "copy" && inst.keyword != "add") || dockerfile::flag_value(inst, "from")) continue;
    if (!inst.heredocs.empty()) continue;
    std::string dest = input.resolve(i, input.copy_destination(i));
    for (const auto& v : svc.volumes) {
      if (v.target.empty() || !v.target.starts_with('/')) continue;
      std::string target = lint::normalise_path(v.target);
      if (std::find(reported.begin(), reported.end(), target) != reported.end()) continue;
      for (const auto& src : input.copy_sources(i)) {
        if (src.find_first_of("*?[") != std::string::npos || src.find("://") != std::string::npos) continue;
        fs::path src_dir = fs::path(b.context) / src;
        std::error_code ec;
        if (!fs::is_directory(src_dir, ec)) continue;
        fs::path hidden;
        if (lint::path_within(target, dest)) {
          // The mount hides part of what was copied: the context's src/<rel>.
          std::string rel = target == dest ? "" : target.substr(dest == "/" ? 1 : dest.size() + 1);
          hidden = rel.empty() ? src_dir : src_dir / rel;
          if (!model_or_data_name(target, true)) continue;
        } else if (lint::path_within(dest, target)) {
          hidden = src_dir;  // everything copied lands below the mount
          if (!model_or_data_name(target, true) && !model_or_data_name(dest, true)) continue;
        } else {
          continue;
        }
        if (!fs::is_directory(hidden, ec)) continue;
        std::string rel_ctx = fs::relative(hidden, b.context, ec).lexically_normal().string();
        if (rel_ctx == ".") rel_ctx = "";
        if (!rel_ctx.empty() && b.context_info.is_excluded && b.context_info.is_excluded(rel_ctx)) continue;
        std::uint64_t bytes = dir_bytes(hidden);
        if (bytes == 0) continue;
        auto& f = r.report("BA6009", svc.name, *v.node,
                           "service \"" + svc.name + "\": " + b.dockerfile + ":" + std::to_string(inst.start_line) +
                               " copies " + (rel_ctx.empty() ? std::string("the context") : rel_ctx + "/") + " (" +
                               human_bytes(bytes) + ") into the image at " + target +
                               ", where this volume mounts over it",
                           "add " + (rel_ctx.empty() ? std::string("the directory") : rel_ctx + "/") +
                               " to .dockerignore (the volume provides it at run time)");
        f.bytes_saved = bytes;
        f.paths.push_back(target);
        reported.push_back(target);
        break;
      }
    }
  }
}

}  // namespace

std::vector<model::Finding> compose_rules(const Project& project, const std::vector<BuildFacts>& builds) {
  Reporter r;
  for (std::size_t si = 0; si < project.services.size(); ++si) {
    const Service& svc = project.services[si];
    const Node& s = *svc.node;
    const std::string& name = svc.name;
    const Node* build = s.get("build");
    const BuildFacts* facts = si < builds.size() ? &builds[si] : nullptr;

    if (const Node* p = s.get("privileged"); p && p->truthy()) {
      r.report("BA6001", name, *p, "service \"" + name + "\" runs privileged: every capability, every host device",
               "drop privileged; add only the capabilities it needs (cap_add) or the devices (devices:)");
    }
    if (const Node* n = s.get("network_mode"); n && n->is_scalar() && n->scalar == "host") {
      r.report("BA6002", name, *n, "service \"" + name + "\" uses the host's network stack (network_mode: host)",
               "publish the ports it serves (ports:) on the default network");
    }
    for (const auto& v : svc.volumes) {
      std::string src = lint::normalise_path(v.source), dst = lint::normalise_path(v.target);
      if (src == "/var/run/docker.sock" || src == "/run/docker.sock" || dst == "/var/run/docker.sock" ||
          dst == "/run/docker.sock") {
        r.report("BA6003", name, *v.node,
                 "service \"" + name + "\" mounts the Docker socket: root on the host (:ro does not limit the API)",
                 "use a socket proxy that allows only the API calls it needs, or drop the mount");
      }
    }
    if (const Node* env = s.get("environment"); env && env->is_map()) {
      for (const auto& [k, v] : env->map) {
        if (!v.is_scalar() || !lint::is_secret_key(k)) continue;
        if (v.raw.find('$') != std::string::npos) continue;  // comes from the environment or .env
        if (is_numeric_or_bool(v.scalar) || v.scalar.starts_with('/')) continue;
        r.report("BA6004", name, v,
                 "service \"" + name + "\": environment variable \"" + k + "\" has its value in the compose file",
                 k + ": ${" + k + "} (set in the shell or an untracked .env), or a Compose secret (secrets:)");
      }
    }
    if (const Node* img = s.get("image"); img && img->is_scalar() && !build && !img->scalar.empty()) {
      if (auto ref = lint::parse_image_ref(img->scalar); ref && ref->digest.empty()) {
        if (ref->tag.empty()) {
          r.report("BA6005", name, *img,
                   "service \"" + name + "\": image \"" + img->scalar + "\" has no tag (it means :latest)",
                   "pin a version tag (or a digest): " + img->scalar + ":<version>");
        } else if (ref->tag == "latest") {
          r.report("BA6005", name, *img, "service \"" + name + "\": image \"" + img->scalar + "\" uses :latest",
                   "pin a version tag (or a digest)");
        }
      }
    }
    const Node* hc = s.get("healthcheck");
    if (!hc && !one_shot(project, svc) && !(facts && image_has_healthcheck(*facts))) {
      r.report("BA6006", name, s,
               "service \"" + name + "\" runs without a healthcheck: depends_on and restarts cannot tell it is ready",
               "healthcheck: {test: [\"CMD\", \"...\"], interval: 30s} (or HEALTHCHECK in its Dockerfile)");
    }
    if (build && build->is_map() && !build->get("cache_from")) {
      r.report("BA6007", name, *build,
               "service \"" + name + "\" builds without build.cache_from: CI rebuilds every layer",
               "build: {cache_from: [type=registry,ref=<image>:cache], cache_to: [...]}");
    }
    std::string image = s.str("image");
    if (!writes_its_mounts(image, name)) {
      for (const auto& v : svc.volumes) {
        if (v.type != "bind" || v.read_only || v.source.empty()) continue;
        if (!model_or_data_name(v.target, false) && !model_or_data_name(v.source, false)) continue;
        if (any_component(v.target, {"cache", "caches", "output", "outputs", "checkpoints", "logs", "uploads",
                                     "tmp"})) {
          continue;
        }
        if (writes_below(s, lint::normalise_path(v.target))) continue;
        r.report("BA6008", name, *v.node,
                 "service \"" + name + "\" mounts " + v.target + " read-write; nothing in the service writes it",
                 "append :ro (" + v.target + ":ro) or read_only: true");
      }
    }
    if (facts) check_shadowed_copies(svc, *facts, r);
  }
  return r.out;
}

}  // namespace ballast::compose
