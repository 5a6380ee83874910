// dpkg's database (deb-control(5) paragraphs, dpkg(1) FILES):
//  - var/lib/dpkg/status: one paragraph per package (Package, Status,
//    Version, Section, Priority, Installed-Size in KiB);
//  - var/lib/dpkg/status.d/<name>: distroless images ship one paragraph per
//    file instead, with the file list in status.d/<name>.md5sums;
//  - var/lib/dpkg/info/<name>[:<arch>].list: absolute paths the package
//    installed (directories included), one per line;
//  - var/lib/apt/extended_states (apt's, not dpkg's): which packages apt
//    installed automatically, as dependencies.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "attribution/package.h"

namespace ballast::attribution {

// Installed packages of a status file (Status "... installed"; packages in
// config-files or not-installed state own nothing). Malformed lines are
// skipped with a warning naming `db_path` and the line.
ParsedDb parse_dpkg_status(std::string_view text, const std::string& db_path);

// Paths of a .list file, as image paths. Lines that are not absolute paths
// are skipped with a warning.
std::vector<std::string> parse_dpkg_list(std::string_view text, const std::string& db_path,
                                         std::vector<std::string>* warnings);

// status.d/<name>.md5sums: "<md5>  <path relative to />" per line.
std::vector<std::string> parse_dpkg_md5sums(std::string_view text, const std::string& db_path,
                                            std::vector<std::string>* warnings);

// A dpkg relation field (deb-control(5): "a (>= 1) | b:any, c") as groups
// of alternatives, names only: versions, architecture qualifiers and
// restriction lists are dropped ({{"a", "b"}, {"c"}}).
std::vector<std::vector<std::string>> parse_dpkg_relations(std::string_view value);

// apt's var/lib/apt/extended_states: the packages marked "Auto-Installed: 1"
// (sorted). A package it does not mark is manually installed (apt-mark(8)).
// An entry per architecture may repeat a name; any auto mark counts.
std::vector<std::string> parse_apt_auto_installed(std::string_view text);

// "info/libc6:amd64.list" -> "libc6".
std::string dpkg_package_of_list(std::string_view list_path);

}  // namespace ballast::attribution
