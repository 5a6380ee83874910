// Who reads the output: `--color never|always|auto` (added to every
// subcommand by main.cc) and the terminal facts behind "auto" become the
// report::TextStyle of standard output, and whether stderr may show progress.
//
// auto: colour when stdout is a terminal, NO_COLOR is unset or empty
// (no-color.org) and TERM is not "dumb"; an explicit --color always wins
// over NO_COLOR, as no-color.org asks of per-invocation flags. Width: on a
// terminal COLUMNS when it is a positive number, else the tty's size
// (ioctl TIOCGWINSZ); piped output is never cut.
#pragma once

#include "analysis/read_progress.h"
#include "report/text_style.h"

namespace CLI {
class App;
}

namespace ballast::cli {

void add_color_flag(CLI::App& sub);
report::TextStyle stdout_style();
// Progress lines go to stderr only when a person watches it.
bool stderr_is_terminal();
// Reading progress as one line rewritten in place on stderr (cut to its
// width, cleared when the last layer is read); empty when stderr is no terminal.
analysis::ProgressCallback stderr_progress();

}  // namespace ballast::cli
