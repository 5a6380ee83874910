#include "cli/terminal.h"

#include "report/progress_text.h"

#include <CLI/CLI.hpp>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace ballast::cli {
namespace {

// One choice for the process: only one subcommand runs.
std::string& color_choice() {
  static std::string choice = "auto";
  return choice;
}

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

std::size_t terminal_width(int fd) {
  if (const char* c = std::getenv("COLUMNS"); c != nullptr && *c != '\0') {
    char* end = nullptr;
    long n = std::strtol(c, &end, 10);
    if (*end == '\0' && n > 0 && n < 100000) return static_cast<std::size_t>(n);
  }
  struct winsize ws {};
  if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 0;  // a terminal that does not say: cut nothing
}

}  // namespace

void add_color_flag(CLI::App& sub) {
  sub.add_option("--color", color_choice(), "Colour in text output: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

report::TextStyle stdout_style() {
  report::TextStyle style;
  const bool tty = ::isatty(STDOUT_FILENO) == 1;
  const std::string& choice = color_choice();
  const char* term = std::getenv("TERM");
  const bool dumb = term != nullptr && std::string(term) == "dumb";
  if (choice == "always") style.color = true;
  else if (choice == "auto") style.color = tty && !env_set("NO_COLOR") && !dumb;
  if (tty) style.width = terminal_width(STDOUT_FILENO);
  return style;
}

bool stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

analysis::ProgressCallback stderr_progress() {
  if (!stderr_is_terminal()) return {};
  auto shown = std::make_shared<std::size_t>(0);  // columns on screen, to blank what a shorter line leaves
  const std::size_t width = terminal_width(STDERR_FILENO);
  return [shown, width](const analysis::ReadProgress& p) {
    // One column short of the width: a line that fills it would wrap and \r
    // would then rewrite only the second row.
    std::string line = width > 1 ? report::fit_to_width(report::render_progress_line(p), width - 1)
                                 : report::render_progress_line(p);
    const std::size_t columns = line.size();  // ASCII but for a cut's ellipsis: close enough to blank with
    if (columns < *shown) line.append(*shown - columns, ' ');
    *shown = columns;
    if (p.layers_done == p.layers_total) {
      std::fprintf(stderr, "\r%s\r%*s\r", line.c_str(), static_cast<int>(line.size()), "");
      *shown = 0;
    } else {
      std::fprintf(stderr, "\r%s", line.c_str());
    }
    std::fflush(stderr);
  };
}

}  // namespace ballast::cli
