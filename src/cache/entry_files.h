// The entry files of a layers/ folder, for eviction and `ballast cache`.
// Least recently used = oldest mtime: a hit touches its entry (atime is not
// kept by relatime/noatime mounts). Safe with other processes working on the
// same folder: a file that vanishes between listing and removal is skipped.
#pragma once

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

namespace ballast::cache {

struct EntryFile {
  std::filesystem::path path;
  std::uint64_t size = 0;
  std::time_t used = 0;  // mtime: written or last hit
};

// Entries (*.layer), oldest use first. A missing folder has none.
std::vector<EntryFile> list_entries(const std::filesystem::path& dir);

struct PruneResult {
  std::uint64_t removed = 0, removed_bytes = 0;
  std::uint64_t kept = 0, kept_bytes = 0;
  std::uint64_t temp_removed = 0;  // temporary files of writers that died
};

// Removes least recently used entries until the rest fit in max_bytes, and
// temporary files older than an hour (a writer that crashed; live writers
// rename theirs within seconds).
PruneResult prune_entries(const std::filesystem::path& dir, std::uint64_t max_bytes);

struct FolderSummary {
  std::uint64_t entries = 0, bytes = 0;
  std::time_t oldest = 0, newest = 0;  // least / most recent use (0: no entries)
};
FolderSummary summarize_entries(const std::filesystem::path& dir);

// The temporary name a writer uses before renaming onto `final_name`.
std::string temp_name(const std::string& final_name);
bool is_temp_name(const std::string& name);

}  // namespace ballast::cache
