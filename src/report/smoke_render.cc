#include "report/smoke_render.h"

#include <utility>

#include "report/cost_report.h"

namespace ballast::report {
namespace {

using nlohmann::json;
using engine_run::SmokeMode;

json run_json(const engine_run::RunOutcome& o) {
  return {{"running", o.running}, {"exit_code", o.exit_code}, {"timed_out", o.timed_out}, {"stdout", o.out},
          {"stderr", o.err},       {"health", o.health.empty() ? json(nullptr) : json(o.health)}};
}

const char* mode_name(SmokeMode m) {
  switch (m) {
    case SmokeMode::kCommand: return "command";
    case SmokeMode::kHealth: return "healthcheck";
    case SmokeMode::kCmd: break;
  }
  return "cmd";
}

}  // namespace

std::string smoke_title(const engine_run::SmokeReport& s) {
  switch (s.mode) {
    case SmokeMode::kCommand: return "smoke test `" + s.command + "`";
    case SmokeMode::kHealth: return "smoke test: the image's HEALTHCHECK (up to " + format_seconds(s.timeout) + ")";
    case SmokeMode::kCmd: break;
  }
  return "smoke test: the image's CMD for " + format_seconds(s.seconds);
}

std::string run_summary(const engine_run::RunOutcome& o) {
  std::string s = o.timed_out ? "killed at the timeout" : o.running ? "still running" : "exit " + std::to_string(o.exit_code);
  if (!o.health.empty()) s += ", health: " + o.health;
  return s;
}

void indented(const std::string& text, std::ostream& out) {
  for (std::size_t s = 0, e; s < text.size(); s = e + 1) {
    e = text.find('\n', s);
    if (e == std::string::npos) e = text.size();
    out << "    " << text.substr(s, e - s) << '\n';
  }
}

void render_smoke_text(const engine_run::SmokeReport& s, std::ostream& out) {
  out << "  " << smoke_title(s) << ": " << (s.passed ? "passed" : "FAILED") << " (" << s.reason << ")\n";
  if (s.passed) return;
  for (auto [name, o] : {std::pair{"before", &s.before}, std::pair{"after", &s.after}}) {
    out << "  " << name << " (" << run_summary(*o) << "), stdout:\n";
    indented(o->out, out);
    if (!o->err.empty()) {
      out << "  " << name << ", stderr:\n";
      indented(o->err, out);
    }
  }
}

json smoke_to_json(const engine_run::SmokeReport& s) {
  bool cmd = s.mode == SmokeMode::kCommand;
  return {{"mode", mode_name(s.mode)},
          {"command", cmd ? json(s.command) : json(nullptr)},
          {"seconds", s.mode == SmokeMode::kCommand ? json(nullptr) : json(s.seconds)},
          {"timeout", s.mode == SmokeMode::kCmd ? json(nullptr) : json(s.timeout)},
          {"passed", s.passed},
          {"reason", s.reason},
          {"before", run_json(s.before)},
          {"after", run_json(s.after)}};
}

}  // namespace ballast::report
