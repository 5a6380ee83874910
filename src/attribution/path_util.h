// Path helpers for package databases: the paths they list are absolute
// ("/usr/bin/ls") or relative to a directory ("../../bin/f2py" in a RECORD),
// while image paths have no leading "/" and no "." or ".." components.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ballast::attribution {

// Joins `base` (an image path) and `rel` (absolute or relative to base) and
// resolves "." and ".."; nullopt when ".." climbs above the root or the
// result is empty.
std::optional<std::string> join_image_path(std::string_view base, std::string_view rel);

std::string_view parent_dir(std::string_view path);  // "" for a top-level name
std::string_view base_name(std::string_view path);
// Extension of the base name, without the dot ("gz" for "a.tar.gz"); "" if none.
std::string_view extension(std::string_view path);

// Shell-style glob over whole image paths: '*' and '?' stay inside one path
// component, "**" spans components ("**/" also matches zero components),
// "[abc]" classes. Used by the category rule table.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace ballast::attribution
