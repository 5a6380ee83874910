// A child process with its output captured: what `fix --verify` and `slim --verify` need to
// drive the `docker` CLI (the user's own client, so DOCKER_HOST, the current
// docker context and its TLS settings are honoured exactly as in their shell).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace ballast::engine_run {

struct ProcessResult {
  int exit_code = -1;  // the child's exit status; 128+N when killed by signal N
  std::string out;     // stdout, at most max_output bytes (the rest is read and dropped)
  std::string err;     // stderr, likewise
  bool timed_out = false;  // killed (SIGKILL) at the deadline
};

// Runs argv[0] (searched in PATH) with argv, stdin from /dev/null, the
// environment of this process plus `extra_env` ("KEY=VALUE", replacing a
// variable of the same name). Both pipes are drained together (poll), so a
// chatty stderr cannot block a child that is still writing stdout. Throws
// InputError when the program cannot be started ("docker: not found").
// timeout_seconds > 0: the child is killed when it runs longer.
ProcessResult run_process(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {},
                          std::size_t max_output = std::size_t{16} << 20, double timeout_seconds = 0);

// Writes a child's standard input (the descriptor of a pipe's write end,
// closed after it returns). Runs on a thread of its own while the child's
// output is drained; a write after the child stopped reading fails with
// EPIPE (never SIGPIPE). What it throws is rethrown by run_process_fed when
// it is an InputError (what it sends could not be read: the cause) or the
// child succeeded anyway; a failed write is otherwise the child's failure,
// which its exit code and stderr tell better.
using StdinFeed = std::function<void(int fd)>;

// run_process with stdin from `feed` instead of /dev/null.
ProcessResult run_process_fed(const std::vector<std::string>& argv, const StdinFeed& feed,
                              const std::vector<std::string>& extra_env = {},
                              std::size_t max_output = std::size_t{16} << 20);

// The last `n` non-empty lines of `text`, joined by '\n' (a build's error).
std::string last_lines(const std::string& text, std::size_t n);

}  // namespace ballast::engine_run
