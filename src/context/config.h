// The `context:` section of .ballast.yaml (schema: config/schema.h): the
// defaults of `ballast context` a project wants every time. Unset fields
// leave the built-in defaults; command-line flags override set ones.
//
//   context:
//     engine: buildkit     # or "20.10"
//     top: 20
//     big_file_mb: 100
//     walk_threads: 4
//     strict: true
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "context/walker.h"

namespace ballast::config {
class ConfigFile;
}

namespace ballast::context {

struct ContextSettings {
  std::optional<Engine> engine;
  std::optional<std::size_t> top;
  std::optional<std::uint64_t> big_file_mb;
  std::optional<unsigned> walk_threads;
  std::optional<bool> strict;
};

// Throws InputError "file:line: ..." on a bad value.
ContextSettings context_settings(const config::ConfigFile& file);

}  // namespace ballast::context
