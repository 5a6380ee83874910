#include "engine_run/process.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <signal.h>

#include <cerrno>
#include <chrono>
#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <exception>
#include <string_view>
#include <thread>

#include "util/error.h"

extern char** environ;

namespace ballast::engine_run {
namespace {

// Closes both ends on every path out of run_process.
struct Pipe {
  int fd[2] = {-1, -1};
  ~Pipe() {
    for (int f : fd)
      if (f >= 0) ::close(f);
  }
  void close_end(int i) {
    if (fd[i] >= 0) ::close(fd[i]);
    fd[i] = -1;
  }
};

std::vector<std::string> environment_with(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    bool replaced = false;
    for (const auto& x : extra) {
      auto eq = x.find('=');
      if (entry.size() > eq && entry.substr(0, eq + 1) == std::string_view(x).substr(0, eq + 1)) replaced = true;
    }
    if (!replaced) env.emplace_back(entry);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Runs the feed with SIGPIPE blocked on its thread, so that a child that
// stops reading makes the feed's write fail with EPIPE instead of killing
// the process; a SIGPIPE left pending for the thread is taken before it ends.
void run_feed(const StdinFeed& feed, Pipe& in, std::exception_ptr& failure) {
  sigset_t pipe_set;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, nullptr);
  try {
    feed(in.fd[1]);
  } catch (...) {
    failure = std::current_exception();
  }
  in.close_end(1);
  const timespec zero{0, 0};
  while (sigtimedwait(&pipe_set, nullptr, &zero) > 0) {
  }
}

ProcessResult run(const std::vector<std::string>& argv, const StdinFeed* feed, const std::vector<std::string>& extra_env,
                  std::size_t max_output, double timeout_seconds) {
  if (argv.empty()) throw std::logic_error("run_process: no program");
  Pipe out, err, in;
  if (::pipe2(out.fd, O_CLOEXEC) != 0 || ::pipe2(err.fd, O_CLOEXEC) != 0 ||
      (feed && ::pipe2(in.fd, O_CLOEXEC) != 0))
    throw InputError(argv[0] + ": " + std::strerror(errno));
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (feed) posix_spawn_file_actions_adddup2(&fa, in.fd[0], 0);
  else posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out.fd[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err.fd[1], 2);
  std::vector<std::string> args = argv;
  std::vector<std::string> env = environment_with(extra_env);
  auto c_args = c_strings(args);
  auto c_env = c_strings(env);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0].c_str(), &fa, nullptr, c_args.data(), c_env.data());
  posix_spawn_file_actions_destroy(&fa);
  out.close_end(1);
  err.close_end(1);
  in.close_end(0);
  if (rc != 0) throw InputError(argv[0] + ": cannot run (" + std::strerror(rc) + ")");

  std::exception_ptr feed_failure;
  std::thread feeder;
  if (feed) feeder = std::thread(run_feed, std::cref(*feed), std::ref(in), std::ref(feed_failure));
  ProcessResult result;
  pollfd fds[2] = {{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open = 2;
  char buf[65536];
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(timeout_seconds > 0 ? timeout_seconds : 0));
  while (open > 0) {
    int wait_ms = -1;
    if (timeout_seconds > 0 && !result.timed_out) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) {
        // Killed, then drained to EOF as usual (the pipes close with it).
        ::kill(pid, SIGKILL);
        result.timed_out = true;
      } else {
        wait_ms = static_cast<int>(std::min<long long>(left, 1000));
      }
    }
    int n = ::poll(fds, 2, wait_ms);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (n == 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t r = ::read(fds[i].fd, buf, sizeof buf);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) {
        fds[i].fd = -1;  // poll ignores negative descriptors; Pipe closes it
        --open;
        continue;
      }
      std::string& sink = *sinks[i];
      std::size_t room = max_output > sink.size() ? max_output - sink.size() : 0;
      sink.append(buf, std::min(room, static_cast<std::size_t>(r)));
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
  // The child is gone, so its end of the pipe is closed: the feed's next
  // write fails and the thread ends.
  if (feeder.joinable()) feeder.join();
  if (feed_failure) {
    // The feed could not read what it sends (InputError): that is the
    // cause, whatever the child made of the cut-off input. A failed write is
    // only the child's failure seen from this side, unless it exited 0.
    if (result.exit_code == 0) std::rethrow_exception(feed_failure);
    try {
      std::rethrow_exception(feed_failure);
    } catch (const InputError&) {
      throw;
    } catch (...) {
    }
  }
  return result;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
                          std::size_t max_output, double timeout_seconds) {
  return run(argv, nullptr, extra_env, max_output, timeout_seconds);
}

ProcessResult run_process_fed(const std::vector<std::string>& argv, const StdinFeed& feed,
                              const std::vector<std::string>& extra_env, std::size_t max_output) {
  return run(argv, &feed, extra_env, max_output, 0);
}

std::string last_lines(const std::string& text, std::size_t n) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) lines.push_back(std::move(line));
    start = end + 1;
  }
  std::string out;
  for (std::size_t i = lines.size() > n ? lines.size() - n : 0; i < lines.size(); ++i) {
    if (!out.empty()) out += '\n';
    out += lines[i];
  }
  return out;
}

}  // namespace ballast::engine_run
