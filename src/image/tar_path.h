// Tar member names as the engine applies them: relative to the root, "./"
// and "." components dropped, no trailing "/". Names that would escape the
// root ("..") or are absolute are hostile input and rejected.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ballast::image {

// Returns the cleaned path ("" for the root itself), or nullopt with *why set
// when the name is hostile.
std::optional<std::string> clean_tar_path(std::string_view name, std::string* why);

// "a/b/c" -> "a/b"; "a" -> "".
std::string_view parent_path(std::string_view path);
std::string_view base_name(std::string_view path);

}  // namespace ballast::image
