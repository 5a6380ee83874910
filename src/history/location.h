// Which store a command records into and reads: the --history flag, else
// `history.url` in .ballast.yaml, else .ballast/history.db beside the
// .ballast.yaml in use (so every subdirectory of a project shares one), else
// in the working directory.
#pragma once

#include <filesystem>
#include <string>

namespace ballast::config {
class ConfigFile;
}

namespace ballast::history {

// InputError "file:line: ..." when history.url is not a string.
std::string store_location(const std::string& flag, const config::ConfigFile& file,
                           const std::filesystem::path& cwd);

// What a user types for a repository, as summarize() records it: the
// default registry's prefixes ("docker.io/library/", "docker.io/",
// "localhost/") dropped.
std::string repository_argument(std::string name);

}  // namespace ballast::history
