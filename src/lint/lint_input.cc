#include "lint/lint_input.h"

#include <algorithm>

#include "dockerfile/shell_lex.h"
#include "util/error.h"

namespace ballast::lint {

std::string normalise_path(std::string_view path) {
  std::vector<std::string_view> parts;
  bool absolute = path.starts_with('/');
  while (!path.empty()) {
    auto slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  std::string out = absolute ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  if (out.empty()) out = ".";
  return out;
}

bool path_within(std::string_view path, std::string_view dir) {
  if (dir == "/") return path.starts_with('/');
  return path == dir || (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/');
}

bool RunInfo::cache_covers(std::string_view path) const {
  for (const auto& m : mounts) {
    if (m.type != "cache" && m.type != "tmpfs") continue;
    std::string target = normalise_path(m.target);
    if (path_within(path, target)) return true;
  }
  return false;
}

bool RunInfo::runs(std::string_view program, std::string_view sub) const {
  return std::any_of(invocations.begin(), invocations.end(), [&](const Invocation& inv) {
    return inv.program == program && (sub.empty() || inv.sub == sub);
  });
}

bool RunInfo::removes(std::string_view path, std::size_t from) const {
  for (std::size_t k = from; k < invocations.size(); ++k) {
    const auto& inv = invocations[k];
    if (inv.program != "rm") continue;
    for (std::string_view a : inv.args) {
      if (a.starts_with('-')) continue;
      std::string_view clean = a;
      auto glob = clean.find_first_of("*?[");
      if (glob != std::string_view::npos) clean = clean.substr(0, glob);
      std::string p = normalise_path(clean);
      if (path_within(p, path) || path_within(path, p)) return true;
    }
  }
  return false;
}

namespace {

bool is_shell(std::string_view prog) {
  auto slash = prog.rfind('/');
  if (slash != std::string_view::npos) prog = prog.substr(slash + 1);
  return prog == "sh" || prog == "bash" || prog == "dash" || prog == "ash" || prog == "zsh";
}

// A heredoc body is a shell script unless its shebang names something else.
bool body_is_shell(std::string_view body) {
  if (!body.starts_with("#!")) return true;
  std::string_view first = body.substr(0, body.find('\n'));
  return first.find("sh") != std::string_view::npos &&
         first.find("python") == std::string_view::npos && first.find("node") == std::string_view::npos &&
         first.find("perl") == std::string_view::npos && first.find("ruby") == std::string_view::npos;
}

void add_script(RunInfo& info, std::string_view script) {
  auto commands = dockerfile::split_shell(script);
  for (auto& c : commands) {
    info.invocations.push_back(invocation_of(c));
    info.commands.push_back(std::move(c));
  }
  if (!info.script.empty()) info.script += '\n';
  info.script.append(script);
}

RunInfo analyse_run(const dockerfile::Instruction& inst) {
  RunInfo info;
  try {
    info.mounts = dockerfile::mounts(inst);
  } catch (const InputError&) {
    // A malformed --mount is BuildKit's build error, not lint's: no mounts known.
  }
  if (inst.json_form) {
    const auto& a = inst.args;
    if (a.size() >= 3 && is_shell(a[0]) && a[1] == "-c") {
      add_script(info, a[2]);
    } else if (!a.empty()) {
      dockerfile::ShellCommand c;
      c.words = a;
      info.invocations.push_back(invocation_of(c));
      info.commands.push_back(std::move(c));
    }
    return info;
  }
  std::string_view line = inst.args.empty() ? std::string_view{} : std::string_view(inst.args[0]);
  if (inst.heredocs.empty()) {
    add_script(info, line);
    return info;
  }
  // `RUN <<EOF` (or `RUN bash <<EOF`): the bodies are the script. Otherwise the
  // bodies feed another program (`RUN python3 <<EOF`) and only the line is shell.
  auto line_commands = dockerfile::split_shell(line);
  bool line_is_script_host = line_commands.empty() ||
                             (line_commands.size() == 1 && !line_commands[0].words.empty() &&
                              is_shell(line_commands[0].words[0]));
  if (!line_is_script_host) add_script(info, line);
  for (const auto& h : inst.heredocs) {
    if (h.fd != 0) continue;
    if (line_is_script_host && body_is_shell(h.content)) add_script(info, h.content);
  }
  return info;
}

}  // namespace

LintInput::LintInput(const dockerfile::ParsedDockerfile& p, const dockerfile::StageModel& m, const Config& c,
                     const ContextInfo* ctx)
    : parsed(p), model(m), config(c), context(ctx) {
  std::size_t n = parsed.instructions.size();
  runs.resize(n);
  stage_of.assign(n, -1);
  env_slot.assign(n, -1);
  workdir.assign(n, "/");
  for (const auto& stage : model.stages) {
    if (stage.from_instruction >= 0) stage_of[stage.from_instruction] = stage.index;
    for (std::size_t k = 0; k < stage.instructions.size(); ++k) {
      stage_of[stage.instructions[k]] = stage.index;
      if (k < stage.env.size()) env_slot[stage.instructions[k]] = static_cast<int>(k);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (parsed.instructions[i].keyword == "run") runs[i] = analyse_run(parsed.instructions[i]);
  }
  // WORKDIR is inherited from a parent stage; relative ones stack.
  std::vector<std::string> stage_end_workdir(model.stages.size(), "/");
  for (const auto& stage : model.stages) {
    std::string wd = stage.parent >= 0 ? stage_end_workdir[stage.parent] : "/";
    for (std::size_t k = 0; k < stage.instructions.size(); ++k) {
      int i = stage.instructions[k];
      const auto& inst = parsed.instructions[i];
      if (inst.keyword == "workdir" && !inst.args.empty()) {
        std::string arg = inst.args[0];
        if (k < stage.env.size()) {
          try {
            arg = dockerfile::expand_word(arg, stage.env[k]);
          } catch (const InputError&) {
          }
        }
        wd = normalise_path(arg.starts_with('/') ? arg : wd + "/" + arg);
      }
      workdir[i] = wd;
    }
    stage_end_workdir[stage.index] = wd;
  }
  in_final_image.assign(model.stages.size(), false);
  root_stage.resize(model.stages.size());
  for (const auto& stage : model.stages) {
    int s = stage.index;
    while (model.stages[s].parent >= 0 && model.stages[s].parent != s) s = model.stages[s].parent;
    root_stage[stage.index] = s;
  }
  for (int s : final_chain()) in_final_image[s] = true;
}

std::vector<int> LintInput::final_chain() const {
  std::vector<int> chain;
  int s = model.target;
  while (s >= 0 && s < static_cast<int>(model.stages.size()) &&
         std::find(chain.begin(), chain.end(), s) == chain.end()) {
    chain.push_back(s);
    s = model.stages[s].parent;
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

const dockerfile::Stage* LintInput::final_root() const {
  auto chain = final_chain();
  if (chain.empty()) return nullptr;
  return &model.stages[chain.front()];
}

std::vector<int> LintInput::chain_instructions(int stage) const {
  // A stage's parent is always an earlier stage (FROM names a stage defined
  // above), so the walk ends; no search of the visited list (which made long
  // FROM chains cubic).
  std::vector<int> stages;
  for (int s = stage; s >= 0; s = model.stages[s].parent) {
    stages.push_back(s);
    if (model.stages[s].parent >= s) break;
  }
  std::vector<int> out;
  for (auto it = stages.rbegin(); it != stages.rend(); ++it) {
    const auto& ins = model.stages[*it].instructions;
    out.insert(out.end(), ins.begin(), ins.end());
  }
  return out;
}

const dockerfile::Env* LintInput::env_at(int index) const {
  if (index < 0 || index >= static_cast<int>(env_slot.size()) || env_slot[index] < 0) return nullptr;
  return &model.stages[stage_of[index]].env[env_slot[index]];
}

std::string LintInput::expand(int index, std::string_view text) const {
  // BuildKit runs these words through its shell lexer: variables expand and
  // quotes are syntax (`WORKDIR "/app"` is /app).
  if (text.find_first_of("$'\"") == std::string_view::npos) return std::string(text);
  const dockerfile::Env* env = env_at(index);
  if (!env) return std::string(text);
  try {
    dockerfile::LexOptions options;
    options.escape = parsed.escape;
    options.skip_unset = true;
    return dockerfile::expand_word(text, *env, options);
  } catch (const InputError&) {
    return std::string(text);
  }
}

std::vector<std::string> LintInput::copy_sources(int index) const {
  std::vector<std::string> out;
  const auto& args = inst(index).args;
  for (std::size_t i = 0; i + 1 < args.size(); ++i) out.push_back(expand(index, args[i]));
  return out;
}

std::string LintInput::copy_destination(int index) const {
  const auto& args = inst(index).args;
  return args.empty() ? std::string() : expand(index, args.back());
}

std::string LintInput::resolve(int index, std::string_view path) const {
  if (path.starts_with('/')) return normalise_path(path);
  std::string base = index >= 0 && index < static_cast<int>(workdir.size()) ? workdir[index] : "/";
  return normalise_path(base + "/" + std::string(path));
}

}  // namespace ballast::lint
