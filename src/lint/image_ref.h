// A container image reference as FROM names it, split the way the Docker
// reference grammar does (distribution/reference): an optional registry (first
// component holding '.' or ':' or "localhost"), the repository path, an
// optional :tag and an optional @digest. Base-image rules read it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ballast::lint {

struct ImageRef {
  std::string registry;    // "" when none was written (Docker Hub)
  std::string repository;  // "library/python" is written "python": kept as written
  std::string tag;         // "" when none
  std::string digest;      // "" when none ("sha256:...")

  // The last path component: "python" for harbor.example/proxy/python.
  std::string_view name() const;
};

// nullopt when `text` is not a valid reference (empty, upper case in the
// repository, blanks, a bad tag) — BuildKit's InvalidDefaultArgInFrom test.
std::optional<ImageRef> parse_image_ref(std::string_view text);

}  // namespace ballast::lint
