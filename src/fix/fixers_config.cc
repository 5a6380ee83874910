// Fixes of the image config: exec-form CMD/ENTRYPOINT (BA4005), a non-root
// USER (BA3002), and the `# syntax` directive that BuildKit-only flags need
// (BA2003, also after ballast added a cache mount or COPY --chmod).
#include <algorithm>
#include <string>

#include "fix/pass.h"
#include "lint/rule_util.h"

namespace ballast::fix {
namespace {

bool assignment_word(std::string_view w) {
  auto eq = w.find('=');
  if (eq == std::string_view::npos || eq == 0) return false;
  return std::all_of(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(eq),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string json_array(const std::vector<std::string>& words) {
  std::string out = "[";
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += ", ";
    out += '"' + words[i] + '"';  // plain words: nothing to escape
  }
  return out + "]";
}

}  // namespace

void fix_json_form(Pass& pass) {
  for (int index : pass.flagged("BA4005")) {
    const auto& in = pass.inst(index);
    if (in.keyword != "cmd" && in.keyword != "entrypoint") continue;
    const RawScan& s = pass.scan(index);
    std::string name = in.keyword == "cmd" ? "CMD" : "ENTRYPOINT";
    if (s.commands.size() != 1 || s.comment_at != std::string::npos) {
      pass.withhold("BA4005", index, name + " uses the shell (&&, |, ;, a comment): the exec form would not run it");
      continue;
    }
    const auto& words = s.commands[0].words;
    std::vector<std::string> args;
    bool plain = true;
    for (std::size_t k = 1; k < words.size(); ++k) plain = plain && words[k].plain;
    for (std::size_t k = 1; k < words.size(); ++k) args.push_back(words[k].text);
    if (!args.empty() && args[0] == "exec") args.erase(args.begin());
    if (!plain || args.empty() || assignment_word(args[0])) {
      pass.withhold("BA4005", index,
                    name + " uses shell syntax (quotes, $VARS, globs, redirections or VAR=value): the exec form "
                           "would not expand it");
      continue;
    }
    if (in.keyword == "entrypoint") {
      int stage = pass.input().stage_of[index];
      bool cmd = false;
      for (int i : pass.input().model.stages[stage].instructions) cmd = cmd || pass.inst(i).keyword == "cmd";
      if (cmd) {
        pass.withhold("BA4005", index,
                      "the stage has a CMD, which a shell-form ENTRYPOINT ignores and an exec-form one would "
                      "receive as arguments");
        continue;
      }
    }
    const SourceText& src = pass.source();
    std::size_t b = src.head_begin(in);
    std::string_view t = pass.text();
    while (b < t.size() && (t[b] == ' ' || t[b] == '\t')) ++b;
    std::size_t e = src.line(in.end_line).end;
    std::string json = json_array(args);
    std::string note = in.keyword == "entrypoint" ? " (arguments of `docker run IMAGE ARGS` now reach it)" : "";
    pass.propose(Proposal{{"BA4005"}, in.start_line, name + " " + json + note,
                          {Edit{b, e, in.keyword_raw + " " + json}}});
  }
}

namespace {

// The account a useradd/adduser command creates: useradd's last operand,
// adduser's first (options that take a value are skipped).
std::string created_user(const lint::Invocation& inv) {
  static constexpr std::array<std::string_view, 22> kValued = {
      "-u", "-g", "-G", "-d", "-s", "-c", "-k", "-K", "-p", "-e", "-f", "-h", "--uid", "--gid", "--home",
      "--home-dir", "--shell", "--gecos", "--ingroup", "--groups", "--comment", "--firstuid"};
  if (inv.program != "useradd" && inv.program != "adduser") return {};
  std::vector<std::string_view> names;
  for (std::size_t k = 0; k < inv.args.size(); ++k) {
    std::string_view a = inv.args[k];
    if (a.starts_with('-')) {
      if (a.find('=') == std::string_view::npos &&
          std::find(kValued.begin(), kValued.end(), a) != kValued.end()) {
        ++k;
      }
      continue;
    }
    names.push_back(a);
  }
  if (names.empty()) return {};
  std::string_view n = inv.program == "useradd" ? names.back() : names.front();
  return n.find('$') == std::string_view::npos ? std::string(n) : std::string();
}

}  // namespace

void fix_user(Pass& pass) {
  const auto& input = pass.input();
  for (int index : pass.flagged("BA3001")) {
    pass.withhold("BA3001", index, "USER root is set on purpose here: ballast does not undo it");
  }
  for (int index : pass.flagged("BA3002")) {
    auto chain = input.final_chain();
    if (chain.empty()) continue;
    std::string user;
    int last_step = -1;
    int low_port = 0;
    for (int i : input.chain_instructions(chain.back())) {
      const auto& e = pass.inst(i);
      if (e.keyword == "run") {
        for (const auto& ri : pass.invocations(i)) {
          if (auto u = created_user(ri->inv); !u.empty()) user = u;
        }
      }
      if (input.stage_of[i] == chain.back() &&
          (e.keyword == "run" || e.keyword == "copy" || e.keyword == "add" || e.keyword == "workdir")) {
        last_step = i;
      }
      if (e.keyword == "expose") {
        for (const auto& p : e.args) {
          int port = std::atoi(p.c_str());
          if (port > 0 && port < 1024) low_port = port;
        }
      }
    }
    if (user.empty()) {
      pass.withhold("BA3002", index,
                    "no unprivileged user is created in the image: add `RUN useradd --create-home app` and "
                    "`USER app`, then check the app writes only where app may");
      continue;
    }
    if (low_port) {
      pass.withhold("BA3002", index,
                    "EXPOSE " + std::to_string(low_port) + ": a non-root user may not bind ports below 1024");
      continue;
    }
    if (last_step < 0) last_step = input.model.stages[chain.back()].from_instruction;
    const SourceText& src = pass.source();
    const auto& at = pass.inst(last_step);
    std::size_t pos = src.whole_end(at);
    std::string line = std::string(src.indent(at.start_line)) + "USER " + user + std::string(src.eol());
    if (src.line(at.end_line).next == src.line(at.end_line).end) line = std::string(src.eol()) + line;
    pass.propose(Proposal{{"BA3002"}, at.start_line,
                          "USER " + user + " after the last build step (the user created at build time; files the "
                          "app writes must be in directories " + user + " owns)",
                          {Edit{pos, pos, line}}});
  }
}

void fix_syntax(Pass& pass) {
  if (pass.flagged("BA2003").empty()) return;
  std::size_t at = pass.text().starts_with("\xEF\xBB\xBF") ? 3 : 0;
  pass.propose(Proposal{{"BA2003"}, 1, "# syntax=docker/dockerfile:1 as the first line (BuildKit-only flags are used)",
                        {Edit{at, at, "# syntax=docker/dockerfile:1" + std::string(pass.source().eol())}}});
}

}  // namespace ballast::fix
