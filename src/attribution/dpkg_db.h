// dpkg's database (deb-control(5) paragraphs, dpkg(1) FILES):
//  - var/lib/dpkg/status: one paragraph per package (Package, Status,
//    Version, Section, Priority, Installed-Size in KiB);
//  - var/lib/dpkg/status.d/<name>: distroless images ship one paragraph per
//    file instead, with the file list in status.d/<name>.md5sums;
//  - var/lib/dpkg/info/<name>[:<arch>].list: absolute paths the package
//    installed (directories included), one per line.
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

// "info/libc6:amd64.list" -> "libc6".
std::string dpkg_package_of_list(std::string_view list_path);

}  // namespace ballast::attribution
