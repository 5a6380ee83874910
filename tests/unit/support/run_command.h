// Runs a shell command line (usually the built `ballast` CLI, BALLAST_BINARY)
// for CLI-level tests: its exit code and everything it wrote to stdout
// (redirect stderr in the command to see that too).
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace ballast::testing {

struct CommandResult {
  int code = -1;  // exit status; -1 when it did not exit normally
  std::string out;
};

inline CommandResult run_command(const std::string& command) {
  CommandResult r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) r.out.append(buf, n);
  int status = ::pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace ballast::testing
