// Everything the rules read, computed once per Dockerfile: the parse, the
// stage model, each RUN split into shell commands (shell form, `sh -c` exec
// form and shell heredoc bodies) with its mounts, which stages end up in the
// final image, and the WORKDIR in force at each instruction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/mount.h"
#include "dockerfile/parser.h"
#include "dockerfile/stages.h"
#include "lint/config.h"
#include "lint/context_info.h"
#include "lint/invocation.h"
#include "dockerfile/shell_split.h"

namespace ballast::lint {

struct RunInfo {
  std::vector<dockerfile::ShellCommand> commands;    // every simple command, heredoc bodies included
  std::vector<Invocation> invocations;   // parallel to `commands`
  std::vector<dockerfile::Mount> mounts;
  std::string script;                    // the shell text (shell form or heredoc bodies)

  // A cache or tmpfs mount whose target is `path` or one of its parents: what
  // is written there never reaches the layer.
  bool cache_covers(std::string_view path) const;
  bool runs(std::string_view program, std::string_view sub = {}) const;
  // Any `rm` command (from the `from`-th simple command on) whose operand is
  // `path`, below it, or a glob of it. A cleanup only counts when it runs
  // after what fills the cache, so rules pass the filling command's index.
  bool removes(std::string_view path, std::size_t from = 0) const;
};

struct LintInput {
  const dockerfile::ParsedDockerfile& parsed;
  const dockerfile::StageModel& model;
  const Config& config;
  const ContextInfo* context = nullptr;

  std::vector<std::optional<RunInfo>> runs;  // by instruction index; set for RUN
  std::vector<int> stage_of;                 // by instruction index; -1 before the first FROM
  std::vector<std::string> workdir;          // by instruction index: WORKDIR in force ("/" default)
  std::vector<bool> in_final_image;          // by stage: the target or one of its parent stages
  std::vector<int> root_stage;               // by stage: the stage whose base is an image (follow parent)
  std::vector<int> env_slot;                 // by instruction index: its position in its stage's env, -1

  LintInput(const dockerfile::ParsedDockerfile& p, const dockerfile::StageModel& m, const Config& c,
            const ContextInfo* ctx);

  const dockerfile::Instruction& inst(int index) const { return parsed.instructions[index]; }
  // The stages of the target's parent chain, root first: their layers make up the image.
  std::vector<int> final_chain() const;
  // The base image the final image starts from ("" for scratch or unknown).
  const dockerfile::Stage* final_root() const;
  // Instruction indexes of a stage and its parent stages, in build order.
  std::vector<int> chain_instructions(int stage) const;
  // The ARG/ENV variables in force at instruction `index` (nullptr before the first FROM).
  const dockerfile::Env* env_at(int index) const;
  // `text` expanded as BuildKit would at instruction `index`; `text` itself when it cannot be.
  std::string expand(int index, std::string_view text) const;
  // Sources and destination of COPY/ADD, expanded (heredoc markers included as written).
  std::vector<std::string> copy_sources(int index) const;
  std::string copy_destination(int index) const;
  bool in_final(int index) const {
    int s = stage_of[index];
    return s >= 0 && in_final_image[s];
  }
  // An absolute, normalised path for `path` at instruction `index` (WORKDIR-relative).
  std::string resolve(int index, std::string_view path) const;
};

// "/a/./b//c/" -> "/a/b/c"; keeps "/" for the root.
std::string normalise_path(std::string_view path);
// `path` equals `dir` or lies below it.
bool path_within(std::string_view path, std::string_view dir);

}  // namespace ballast::lint
