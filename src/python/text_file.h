// Reading project text files (requirements, TOML, INI, Python) the way their
// tools do: a UTF-8 BOM is dropped, and bytes that are not UTF-8 are noticed
// (with the line) so the caller can warn instead of misreading silently.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ballast::python {

// Whole file, without a leading UTF-8 BOM; nullopt when it cannot be read.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

// 1-based line of the first byte sequence that is not UTF-8; 0 when valid.
int first_invalid_utf8_line(std::string_view text);

// PEP 263 coding declaration in one of the first two lines ("latin-1"), or "".
std::string coding_declaration(std::string_view text);

}  // namespace ballast::python
