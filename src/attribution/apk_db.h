// Alpine's installed database, lib/apk/db/installed (apk-tools' "package
// info" format): one block per package separated by blank lines; "P:" name,
// "V:" version, "I:" installed size in bytes, "F:" a directory (relative to
// /) and "R:" a file in the last "F:" directory; "D:" what it depends on
// (package names or provided names such as "so:libc.musl-x86_64.so.1",
// "cmd:sh"; "!name" is a conflict) and "p:" what it provides ("so:..=1.2").
// etc/apk/world lists what the user asked for, in the same syntax as D:.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "attribution/package.h"

namespace ballast::attribution {

ParsedDb parse_apk_installed(std::string_view text, const std::string& db_path);

// The names of a D:/p: value or of the world file, versions, "@tag"s and
// conflicts dropped: "so:libc.musl-x86_64.so.1 busybox>=1.36 !foo" ->
// {"so:libc.musl-x86_64.so.1", "busybox"}.
std::vector<std::string> apk_names(std::string_view value);

}  // namespace ballast::attribution
