// Tar member names as the container runtimes apply them. containerd cleans
// "/" + name and joins it under the root; moby cleans the name and joins it
// under the root too, so a leading "/" or "./", "." components, repeated
// slashes and a ".." that stays inside the root ("usr/../etc") all resolve the
// same way in both: "/" and "./" are the root, "/etc/x" is "etc/x".
//
// The runtimes differ only on a ".." that climbs above the root: containerd
// keeps it at the root, moby refuses the layer (its breakout check). ballast
// follows moby and rejects it: no builder writes such a name (only a tampered
// or hostile tar does), the two engines would disagree on what the image
// holds, and Docker with its classic storage refuses to load it, so any size
// reported for it would describe an image that does not run everywhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ballast::image {

// Returns the cleaned path relative to the root ("" for the root itself), or
// nullopt with *why set when the name climbs out of the root or holds a NUL.
std::optional<std::string> clean_tar_path(std::string_view name, std::string* why);

// A symlink target as the kernel resolves it from `link_dir` (the directory
// holding the link): absolute targets start at the root, and ".." at the
// root stays there. Always resolvable; the result is relative to the root.
std::string resolve_link_target(std::string_view link_dir, std::string_view target);

// "a/b/c" -> "a/b"; "a" -> "".
std::string_view parent_path(std::string_view path);
std::string_view base_name(std::string_view path);

}  // namespace ballast::image
