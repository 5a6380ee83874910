// The build as BuildKit's dockerfile2llb sees it before running anything:
// global ARGs (before the first FROM) with --build-arg overrides, the stages
// with their expanded base image and platform, the ARG/ENV environment in
// force at each instruction, which stages COPY --from / RUN --mount=from=
// reference, and the final target (--target). Context (COPY sources) and
// python (requirements) read it; lint checks its references.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dockerfile/env.h"
#include "dockerfile/parser.h"

namespace ballast::dockerfile {

using BuildArgs = std::map<std::string, std::string, std::less<>>;

// An ARG declaration (global or in a stage).
struct ArgDecl {
  std::string key;
  std::optional<std::string> default_raw;  // as written after '=', unexpanded
  std::optional<std::string> value;        // effective: --build-arg, else expanded default
  int instruction = -1;                    // index in ParsedDockerfile::instructions
};

// A reference from one stage to another (or to an external image).
struct StageRef {
  enum class Kind { kCopyFrom, kMountFrom };
  Kind kind = Kind::kCopyFrom;
  std::string ref;        // as expanded ("builder", "0", "alpine:3.19")
  int instruction = -1;   // index in ParsedDockerfile::instructions
  int stage = -1;         // resolved stage index; -1: not a stage (an image name),
                          // or a numeric index out of range (see index_error)
  bool by_index = false;  // referenced by number (--from=0)
  bool index_error = false;  // numeric reference outside 0..stages-1
};

struct Stage {
  int index = 0;
  std::string name;           // as written after AS ("Builder"); "" if none
  std::string name_lower;     // how BuildKit matches it (names are case-insensitive)
  std::string base_raw;       // FROM's image argument as written ("${IMAGE}:3.12")
  std::string base;           // expanded with global ARGs + build args
  std::string platform_raw;   // --platform as written
  std::string platform;       // expanded
  std::string base_error;     // expansion error of base/platform ("" if none)
  std::vector<std::string> base_unmatched;  // variables in FROM that are not declared
                                            // (BuildKit's UndefinedArgInFrom)
  int parent = -1;            // the base is an earlier stage (by name): its index
  bool scratch = false;       // FROM scratch
  int from_line = 0;
  int from_instruction = -1;  // index of the FROM in ParsedDockerfile::instructions
  std::vector<int> instructions;  // indexes of the stage's instructions after FROM
  std::vector<Env> env;       // parallel to `instructions`: the ARG/ENV variables
                              // in force when that instruction runs (values expanded).
                              // Variables from a base *image* are unknown and absent;
                              // ENV of a parent *stage* is inherited.
  std::vector<ArgDecl> args;  // ARGs declared in this stage
  std::vector<std::string> copy_from_refs;  // COPY --from and RUN --mount=from= values
  std::vector<StageRef> refs;               // the same, resolved
  bool needed = false;        // the target depends on it (transitively)
};

struct StageModel {
  std::vector<ArgDecl> global_args;  // ARGs before the first FROM
  Env global_env;                    // what FROM lines expand with: BuildKit's
                                     // automatic platform args + global ARGs
  std::vector<Stage> stages;
  int target = -1;                   // the stage built: --target, else the last one
  std::vector<int> before_first_from;  // non-ARG instructions before the first FROM
                                       // (BuildKit rejects these at build time)

  // Stage index by name (case-insensitive) or decimal index; -1 if none.
  int find_stage(std::string_view name_or_index) const;
};

// BuildKit's automatic platform ARGs for a linux/amd64 build: BUILDPLATFORM,
// BUILDOS, BUILDARCH, BUILDVARIANT, TARGETPLATFORM, TARGETOS, TARGETARCH,
// TARGETVARIANT. Available in FROM lines without declaration.
Env automatic_platform_args();

// Throws InputError only when `target` names no stage. Expansion problems are
// recorded on the stage (base_error), never thrown: lint must keep going.
StageModel build_stage_model(const ParsedDockerfile& parsed, const BuildArgs& build_args = {},
                             std::optional<std::string> target = std::nullopt);

}  // namespace ballast::dockerfile
