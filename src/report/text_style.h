// How text output is dressed for the one reading it: colour and line width.
// The CLI decides both once from the terminal (cli/terminal.h) and hands the
// style to the text renderers; piped output gets the default (no colour,
// lines whole), so scripts and goldens see plain text.
//
// Colour is ECMA-48 "Select Graphic Rendition" (ECMA-48 5th ed., 8.3.117:
// CSI Ps m; 0 default, 1 bold, 31 red, 32 green, 33 yellow, 36 cyan).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "model/severity.h"

namespace ballast::report {

struct TextStyle {
  bool color = false;
  std::size_t width = 0;  // terminal columns; 0: never cut a line
};

// What a piece of text is, not how it looks: the renderer says "a saving",
// this file picks the SGR code.
enum class Tone { kError, kWarning, kInfo, kSaving, kHeadline };

// `text` between the tone's SGR and a reset (CSI 0 m); as is without colour.
std::string paint(const TextStyle& style, Tone tone, std::string_view text);
// "error" / "warning" / "info", painted in its severity's tone.
std::string severity_word(const TextStyle& style, model::Severity severity);

// Each line of `text` cut to `width` display columns, the cut marked with
// "…"; SGR sequences take no column and a cut line ends with a reset.
// width 0 returns the text unchanged.
std::string fit_to_width(std::string_view text, std::size_t width);

}  // namespace ballast::report
