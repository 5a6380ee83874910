// `RUN --mount=...` specifications, read as BuildKit's instructions/bflag +
// runmount parser does: comma-separated CSV fields `key=value`, keys
// case-insensitive, `type` defaulting to bind. Lint needs them for cache mounts
// (apt/pip/npm caches that do not end up in a layer); the stage model for
// `from=` references.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dockerfile/instruction.h"

namespace ballast::dockerfile {

struct Mount {
  std::string type = "bind";  // bind | cache | tmpfs | secret | ssh
  std::string target;         // target= / dst= / destination=
  std::string source;         // source= / src=
  std::string from;           // from= (a stage name, stage index or image)
  std::string id;             // id=
  std::string sharing;        // sharing= (cache: shared | private | locked)
  std::string mode, uid, gid, env, size;
  bool readonly = false;      // ro / readonly / rw=false
  bool required = false;      // required (secret/ssh)
  std::vector<std::pair<std::string, std::string>> extra;  // any other key, lower-cased
};

// Parses one --mount value (without the "--mount=" prefix). Throws
// ballast::InputError on a malformed spec (unterminated quote, unknown type).
Mount parse_mount(std::string_view spec);

// All mounts of a RUN instruction (of its ONBUILD inner one too).
std::vector<Mount> mounts(const Instruction& inst);

}  // namespace ballast::dockerfile
