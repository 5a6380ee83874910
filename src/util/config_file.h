// Where ballast's one configuration file lives: .ballast.yaml (or
// .ballast.yml) in a directory or its nearest parent, like .editorconfig.
// Each command reads its own section (`lint:`, `analyze:`) and ignores the
// others, so one file serves the whole project.
#pragma once

#include <filesystem>
#include <optional>

namespace ballast {

// nullopt when neither `start_dir` nor any parent holds one.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start_dir);

}  // namespace ballast
