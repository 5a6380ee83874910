// Fixes of COPY/ADD: ADD of plain files becomes COPY (BA4021); `RUN chown -R`
// / `chmod -R` over freshly copied files becomes COPY --chown/--chmod
// (BA1010); the dependency manifests are copied and installed before
// `COPY . .` (BA2001). Each checks what would make the rewrite change the
// image or break the build, and withholds the fix then.
#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "fix/context_change.h"
#include "fix/pass.h"
#include "util/bounded_json.h"
#include "lint/rule_util.h"

namespace ballast::fix {
namespace {

// The keyword as written, with the case of `like` ("add" -> "copy", "Add" -> "Copy").
std::string keyword_like(std::string_view like, std::string_view upper) {
  std::string out(upper);
  bool all_lower = std::all_of(like.begin(), like.end(), [](char c) { return c < 'A' || c > 'Z'; });
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (all_lower || (i > 0 && !(like.size() > 1 && like[1] >= 'A' && like[1] <= 'Z'))) {
      out[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[i])));
    }
  }
  return out;
}

std::size_t keyword_begin(const Pass& pass, int index) {
  const auto& in = pass.inst(index);
  std::size_t b = pass.source().head_begin(in);
  std::string_view t = pass.text();
  while (b < t.size() && (t[b] == ' ' || t[b] == '\t')) ++b;
  if (in.start_line == 1 && t.substr(b, 3) == "\xEF\xBB\xBF") b += 3;
  return b;
}

}  // namespace

void fix_add_to_copy(Pass& pass) {
  for (int index : pass.flagged("BA4021")) {
    const auto& in = pass.inst(index);
    bool add_only = false;
    for (std::string_view f : {"checksum", "keep-git-dir", "unpack"}) add_only = add_only || dockerfile::flag_value(in, f);
    if (add_only) {
      pass.withhold("BA4021", index, "ADD has a flag COPY does not take (--checksum, --keep-git-dir, --unpack)");
      continue;
    }
    std::size_t b = keyword_begin(pass, index);
    pass.propose(Proposal{{"BA4021"}, in.start_line, "ADD of plain files -> COPY",
                          {Edit{b, b + in.keyword_raw.size(), keyword_like(in.keyword_raw, "COPY")}}});
  }
}

// ---- BA1010 -------------------------------------------------------------

namespace {

bool octal_mode(std::string_view m) {
  return (m.size() == 3 || m.size() == 4) &&
         std::all_of(m.begin(), m.end(), [](char c) { return c >= '0' && c <= '7'; });
}

bool numeric(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Directories that hold more than what the Dockerfile copied into them.
bool system_dir(std::string_view p) {
  static constexpr std::array<std::string_view, 17> kDirs = {
      "/", "/usr", "/usr/local", "/usr/local/bin", "/usr/local/lib", "/usr/bin", "/usr/lib", "/etc", "/var",
      "/home", "/root", "/opt", "/bin", "/lib", "/sbin", "/tmp", "/usr/share"};
  return std::find(kDirs.begin(), kDirs.end(), p) != kDirs.end();
}

// A RUN before instruction `before` (in the stage chain) creates user or group `name`.
bool creates_account(Pass& pass, int stage, int before, std::string_view name) {
  for (int i : pass.input().chain_instructions(stage)) {
    if (i >= before) break;
    if (pass.inst(i).keyword != "run") continue;
    for (const auto& ri : pass.invocations(i)) {
      if (!lint::creates_account(ri->inv)) continue;
      for (std::string_view a : ri->inv.args) {
        if (a == name) return true;
      }
    }
  }
  return false;
}

}  // namespace

void fix_recursive_chown(Pass& pass) {
  const auto& input = pass.input();
  for (int index : pass.flagged("BA1010")) {
    const auto& in = pass.inst(index);
    int stage = input.stage_of[index];
    bool done = false;
    std::string earlier;  // a command before the chown in the same RUN that may write files
    for (const auto& ri : pass.invocations(index)) {
      if (done) break;
      const auto& inv = ri->inv;
      bool account = lint::creates_account(inv);
      bool recursive = (inv.program == "chown" || inv.program == "chmod" || inv.program == "chgrp") &&
                       inv.has_any_flag({"-R", "--recursive"});
      if (!recursive) {
        if (earlier.empty() && !account) earlier = inv.program.empty() ? "?" : inv.program;
        continue;
      }
      if (inv.program == "chgrp") {
        pass.withhold("BA1010", index, "chgrp -R: use COPY --chown=USER:GROUP by hand (the user is not known)");
        done = true;
        break;
      }
      // Only -R as a word of its own; any other option changes what the command does.
      int r_word = -1;
      bool other_option = false;
      for (std::string_view a : inv.args) {
        if (a == "-R" || a == "--recursive") {
          r_word = ri->word_of(a);
        } else if (a.starts_with('-')) {
          other_option = true;
        }
      }
      std::string what = inv.program + " -R";
      if (other_option || r_word < 0 || inv.operands.size() != 1) {
        pass.withhold("BA1010", index, what + " with other options or several paths: edit it by hand");
        done = true;
        break;
      }
      std::string spec(inv.sub);
      std::string path = input.resolve(index, inv.operands[0]);
      if (spec.find('$') != std::string::npos || path.find('$') != std::string::npos) {
        pass.withhold("BA1010", index, what + " uses a variable: edit it by hand");
        done = true;
        break;
      }
      if (system_dir(path)) {
        pass.withhold("BA1010", index, what + " " + path + " also covers files of the base image");
        done = true;
        break;
      }
      bool chmod = inv.program == "chmod";
      if (chmod && !octal_mode(spec)) {
        pass.withhold("BA1010", index, "chmod -R " + spec + ": COPY --chmod takes an octal mode only");
        done = true;
        break;
      }
      // The COPYs of this stage into `path`, and nothing else writing there in between.
      std::vector<int> copies;
      int same_dest = -1;
      std::string blocker;
      for (int i : input.model.stages[stage].instructions) {
        if (i >= index) break;
        const auto& e = pass.inst(i);
        if (e.keyword == "copy" || e.keyword == "add") {
          std::string dest = input.resolve(i, input.copy_destination(i));
          if (lint::path_within(dest, path)) {
            copies.push_back(i);
            if (dest == path || lint::path_within(path, dest)) same_dest = i;
          }
        } else if (e.keyword == "run" && !copies.empty()) {
          blocker = "the RUN at line " + std::to_string(e.start_line) + " may write under " + path +
                    " after the COPY: " + what + " covers those files, COPY --" + (chmod ? "chmod" : "chown") +
                    " would not";
        }
      }
      if (blocker.empty() && !earlier.empty()) {
        blocker = "`" + earlier + "` runs before " + what + " in the same RUN and may write under " + path + ": " +
                  what + " covers those files, COPY --" + (chmod ? "chmod" : "chown") + " would not";
      }
      if (copies.empty() || same_dest < 0) {
        pass.withhold("BA1010", index, what + " " + path + " covers more than the COPY at its line copied");
        done = true;
        break;
      }
      if (!blocker.empty()) {
        pass.withhold("BA1010", index, blocker);
        done = true;
        break;
      }
      std::string flag = chmod ? "chmod" : "chown";
      bool conflict = false;
      for (int c : copies) {
        if (dockerfile::flag_value(pass.inst(c), flag) || !pass.inst(c).heredocs.empty()) conflict = true;
      }
      if (conflict) {
        pass.withhold("BA1010", index, "a COPY into " + path + " already has --" + flag + " or a heredoc");
        done = true;
        break;
      }
      if (!chmod) {
        std::string user = spec.substr(0, spec.find(':'));
        std::string group = spec.find(':') == std::string::npos ? "" : spec.substr(spec.find(':') + 1);
        for (const std::string& name : {user, group}) {
          if (name.empty() || numeric(name) || name == "root") continue;
          if (!creates_account(pass, stage, copies.front(), name)) {
            pass.withhold("BA1010", index,
                          "'" + name + "' may not exist when the COPY at line " +
                              std::to_string(pass.inst(copies.front()).start_line) +
                              " runs (no useradd/adduser/groupadd before it): COPY --chown would fail");
            conflict = true;
            break;
          }
        }
        if (conflict) {
          done = true;
          break;
        }
      }
      Proposal p{{"BA1010"}, in.start_line,
                 "COPY --" + flag + "=" + spec + " instead of " + what + " " + path +
                     " (which now sets only the directory itself)",
                 {}, chmod};
      for (int c : copies) {
        std::size_t at = pass.after_keyword(c);
        p.edits.push_back(Edit{at, at, " --" + flag + "=" + spec});
      }
      // A WORKDIR made the directory with mode 0755 (BuildKit's mkdir): then
      // `chmod 755` of it changes nothing and a RUN of only that goes away.
      bool workdir_made = false;
      for (int i : input.model.stages[stage].instructions) {
        if (i >= copies.front()) break;
        if (pass.inst(i).keyword == "workdir" && input.resolve(i, ".") == path) workdir_made = true;
      }
      const auto& cmds = pass.invocations(index);
      if (chmod && (spec == "755" || spec == "0755") && workdir_made && cmds.size() == 1 && in.heredocs.empty()) {
        const SourceText& src = pass.source();
        p.description = "COPY --chmod=" + spec + " instead of " + what + " " + path +
                        " (the RUN is dropped: WORKDIR made " + path + " 0755 already)";
        p.edits.push_back(Edit{src.line(in.start_line).begin, src.whole_end(in), ""});
        pass.propose(std::move(p));
        done = true;
        break;
      }
      // Drop " -R": the command keeps setting the directory itself, which a
      // COPY into an existing directory (WORKDIR) leaves as it was.
      const auto& words = ri->command->words;
      std::size_t from = words[static_cast<std::size_t>(r_word) - 1].end;
      p.edits.push_back(Edit{from, words[static_cast<std::size_t>(r_word)].end, ""});
      pass.propose(std::move(p));
      done = true;
    }
  }
}

// ---- BA2001 -------------------------------------------------------------

namespace {

// A requirements file that names only packages (no -r/-c/-e includes, no local paths).
std::string requirements_problem(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line[b] == '#') continue;
    std::string_view l = std::string_view(line).substr(b);
    if (l.starts_with("-r") || l.starts_with("--requirement") || l.starts_with("-c") ||
        l.starts_with("--constraint") || l.starts_with("-e") || l.starts_with("--editable") ||
        l.starts_with(".") || l.starts_with("/") || l.starts_with("file:") || l.find(" @ file:") != std::string::npos) {
      return std::string("it refers to other files (") + std::string(l.substr(0, l.find(' '))) + ")";
    }
  }
  return {};
}

bool allowed_beside_install(const lint::Invocation& inv) {
  static constexpr std::array<std::string_view, 9> kPrograms = {"apt-get", "apt", "apk", "rm", "mkdir",
                                                                "echo",    "true", "pip", "uv"};
  if (std::find(kPrograms.begin(), kPrograms.end(), inv.program) != kPrograms.end()) return true;
  if ((inv.program == "npm" || inv.program == "yarn" || inv.program == "pnpm") &&
      (inv.sub == "cache" || inv.sub == "ci" || inv.sub == "install" || inv.sub.empty())) {
    return true;
  }
  return false;
}

struct Manifests {
  std::vector<std::string> files;  // paths under the COPY's destination (context-relative)
  std::string problem;
};

}  // namespace

void fix_manifests_first(Pass& pass) {
  const auto& input = pass.input();
  for (int c : pass.flagged("BA2001")) {
    const auto& copy = pass.inst(c);
    int stage = input.stage_of[c];
    const auto& ins = input.model.stages[stage].instructions;
    auto pos = std::find(ins.begin(), ins.end(), c);
    // The first RUN after it is the install (lint says so); only metadata may sit between.
    int r = -1;
    std::string blocker;
    for (auto it = pos + 1; it != ins.end(); ++it) {
      const auto& e = pass.inst(*it);
      if (e.keyword == "run") {
        r = *it;
        break;
      }
      static constexpr std::array<std::string_view, 5> kHarmless = {"env", "arg", "label", "expose", "user"};
      if (std::find(kHarmless.begin(), kHarmless.end(), e.keyword) == kHarmless.end()) {
        blocker = lint::to_lower(e.keyword) + " at line " + std::to_string(e.start_line) +
                  " sits between the COPY and the install";
        break;
      }
    }
    if (r < 0 || !blocker.empty()) {
      pass.withhold("BA2001", c, blocker.empty() ? "no install RUN follows" : blocker);
      continue;
    }
    const auto& run = pass.inst(r);
    if (run.json_form || !run.heredocs.empty()) {
      pass.withhold("BA2001", c, "the install RUN is in exec form or has a heredoc");
      continue;
    }
    std::string dest_raw = input.copy_destination(c);
    if (dest_raw.find('$') != std::string::npos || copy.keyword != "copy") {
      pass.withhold("BA2001", c, "the COPY's destination has a variable, or it is an ADD");
      continue;
    }
    std::string dest = input.resolve(c, dest_raw);
    std::string workdir = input.resolve(r, ".");
    Manifests m;
    auto under_dest = [&](const std::string& abs) -> std::optional<std::string> {
      if (abs == dest || !lint::path_within(abs, dest)) return std::nullopt;
      return dest == "/" ? abs.substr(1) : abs.substr(dest.size() + 1);
    };
    std::filesystem::path ctx = pass.context_dir();
    for (const auto& ri : pass.invocations(r)) {
      const auto& inv = ri->inv;
      if (!allowed_beside_install(inv)) {
        m.problem = "the install RUN also runs `" + (inv.program.empty() ? std::string("?") : inv.program) +
                    "`, which may read the copied sources";
        break;
      }
      if (inv.program == "pip" && inv.sub == "install") {
        for (std::size_t k = 0; k < inv.args.size(); ++k) {
          std::string_view a = inv.args[k];
          if (a == "-e" || a == "--editable" || a.starts_with("--editable=")) m.problem = "pip install -e needs the sources";
          std::string_view value;
          if ((a == "-r" || a == "--requirement" || a == "-c" || a == "--constraint") && k + 1 < inv.args.size()) {
            value = inv.args[++k];
          } else if (a.starts_with("--requirement=") || a.starts_with("--constraint=")) {
            value = a.substr(a.find('=') + 1);
          } else if (a.starts_with("-r") && a.size() > 2) {
            value = a.substr(2);
          } else if (!a.starts_with('-') && a != "install" &&
                     (a.starts_with('.') || a.starts_with('/') || a.find('/') != std::string_view::npos ||
                      a.ends_with(".whl") || a.ends_with(".tar.gz"))) {
            m.problem = "pip install " + std::string(a) + " installs from the sources";
          }
          if (value.empty()) continue;
          if (value.find('$') != std::string_view::npos) {
            m.problem = "the requirements path has a variable";
            continue;
          }
          auto rel = under_dest(input.resolve(r, value));
          if (!rel) {
            m.problem = std::string(value) + " is not under the COPY's destination " + dest;
            continue;
          }
          auto text = read_context_file(ctx / *rel);
          if (!text) {
            m.problem = "cannot read " + (ctx / *rel).string() + " to check it names only packages (--context)";
            continue;
          }
          if (auto why = requirements_problem(*text); !why.empty()) m.problem = *rel + ": " + why;
          m.files.push_back(*rel);
        }
      }
      bool node = (inv.program == "npm" && (inv.sub == "ci" || inv.sub == "install" || inv.sub == "i")) ||
                  (inv.program == "yarn" && (inv.sub.empty() || inv.sub == "install")) ||
                  (inv.program == "pnpm" && inv.sub == "install");
      if (node) {
        auto rel_dir = workdir == dest ? std::optional<std::string>("") : under_dest(workdir);
        if (!rel_dir) {
          m.problem = "the install runs outside the COPY's destination";
          break;
        }
        std::string prefix = rel_dir->empty() ? "" : *rel_dir + "/";
        auto pkg = read_context_file(ctx / (prefix + "package.json"));
        if (!pkg) {
          m.problem = "cannot read " + (ctx / (prefix + "package.json")).string() + " (--context)";
          break;
        }
        auto json = parse_bounded_json(*pkg, prefix + "package.json");
        if (json.is_discarded() || !json.is_object()) {
          m.problem = prefix + "package.json is not a JSON object";
          break;
        }
        if (json.contains("scripts") && json["scripts"].is_object()) {
          for (const char* s : {"preinstall", "install", "postinstall", "prepare", "prepublish"}) {
            if (json["scripts"].contains(s)) m.problem = prefix + "package.json has a `" + s + "` script, which may read the sources";
          }
        }
        if (json.contains("workspaces")) m.problem = prefix + "package.json has workspaces (their package.json files are needed)";
        for (const char* f : {"package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
                              "pnpm-lock.yaml", ".npmrc", ".yarnrc", ".yarnrc.yml"}) {
          std::error_code ec;
          if (std::filesystem::is_regular_file(ctx / (prefix + f), ec)) m.files.push_back(prefix + f);
        }
      }
    }
    if (m.problem.empty() && m.files.empty()) m.problem = "no dependency manifest found in the install RUN";
    if (!m.problem.empty()) {
      pass.withhold("BA2001", c, m.problem);
      continue;
    }
    // In the order the install names them, each once.
    std::vector<std::string> unique;
    for (auto& f : m.files) {
      if (std::find(unique.begin(), unique.end(), f) == unique.end()) unique.push_back(f);
    }
    m.files = std::move(unique);
    // One COPY per directory, with the original COPY's flags.
    std::map<std::string, std::vector<std::string>> by_dir;
    for (const auto& f : m.files) {
      auto slash = f.rfind('/');
      by_dir[slash == std::string::npos ? "" : f.substr(0, slash)].push_back(f);
    }
    const SourceText& src = pass.source();
    std::string indent(src.indent(copy.start_line));
    std::string flags;
    for (const auto& f : copy.flags) flags += f + " ";
    bool relative = !dest_raw.starts_with('/');
    std::string lines;
    for (const auto& [dir, files] : by_dir) {
      std::string to = relative ? (dir.empty() ? "./" : "./" + dir + "/")
                                : (dest == "/" ? "/" : dest + "/") + (dir.empty() ? "" : dir + "/");
      lines += indent + copy.keyword_raw + " " + flags + lint::join(files, " ") + " " + to + std::string(src.eol());
    }
    std::size_t copy_begin = src.line(copy.start_line).begin;
    std::size_t copy_end = src.whole_end(copy);
    std::string moved(pass.text().substr(copy_begin, copy_end - copy_begin));
    std::size_t run_end = src.whole_end(run);
    if (src.line(run.end_line).next == src.line(run.end_line).end) {  // no final newline
      moved = std::string(src.eol()) + moved;
      if (moved.ends_with('\n')) moved.erase(moved.size() - src.eol().size());
    }
    pass.propose(Proposal{{"BA2001"}, copy.start_line,
                          "copy " + lint::join(m.files, ", ") + " first, install, then the whole context",
                          {Edit{copy_begin, copy_end, lines}, Edit{run_end, run_end, moved}}});
  }
}

}  // namespace ballast::fix
