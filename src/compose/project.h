// A Compose project: the files given with `-f` (or one auto-detected by name)
// read, interpolated (.env next to the first file, then the process
// environment over it), merged as `docker compose` merges them, `extends`
// resolved, and the services of inactive profiles dropped. docs/compose.md
// has the rules; every value keeps the file and line it was written on.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "compose/interpolate.h"
#include "compose/node.h"

namespace ballast::compose {

struct ProjectOptions {
  std::vector<std::string> files;          // -f, in order; the first is the base file
  std::vector<std::string> profiles;       // --profile (COMPOSE_PROFILES adds to them)
  std::optional<Environment> environment;  // unset: the process environment
};

// A volume of a service, short or long syntax.
struct Volume {
  std::string type;    // "bind", "volume", "tmpfs", ...
  std::string source;  // bind: absolute path; volume: its name ("" anonymous)
  std::string target;
  bool read_only = false;
  const Node* node = nullptr;  // where it was written
};

struct Service {
  std::string name;
  const Node* node = nullptr;  // the merged service mapping
  std::vector<Volume> volumes;
};

struct Project {
  std::string project_dir;         // absolute
  std::vector<std::string> files;  // as given
  Environment env;                 // .env + process environment
  std::vector<std::string> profiles;
  Node root;                       // the merged model, inactive services removed
  std::vector<Service> services;   // in name order, pointing into root

  Project() = default;
  Project(const Project&) = delete;
  Project& operator=(const Project&) = delete;
  Project(Project&&) = default;
};

// compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml (and
// their `.override` companions).
bool is_compose_file_name(std::string_view path);

// Throws InputError naming file:line for bad input (malformed YAML, a
// service that is not a mapping, `${VAR:?err}` unset, an `extends` cycle, a
// missing file).
Project load_project(const ProjectOptions& options);

// The merged model as JSON: {"services": {name: {...}}, "volumes", "networks",
// ...}: scalars as strings, environment/labels/build.args as objects,
// build as an object with an absolute context, volumes in long syntax.
nlohmann::json project_to_json(const Project& project);

// Short or long volume syntax; bind sources made absolute against the node's base directory.
Volume parse_volume(const Node& node);

}  // namespace ballast::compose
