// Python's installed-distribution metadata (PyPA "Recording installed
// projects" spec): <name>-<version>.dist-info/ holds METADATA (core metadata:
// Name, Version, Requires-Dist), RECORD (CSV: path, hash, size; paths relative
// to the directory holding the .dist-info, "../" allowed for scripts) and
// top_level.txt (setuptools); legacy <name>.egg-info/ holds PKG-INFO and
// installed-files.txt (paths relative to the .egg-info directory).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attribution/package.h"

namespace ballast::attribution {

struct RecordRow {
  std::string path;  // as written
  std::optional<std::uint64_t> size;
};

// RECORD rows; rows that are not valid CSV (unterminated quotes, overlong
// lines) are skipped with a warning naming `db_path`.
std::vector<RecordRow> parse_record(std::string_view text, const std::string& db_path,
                                    std::vector<std::string>* warnings);

struct CoreMetadata {
  std::string name;
  std::string version;
  std::vector<std::string> requires_dist;
  std::string license_expression;  // License-Expression (PEP 639: an SPDX expression)
  std::string license;             // License (free text; its first line)
  std::vector<std::string> license_classifiers;  // "License :: OSI Approved :: MIT License"
  // What PackageInfo::licenses takes: the expression, else a short License
  // (not "UNKNOWN"), else each classifier's last part.
  std::vector<std::string> licenses() const;
};
// METADATA / PKG-INFO headers (RFC 822 style, up to the first blank line).
CoreMetadata parse_core_metadata(std::string_view text);

// "numpy-1.26.4.dist-info" -> {"numpy", "1.26.4"}; egg-info likewise.
std::pair<std::string, std::string> split_dist_dir_name(std::string_view dir_name);

// PEP 503 normalized name: lowercase, runs of -_. become "-".
std::string normalize_dist_name(std::string_view name);

}  // namespace ballast::attribution
