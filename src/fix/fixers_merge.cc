// BA2004 (consecutive RUNs that could be one layer): `RUN a` + `RUN b`
// become `RUN a && b` where the merge loses no cache value — the second
// removes what the first made (BA1009: merged, the bytes never reach a
// layer); it is the install that reads the lists of the first's
// `apt-get update` (apart, a cached update hands stale lists to a changed
// install); or both are cheap (mkdir, ln, chmod, useradd, echo ...: nothing
// worth a cache step of its own). Two costly steps (installs, builds) each
// keep theirs: merged, a change to the second would re-run the first.
#include <algorithm>
#include <array>
#include <string>

#include "fix/pass.h"

namespace ballast::fix {
namespace {

bool cheap(const lint::Invocation& inv) {
  static constexpr std::array<std::string_view, 16> kCheap = {
      "mkdir", "ln",       "chmod",   "chown", "chgrp", "useradd", "groupadd", "adduser",
      "addgroup", "usermod", "echo", "printf", "touch", "true",    "rm",       "mv"};
  return std::find(kCheap.begin(), kCheap.end(), inv.program) != kCheap.end();
}

enum class Why { kNone, kCleanup, kUpdate, kCheap };

Why merge_reason(Pass& pass, int first, int second, const lint::Invocation& a, const lint::Invocation& b) {
  std::string producer = "(line " + std::to_string(pass.inst(first).start_line) + ")";
  for (const auto* f : pass.findings_at("BA1009", second)) {
    if (f->message.find(producer) != std::string::npos) return Why::kCleanup;
  }
  if (lint::is_apt(a) && a.sub == "update" && lint::apt_install(b)) return Why::kUpdate;
  if (cheap(a) && cheap(b)) return Why::kCheap;
  return Why::kNone;
}

}  // namespace

void fix_merge_runs(Pass& pass) {
  const SourceText& src = pass.source();
  for (int second : pass.flagged("BA2004")) {
    int first = second - 1;
    const auto& a = pass.inst(first);
    const auto& b = pass.inst(second);
    auto withhold = [&](const std::string& why) { pass.withhold("BA2004", second, why); };
    if (a.keyword != "run" || b.keyword != "run") continue;
    if (a.json_form || b.json_form) {
      withhold("an exec-form RUN (a JSON array): there is no shell to join them with");
      continue;
    }
    if (!a.heredocs.empty() || !b.heredocs.empty()) {
      withhold("a RUN has a heredoc: ballast does not edit heredoc scripts");
      continue;
    }
    if (b.start_line != a.end_line + 1) {
      withhold("a comment or blank line sits between the RUNs: ballast does not move it");
      continue;
    }
    const auto& ia = pass.invocations(first);
    const auto& ib = pass.invocations(second);
    if (ia.size() != 1 || ib.size() != 1) continue;  // lint reports single commands only
    const RawScan& sa = pass.scan(first);
    if (sa.comment_at != std::string::npos || sa.trailing_separator ||
        (!sa.commands.empty() && sa.commands.back().separator == "&")) {
      withhold("the RUN at line " + std::to_string(a.start_line) + " ends in a comment or an operator");
      continue;
    }
    const RawScan& sb = pass.scan(second);
    if (sb.trailing_separator || (!sb.commands.empty() && sb.commands.back().separator == "&")) {
      withhold("the RUN at line " + std::to_string(b.start_line) + " ends with an operator");
      continue;
    }
    const RawInvocation& rb = *ib.front();
    if (rb.first >= rb.command->words.size()) continue;
    Why why = merge_reason(pass, first, second, ia.front()->inv, rb.inv);
    // `--only BA1009` joins cleanups only.
    if (!pass.wants("BA2004") && !(why == Why::kCleanup && pass.wants("BA1009"))) continue;
    const std::string& pa = ia.front()->inv.program;
    const std::string& pb = rb.inv.program;
    if (why == Why::kNone) {
      withhold("`" + pa + "` and `" + pb +
               "` are each a cache step worth keeping: merged, a change to one would re-run both");
      continue;
    }
    std::vector<std::string> ids{"BA2004"};
    std::string because;
    switch (why) {
      case Why::kCleanup:
        ids.push_back("BA1009");
        because = "it removes what that RUN made: the bytes never reach a layer";
        break;
      case Why::kUpdate:
        because = "the install reads the lists of that update: one cache step keeps them in step";
        break;
      default:
        because = "`" + pa + "` and `" + pb + "` are cheap: no cache step worth keeping";
    }
    std::size_t from = src.head_end(a);
    std::size_t to = rb.command->words[rb.first].begin;
    pass.propose(Proposal{std::move(ids), b.start_line,
                          "RUN joined to the RUN at line " + std::to_string(a.start_line) + " with && (" + because + ")",
                          {Edit{from, to, " && "}}});
  }
}

}  // namespace ballast::fix
