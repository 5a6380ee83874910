#include "engine_run/smoke.h"

#include <cstdio>

namespace ballast::engine_run {
namespace {

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

std::string health_text(const std::string& h) { return h.empty() ? "no health status" : h; }

void judge_health(SmokeReport& s) {
  const std::string& a = s.before.health;
  const std::string& b = s.after.health;
  if (a == "healthy" && b == "healthy") {
    s.passed = true;
    s.reason = "both images healthy after " + seconds_text(s.seconds) + " s";
    return;
  }
  s.passed = false;
  if (a == "unhealthy" || b == "unhealthy") {
    s.reason = (a == "unhealthy" && b == "unhealthy") ? "both images unhealthy"
               : a == "unhealthy"                      ? s.before_name + " is unhealthy"
                                                       : s.after_name + " is unhealthy";
    return;
  }
  std::string where = a != "healthy" && b != "healthy" ? "in both images (" + health_text(a) + ", " + health_text(b) + ")"
                      : a != "healthy"                  ? "in " + s.before_name + " (" + health_text(a) + ")"
                                                        : "in " + s.after_name + " (" + health_text(b) + ")";
  s.reason = "not healthy within " + seconds_text(s.timeout) + " s " + where;
}

}  // namespace

void judge_smoke(SmokeReport& s) {
  const RunOutcome& a = s.before;
  const RunOutcome& b = s.after;
  if (s.mode == SmokeMode::kHealth) {
    judge_health(s);
    return;
  }
  if (a.timed_out || b.timed_out) {
    // A command that does not end proves nothing, in either image.
    s.passed = false;
    std::string where = a.timed_out && b.timed_out ? "in both images" : a.timed_out ? "in " + s.before_name : "in " + s.after_name;
    s.reason = "the smoke command did not end within " + seconds_text(s.timeout) + " s " + where;
    return;
  }
  if (s.mode == SmokeMode::kCmd && a.running && b.running) {
    s.passed = true;
    s.reason = "both images still running after the wait";
    return;
  }
  if (s.mode == SmokeMode::kCmd && a.running != b.running) {
    s.passed = false;
    s.reason = a.running ? s.after_name + " exited (code " + std::to_string(b.exit_code) + "), " + s.before_name + " still runs"
                         : s.before_name + " exited (code " + std::to_string(a.exit_code) + "), " + s.after_name + " still runs";
    return;
  }
  if (a.exit_code != b.exit_code) {
    s.passed = false;
    s.reason = "exit codes differ: " + std::to_string(a.exit_code) + " before, " + std::to_string(b.exit_code) + " after";
  } else if (a.out != b.out) {
    s.passed = false;
    s.reason = "stdout differs (same exit code " + std::to_string(a.exit_code) + ")";
  } else {
    s.passed = true;
    s.reason = "same exit code (" + std::to_string(a.exit_code) + ") and stdout";
  }
}

void run_smoke(ContainerEngine& engine, const SmokeRequest& request, const std::string& before, const std::string& after,
               SmokeReport& s) {
  if (request.command) {
    s.mode = SmokeMode::kCommand;
    s.command = *request.command;
    s.timeout = request.timeout;
    s.before = engine.run(before, s.command, s.timeout);
    s.after = engine.run(after, s.command, s.timeout);
    s.ran = true;
    judge_smoke(s);
    return;
  }
  const bool health = engine.has_healthcheck(before);
  s.mode = health ? SmokeMode::kHealth : SmokeMode::kCmd;
  s.timeout = health ? request.timeout : 0;
  s.seconds = health ? 0 : request.seconds;
  // Both at once: the wait is paid once.
  std::string a = engine.start(before, s.before);
  std::string b;
  auto remove = [&] {
    if (!a.empty()) engine.remove_container(a);
    if (!b.empty()) engine.remove_container(b);
  };
  try {
    b = engine.start(after, s.after);
    if (health) {
      // Looked at every poll_seconds until both are healthy, one is
      // unhealthy (it will not recover by itself), or the timeout passes.
      double waited = 0;
      for (;;) {
        if (!a.empty()) s.before.health = engine.health(a);
        if (!b.empty()) s.after.health = engine.health(b);
        bool done = (s.before.health == "healthy" && s.after.health == "healthy") || s.before.health == "unhealthy" ||
                    s.after.health == "unhealthy" || a.empty() || b.empty();
        if (done || waited >= request.timeout) break;
        engine.sleep(request.poll_seconds);
        waited += request.poll_seconds;
      }
      s.seconds = waited;
      for (auto [id, side] : {std::pair{&a, &s.before}, std::pair{&b, &s.after}}) {
        if (id->empty()) continue;
        std::string h = side->health;
        *side = engine.observe(*id);
        side->health = h;
      }
    } else {
      if (!a.empty() || !b.empty()) engine.sleep(s.seconds);
      if (!a.empty()) s.before = engine.observe(a);
      if (!b.empty()) s.after = engine.observe(b);
    }
  } catch (...) {
    remove();
    throw;
  }
  remove();
  s.ran = true;
  judge_smoke(s);
}

}  // namespace ballast::engine_run
