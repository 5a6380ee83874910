// "Did you mean": the known name closest to a misspelt one, for unknown
// subcommands and flags (src/cli/main.cc) and unknown .ballast.yaml keys
// (config/schema.h). One rule for both, so a user meets one behaviour.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace ballast {

// Optimal-string-alignment (restricted Damerau-Levenshtein) distance: an
// insertion, deletion, substitution or swap of two adjacent characters is one
// edit, so "fromat" is one edit from "format".
std::size_t edit_distance(std::string_view a, std::string_view b);

// The known name closest to `name`, or "" when none is close enough: at most
// 2 edits, and at most a third of the name's length (at least 1), so that a
// 3-letter word does not "mean" every other 3-letter word. Ties keep the
// first known name.
std::string_view closest_name(std::string_view name, std::span<const std::string_view> known);

}  // namespace ballast
