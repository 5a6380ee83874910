// A roff man page (man(7) macros) of a command line described by
// cli_model.h: NAME, SYNOPSIS, the caller's prose sections, OPTIONS, one
// subsection per command with its options, then the caller's closing
// sections. Deterministic (no date), so a build reproduces it byte for byte.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "clidoc/cli_model.h"

namespace ballast::clidoc {

struct ManSection {
  std::string title;                    // "DESCRIPTION", "EXIT STATUS"
  std::vector<std::string> paragraphs;  // plain text; a paragraph starting "  " is shown verbatim
};

struct ManInfo {
  std::string section = "1";
  std::string source;                // footer, e.g. "ballast 0.1.0"
  std::string manual = "User Commands";
  std::vector<ManSection> before;    // after SYNOPSIS
  std::vector<ManSection> after;     // after COMMANDS
};

void render_man(const CommandDoc& root, const ManInfo& info, std::ostream& out);

// Text made safe for roff: backslashes escaped, '-' as \-, no line starting with '.' or '\''.
std::string roff_escape(const std::string& text);

}  // namespace ballast::clidoc
