// `ballast explore`'s terminal view: full screen with ncurses, drawing an
// explore::Explorer and turning keys, mouse clicks and resizes into its
// actions (docs/explore.md lists them). Thin on purpose: every number and
// every decision is the model's, so tests drive the model directly and the
// tmux suite (tests/e2e/explore_test.sh) checks only what reaches the screen.
#pragma once

#include "explore/explorer.h"

namespace ballast::tui {

struct TuiOptions {
  bool color = true;  // false under NO_COLOR (the CLI decides)
};

// Runs until the user quits; needs standard input and output on a terminal
// (the caller checks). Throws InputError when the terminal type is unusable.
void run_explore(explore::Explorer& model, const TuiOptions& options);

}  // namespace ballast::tui
