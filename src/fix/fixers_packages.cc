// Package-manager fixes inside one RUN: a flag after the subcommand
// (--no-install-recommends, --no-cache-dir, --no-cache), or a cleanup
// appended to the same RUN (`&& rm -rf /var/lib/apt/lists/*`,
// `&& npm cache clean --force`), or — with cache mounts chosen — a
// `--mount=type=cache` on the RUN so the cache never reaches the layer.
#include <set>
#include <string>

#include "fix/pass.h"

namespace ballast::fix {
namespace {

// " FLAG" after the subcommand word of every matching invocation.
struct FlagFix {
  std::string_view id;
  std::string_view flag;
  bool (*matches)(const lint::Invocation&);
  std::string_view what;  // for the description ("apt-get install")
};

void insert_flag(Pass& pass, const FlagFix& f, const std::set<int>& skip = {}) {
  for (int index : pass.flagged(f.id)) {
    if (skip.count(index)) continue;
    const auto& in = pass.inst(index);
    if (in.keyword != "run" || in.json_form) {
      pass.withhold(std::string(f.id), index, "exec-form RUN: ballast edits shell-form RUNs only");
      continue;
    }
    Proposal p{{std::string(f.id)}, in.start_line, std::string(f.what) + " " + std::string(f.flag), {}};
    for (const auto& ri : pass.invocations(index)) {
      if (!f.matches(ri->inv) || ri->inv.has_flag(f.flag)) continue;
      // The word after which the flag goes: the subcommand ("install", "add"),
      // or for `uv pip install` the `install` operand.
      std::string_view after = ri->inv.sub;
      if (ri->inv.program == "uv" && !ri->inv.operands.empty()) after = ri->inv.operands[0];
      // A bare `yarn` (its install): after the program word itself.
      if (after.empty() && !ri->shell.words.empty() && ri->shell.words[0] == ri->inv.program) after = ri->shell.words[0];
      int w = ri->word_of(after);
      if (w < 0) continue;
      std::size_t at = ri->command->words[static_cast<std::size_t>(w)].end;
      p.edits.push_back(Edit{at, at, " " + std::string(f.flag)});
    }
    if (p.edits.empty()) {
      // Another FlagFix of the same rule may match (pip and uv); a heredoc body is not edited.
      if (!pass.inst(index).heredocs.empty()) {
        pass.withhold(std::string(f.id), index, "the command is in a heredoc body: ballast does not edit those");
      }
      continue;
    }
    pass.propose(std::move(p));
  }
}

using lint::apt_install;
bool pip_install(const lint::Invocation& inv) { return inv.program == "pip" && inv.sub == "install"; }
bool uv_pip_install(const lint::Invocation& inv) {
  return inv.program == "uv" && inv.sub == "pip" && !inv.operands.empty() && inv.operands[0] == "install";
}
bool apk_add(const lint::Invocation& inv) { return inv.program == "apk" && inv.sub == "add"; }

// The RUN runs as root (where the cache directories below live).
bool as_root(Pass& pass, int index) { return pass.user_at(index).empty(); }

void mount_fix(Pass& pass, int index, std::vector<std::string> ids, std::vector<std::string_view> targets,
               std::string description) {
  // BA2005 is named only where lint reported it (it is about downloads, not lists).
  if (pass.findings_at("BA2005", index).empty()) std::erase(ids, "BA2005");
  Proposal p{std::move(ids), pass.inst(index).start_line, std::move(description), {}, true};
  std::string flags;
  for (std::size_t k = 0; k < targets.size(); ++k) {
    if (k) flags += ' ';
    flags += "--mount=type=cache,target=" + std::string(targets[k]) + ",sharing=locked";
  }
  p.edits.push_back(add_run_flag(pass, index, flags));
  pass.propose(std::move(p));
}

// Why --omit=dev could break the build or the app: a later command of the
// stage (a build script, a test run) or the CMD/ENTRYPOINT may need a
// devDependency. "" when nothing after the install runs Node tooling and the
// image starts with plain `node`.
std::string dev_dependencies_needed(Pass& pass, int index) {
  const auto& input = pass.input();
  bool after_install = false;
  for (const auto& ri : pass.invocations(index)) {
    if (after_install && lint::runs_node_tooling(ri->inv))
      return "`" + ri->inv.program + "` runs after the install in the same RUN and may need a devDependency";
    after_install = after_install || lint::npm_installs_manifest(ri->inv) || lint::yarn_installs_manifest(ri->inv);
  }
  for (int i = index + 1; i < pass.count(); ++i) {
    if (input.stage_of[i] != input.stage_of[index]) continue;
    const auto& in = pass.inst(i);
    if (in.keyword == "run" && input.runs[i]) {
      for (const auto& inv : input.runs[i]->invocations)
        if (lint::runs_node_tooling(inv))
          return "line " + std::to_string(in.start_line) + " runs `" + inv.program + "`, which may need a devDependency";
    }
    if (in.keyword == "cmd" || in.keyword == "entrypoint") {
      std::string first = command_program(in);
      if (first != "node" && !first.empty())
        return in.keyword + " starts `" + first + "`, which may run a devDependency (npm start, npx)";
    }
  }
  return "";
}

// The later RUN of the stage whose `apt-get install` reads the lists an
// update-only RUN `index` writes (it runs no update of its own); -1 if none.
int install_reading_lists(Pass& pass, int index) {
  const auto& input = pass.input();
  for (const auto& ri : pass.invocations(index)) {
    if (apt_install(ri->inv)) return -1;  // the RUN uses its own lists
  }
  for (int i = index + 1; i < pass.count(); ++i) {
    if (input.stage_of[i] != input.stage_of[index] || !input.runs[i]) continue;
    for (const auto& inv : input.runs[i]->invocations) {
      if (lint::is_apt(inv) && inv.sub == "update") return -1;
      if (apt_install(inv)) return i;
    }
  }
  return -1;
}

}  // namespace

void fix_apt_recommends(Pass& pass) {
  insert_flag(pass, FlagFix{"BA1001", "--no-install-recommends", apt_install, "apt-get install"});
}

void fix_pip_cache(Pass& pass) {
  std::set<int> mounted;
  for (int index : pass.flagged("BA1005")) {
    if (pass.options().cache_mounts && pass.inst(index).keyword == "run" && as_root(pass, index)) {
      mounted.insert(index);
      bool uv = false;
      for (const auto& ri : pass.invocations(index)) uv = uv || uv_pip_install(ri->inv);
      mount_fix(pass, index, {"BA1005", "BA2005"}, {uv ? "/root/.cache/uv" : "/root/.cache/pip"},
                uv ? "uv cache in a cache mount" : "pip cache in a cache mount (/root/.cache/pip)");
    }
  }
  insert_flag(pass, FlagFix{"BA1005", "--no-cache-dir", pip_install, "pip install"}, mounted);
  insert_flag(pass, FlagFix{"BA1005", "--no-cache", uv_pip_install, "uv pip install"}, mounted);
}

void fix_apk_cache(Pass& pass) { insert_flag(pass, FlagFix{"BA1006", "--no-cache", apk_add, "apk add"}); }

void fix_apt_lists(Pass& pass) {
  for (int index : pass.flagged("BA1002")) {
    // Removing (or mounting away) the lists here would break that install.
    if (int reader = install_reading_lists(pass, index); reader >= 0) {
      pass.withhold("BA1002", index,
                    "the RUN only updates the lists, which the apt-get install at line " +
                        std::to_string(pass.inst(reader).start_line) +
                        " reads: removing them here would break it (join the two RUNs)");
      continue;
    }
    if (pass.options().cache_mounts) {
      mount_fix(pass, index, {"BA1002", "BA2005"}, {"/var/cache/apt", "/var/lib/apt"},
                "apt cache and lists in cache mounts (/var/cache/apt, /var/lib/apt)");
      continue;
    }
    std::string why;
    auto edit = append_command(pass, index, "rm -rf /var/lib/apt/lists/*", why);
    if (!edit) {
      pass.withhold("BA1002", index, why);
      continue;
    }
    pass.propose(Proposal{{"BA1002"}, pass.inst(index).start_line,
                          "apt lists removed in the same RUN (&& rm -rf /var/lib/apt/lists/*)", {std::move(*edit)}});
  }
}

void fix_npm_cache(Pass& pass) {
  for (int index : pass.flagged("BA1008")) {
    for (const auto* f : pass.findings_at("BA1008", index)) {
      bool yarn = f->message.starts_with("yarn");
      if (pass.options().cache_mounts && as_root(pass, index)) {
        mount_fix(pass, index, {"BA1008", "BA2005"}, {yarn ? "/usr/local/share/.cache/yarn" : "/root/.npm"},
                  yarn ? "yarn cache in a cache mount" : "npm cache in a cache mount (/root/.npm)");
        continue;
      }
      std::string cmd = yarn ? "yarn cache clean" : "npm cache clean --force";
      std::string why;
      auto edit = append_command(pass, index, cmd, why);
      if (!edit) {
        pass.withhold("BA1008", index, why);
        continue;
      }
      pass.propose(Proposal{{"BA1008"}, pass.inst(index).start_line, "&& " + cmd + " in the same RUN",
                            {std::move(*edit)}});
      break;  // one append per pass: the next round handles a second cache
    }
  }
}

bool yarn_install_without_production(const lint::Invocation& inv) {
  return lint::yarn_installs_manifest(inv) && !lint::yarn_omits_dev(inv);
}

void fix_npm_omit_dev(Pass& pass) {
  std::set<int> withheld;
  const lint::ContextInfo* context = pass.input().context;
  for (int index : pass.flagged("BA1018")) {
    bool yarn = false;
    for (const auto& ri : pass.invocations(index)) yarn = yarn || lint::yarn_installs_manifest(ri->inv);
    if (yarn && context && context->yarn_berry) {
      pass.withhold("BA1018", index,
                    "Yarn 2+ (.yarnrc.yml or its yarn.lock) has no `yarn install --production`: replace the install "
                    "with `yarn workspaces focus --all --production` by hand, or build in a builder stage");
      withheld.insert(index);
      continue;
    }
    std::string why = dev_dependencies_needed(pass, index);
    if (why.empty()) continue;
    pass.withhold("BA1018", index,
                  why + (yarn ? "; build in a builder stage and copy node_modules after `yarn install --production`"
                              : "; build in a builder stage and copy node_modules after `npm prune --omit=dev`"));
    withheld.insert(index);
  }
  insert_flag(pass, FlagFix{"BA1018", "--omit=dev", lint::npm_installs_manifest, "npm ci/install"}, withheld);
  insert_flag(pass, FlagFix{"BA1018", "--production", yarn_install_without_production, "yarn install"}, withheld);
}

}  // namespace ballast::fix
