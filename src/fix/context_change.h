// The warm rebuild of `fix --verify` measures what the guides optimise: a
// rebuild after one application source file changed. The file is one the
// build sends (the newest regular file the .dockerignore keeps, not the
// Dockerfile or the ignore file), and it is changed in a temporary copy of
// the context, so the user's tree is never written.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace ballast::fix {

// The relative path of the file to change, or nullopt when the build sends
// no regular file. `dockerfile`: excluded when it lies in the context.
std::optional<std::string> pick_changed_file(const std::filesystem::path& context,
                                             const std::filesystem::path& dockerfile);

// Blank text (newlines and spaces) unique to this call: contents no earlier
// run's warm rebuild had, so its cache entry cannot answer this one.
std::string warm_change_suffix();

// The contents of a file of the context (a manifest); nullopt when unreadable.
std::optional<std::string> read_context_file(const std::filesystem::path& path);

// Copies what the build sends (and the ignore file) from `context` into the
// empty directory `dest`, with the files of `replaced` (relative path ->
// contents: the fixed requirements) written instead of copied; then, when
// `changed` is given, appends warm_change_suffix() to dest/changed: new
// contents, so the engine's content-addressed cache misses from the first
// instruction that copies it.
void copy_context(const std::filesystem::path& context, const std::filesystem::path& dockerfile,
                  const std::filesystem::path& dest, const std::map<std::string, std::string>& replaced,
                  const std::optional<std::string>& changed);

}  // namespace ballast::fix
