// Alpine's installed database, lib/apk/db/installed (apk-tools' "package
// info" format): one block per package separated by blank lines; "P:" name,
// "V:" version, "I:" installed size in bytes, "F:" a directory (relative to
// /) and "R:" a file in the last "F:" directory.
#pragma once

#include <string>
#include <string_view>

#include "attribution/package.h"

namespace ballast::attribution {

ParsedDb parse_apk_installed(std::string_view text, const std::string& db_path);

}  // namespace ballast::attribution
