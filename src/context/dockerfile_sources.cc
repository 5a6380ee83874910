#include "context/dockerfile_sources.h"

#include "util/go_text.h"
#include "util/utf8.h"
#include "dockerfile/mount.h"
#include "dockerfile/shell_lex.h"

namespace ballast::context {

namespace {

// Relative to the context root, no escaping it: "" is the root itself.
std::string context_relative(std::string_view word) {
  std::string cleaned = go_text::clean_path("/" + std::string(word));
  return cleaned == "/" ? "" : cleaned.substr(1);
}

// A word as BuildKit expands it at build time; on an expansion error the raw
// text is kept (the build reports the error itself).
std::string expand(const std::string& raw, const dockerfile::Env& env, char escape) {
  try {
    dockerfile::LexOptions lex;
    lex.escape = escape;
    return dockerfile::expand_word(raw, env, lex);
  } catch (const InputError&) {
    return raw;
  }
}

void set_root(ContextSource& s, std::string_view word) {
  s.root = context_relative(word);
  s.root_glob = s.root.find_first_of("*?[\\") != std::string::npos;
}

// COPY --parents: `root/./pattern`, or the whole context as root.
void set_parents_root(ContextSource& s, std::string_view word) {
  s.parents = true;
  const std::size_t pivot = word.find("/./");
  set_root(s, pivot == std::string_view::npos ? std::string_view() : word.substr(0, pivot));
  s.include = context_relative(pivot == std::string_view::npos ? word : word.substr(pivot + 3));
  s.source = s.root.empty() ? s.include : s.root + "/./" + s.include;
}

void add_copy_sources(const dockerfile::Instruction& inst, const dockerfile::Stage& stage, std::size_t k,
                      const dockerfile::Env& env, char escape, std::vector<ContextSource>& out) {
  if (dockerfile::flag_value(inst, "from")) return;  // another stage or an image
  if (inst.args.size() < 2) return;
  const bool is_add = inst.keyword == "add";
  const bool parents = !is_add && dockerfile::flag_bool(inst, "parents");
  std::vector<std::string> excludes;
  for (const std::string& raw : dockerfile::flag_values(inst, "exclude")) excludes.push_back(expand(raw, env, escape));
  for (std::size_t a = 0; a + 1 < inst.args.size(); ++a) {
    const std::string& raw = inst.args[a];
    if (raw.starts_with("<<")) continue;  // heredoc source
    const std::string word = expand(raw, env, escape);
    if (is_add && (word.find("://") != std::string::npos || word.starts_with("git@"))) continue;
    ContextSource s;
    s.stage = stage.index;
    s.instruction = stage.instructions[k];
    s.line = inst.start_line;
    s.keyword = is_add ? "ADD" : "COPY";
    if (parents) {
      set_parents_root(s, word);
    } else {
      set_root(s, word);
      s.source = s.root;
    }
    s.excludes = excludes;
    s.compile();
    out.push_back(std::move(s));
  }
}

void add_bind_sources(const dockerfile::Instruction& inst, const dockerfile::Stage& stage, std::size_t k,
                      const dockerfile::Env& env, char escape, std::vector<ContextSource>& out) {
  std::vector<dockerfile::Mount> run_mounts;
  try {
    run_mounts = dockerfile::mounts(inst);
  } catch (const InputError&) {
    return;  // a malformed --mount fails the build; lint reports it
  }
  for (const dockerfile::Mount& m : run_mounts) {
    if (m.type != "bind" || !expand(m.from, env, escape).empty()) continue;
    ContextSource s;
    s.stage = stage.index;
    s.instruction = stage.instructions[k];
    s.line = inst.start_line;
    s.keyword = "RUN --mount";
    s.root = context_relative(expand(m.source, env, escape));  // a path, never a glob
    s.source = s.root;
    out.push_back(std::move(s));
  }
}

}  // namespace

std::vector<ContextSource> dockerfile_context_sources(const dockerfile::ParsedDockerfile& parsed,
                                                      const dockerfile::StageModel& model) {
  std::vector<ContextSource> out;
  for (const auto& stage : model.stages) {
    for (std::size_t k = 0; k < stage.instructions.size(); ++k) {
      const auto& inst = parsed.instructions[stage.instructions[k]];
      static const dockerfile::Env kNoEnv;
      const dockerfile::Env& env = k < stage.env.size() ? stage.env[k] : kNoEnv;
      if (inst.keyword == "copy" || inst.keyword == "add") {
        add_copy_sources(inst, stage, k, env, parsed.escape, out);
      } else if (inst.keyword == "run") {
        add_bind_sources(inst, stage, k, env, parsed.escape, out);
      }
    }
  }
  return out;
}

}  // namespace ballast::context
